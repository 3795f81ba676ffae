package org.avca4j.trainer.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.model.MethodGraph;
import org.avca4j.trainer.model.MlpBlock;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the networks with an audio branch, a video branch and a text branch share (CJME, AVGZSLNet):
 * the paired batch as training input, inference outputs {@link #THETA_A}, {@link #THETA_V}, {@link
 * #THETA_W} (and {@link #GATE} for a gated rule), the three-mode distances of {@link
 * BranchDistances}, checkpoints named by the architecture. A subclass builds its graph in its
 * constructor and ends it with {@link MethodGraph#finishTraining}. Not thread-safe.
 */
public abstract class TwoBranchNetwork implements GraphMethodNetwork {

    /** Inference output: the audio embedding {@code [n, outDim]}. */
    public static final String THETA_A = "theta_a";

    /** Inference output: the video embedding {@code [n, outDim]}. */
    public static final String THETA_V = "theta_v";

    /** Inference output: the class embedding {@code [c, outDim]}. */
    public static final String THETA_W = "theta_w";

    /** Inference output of a gated rule: the hard gate ω̄ ∈ {0, 1} {@code [n, 1]}. */
    public static final String GATE = "gate";

    /** The audio embedding net's arrays are named "f_a.fc1.W", "f_a.bn1.mean", …. */
    public static final String AUDIO_NET = "f_a";

    /** The video embedding net. */
    public static final String VIDEO_NET = "f_v";

    /** The text embedding net. */
    public static final String TEXT_NET = "f_t";

    /** A gated rule's BatchNorm over [a‖v] ("g.bn.gamma", …). */
    public static final String GATE_NORM = "g.bn";

    /** A gated rule's Linear after it ("g.fc.W", "g.fc.b"); a sigmoid follows. */
    public static final String GATE_LINEAR = "g.fc";

    private final String methodId;
    private final MethodSettings settings;
    private final MethodContext context;
    private final MethodGraph graph;
    private final ScoringRule rule;
    private final int outDim;
    private final MlpBlock.Output embeddingOutput;
    private final String architecture;

    /**
     * @param settings the method's settings, recorded in the checkpoint header
     */
    protected TwoBranchNetwork(
            String methodId,
            MethodContext context,
            MethodSettings settings,
            DataType dataType,
            ScoringRule rule,
            int outDim,
            MlpBlock.Output embeddingOutput) {
        this.methodId = methodId;
        this.settings = settings;
        this.context = context;
        this.embeddingOutput = embeddingOutput;
        this.graph = new MethodGraph(dataType, context.seed());
        this.rule = rule;
        this.outDim = outDim;
        this.architecture = GraphMethodNetwork.architecture(methodId, context, settings);
    }

    /** The graph (for the subclass's build, tests and export). */
    @Override
    public MethodGraph graph() {
        return graph;
    }

    /** The id of the method the network belongs to. */
    public String methodId() {
        return methodId;
    }

    /** The settings the network was built with. */
    public MethodSettings methodSettings() {
        return settings;
    }

    /** The stage the network was built for. */
    public MethodContext context() {
        return context;
    }

    /** How BOTH combines the two branch distances. */
    public ScoringRule scoringRule() {
        return rule;
    }

    /** What ends the three embedding nets (for the exporter). */
    public MlpBlock.Output embeddingOutput() {
        return embeddingOutput;
    }

    /** Width of the joint space. */
    public int outDim() {
        return outDim;
    }

    /**
     * @throws IllegalArgumentException if the batch's widths do not match or it has fewer than 2
     *     clips
     */
    @Override
    public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
        return lossTerms(
                graph.step(PairedBatch.inputs(batch), batch.size(), learningRate, stepSeed));
    }

    /** The graph's "total" and named terms as {@link LossTerms}. */
    public static LossTerms lossTerms(Map<String, Double> graphTerms) {
        Map<String, Double> terms = new LinkedHashMap<>(graphTerms);
        double total = terms.remove("total");
        return new LossTerms(total, terms);
    }

    /** The inference outputs of clips: θa, θv and, for a gated rule, the gate. */
    public Map<String, float[]> embedClips(float[] audio, float[] video, int n) {
        checkRows("audio", audio, n, context.audioDim());
        checkRows("video", video, n, context.videoDim());
        Map<String, float[]> clips = new LinkedHashMap<>();
        clips.put(PairedBatch.AUDIO, audio);
        clips.put(PairedBatch.VIDEO, video);
        List<String> outputs =
                rule == ScoringRule.GATED
                        ? List.of(THETA_A, THETA_V, GATE)
                        : List.of(THETA_A, THETA_V);
        return graph.infer(clips, outputs);
    }

    /** θw of {@code c} raw class embeddings. */
    public float[] embedText(float[] text, int c) {
        checkRows("text", text, c, context.textDim());
        return graph.infer(Map.of(PairedBatch.TEXT, text), List.of(THETA_W)).get(THETA_W);
    }

    /**
     * @throws IllegalArgumentException if the widths do not match the network
     */
    @Override
    public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
        Map<String, float[]> e = embedClips(audio, video, n);
        return BranchDistances.of(
                e.get(THETA_A),
                e.get(THETA_V),
                embedText(text, c),
                n,
                c,
                outDim,
                rule,
                e.get(GATE));
    }

    /** The line this network's checkpoints carry ({@link GraphMethodNetwork#architecture}). */
    @Override
    public String architecture() {
        return architecture;
    }

    private static void checkRows(String field, float[] data, int n, int width) {
        if (data == null || n < 1 || data.length != (long) n * width) {
            throw new IllegalArgumentException(
                    field
                            + ": expected "
                            + n
                            + " rows of "
                            + width
                            + " values, got "
                            + (data == null ? "none" : data.length + " values"));
        }
    }
}
