package org.avca4j.trainer.method;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.avca4j.sdk.evaluation.ScoringKernel;
import org.avca4j.trainer.model.AdamL2Optimizer;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.model.CheckpointFile;
import org.avca4j.trainer.model.DropoutMasks;
import org.avca4j.trainer.model.GradientRunner;
import org.avca4j.trainer.model.InputArrays;
import org.avca4j.trainer.model.NativeArrays;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network of a single-embedding method (DEVISE family, APN; docs/baselines.md) over the graph
 * its method built: a step feeds {@code x = [v ‖ a]} (normalised if the method says so), the clips'
 * class rows and the step's dropout masks, differentiates the loss and applies Adam; an evaluation
 * embeds every clip with e(x) and scores it by the Euclidean distance to each candidate's raw text
 * embedding, one matrix for every mode.
 *
 * <p>Not thread-safe.
 */
public final class SingleEmbeddingNetwork implements MethodNetwork {

    /** Adam of the comparison methods: β 0.9/0.999, ε 1e-8, no weight decay. */
    public static final AdamSettings ADAM = new AdamSettings(0.9, 0.999, 1e-8, 0.0);

    private final SingleEmbeddingGraph graph;
    private final MethodContext context;
    private final boolean normInputs;
    private final String architecture;
    private final SameDiff sd;
    private final AdamL2Optimizer adam;
    private final DropoutMasks masks;
    private final GradientRunner runner;
    private final InputArrays inputs;
    private boolean closed;

    /**
     * @param graph a complete graph (loss and embedding set)
     * @param normInputs whether x is L2-normalised before the graph
     * @param architecture names the method, its widths and settings; a checkpoint loads only into a
     *     network of the same text
     * @throws IllegalStateException if the graph lacks its loss or embedding
     */
    public SingleEmbeddingNetwork(
            SingleEmbeddingGraph graph, boolean normInputs, String architecture) {
        graph.checkComplete();
        this.graph = graph;
        this.context = graph.context();
        this.normInputs = normInputs;
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.sd = graph.sameDiff();
        this.adam = new AdamL2Optimizer(ADAM, graph.store().trainable());
        this.masks = new DropoutMasks(graph.pass(), graph.dataType());
        this.runner =
                new GradientRunner(
                        sd,
                        graph.lossOutputs(),
                        new ArrayList<>(graph.store().trainable().keySet()));
        this.inputs = new InputArrays(graph.dataType());
    }

    /**
     * @throws IllegalArgumentException if the batch's widths do not match the network or a label is
     *     not a training class of the stage
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
        OutAndGrad result = runner.run(placeholders(batch, stepSeed));
        LossTerms losses = lossTerms(result.getOutputs());
        adam.step(graph.store().trainable(), result.getGradients(), learningRate);
        return losses;
    }

    /**
     * The loss of a batch in training mode (with the step's dropout masks), without any update.
     *
     * @throws IllegalArgumentException as {@link #step}
     * @throws IllegalStateException if the network is closed
     */
    public LossTerms loss(TrainingBatch batch, long stepSeed) {
        return lossTerms(sd.output(placeholders(batch, stepSeed), graph.lossOutputs()));
    }

    /**
     * The gradient of the loss of a batch by parameter name (copies), without any update.
     *
     * @throws IllegalArgumentException as {@link #step}
     * @throws IllegalStateException if the network is closed
     */
    public Map<String, INDArray> gradients(TrainingBatch batch, long stepSeed) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        runner.run(placeholders(batch, stepSeed))
                .getGradients()
                .forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    /** The trained arrays by name (live: a change takes effect at the next call). */
    public Map<String, INDArray> parameters() {
        checkOpen();
        return graph.store().trainable();
    }

    /**
     * The inference path, for the exporter.
     *
     * @throws IllegalStateException if the network is closed
     */
    public LinearEmbedding linearEmbedding() {
        checkOpen();
        INDArray w = graph.store().array(graph.embeddingWeight());
        return new LinearEmbedding(
                context.audioDim(),
                context.videoDim(),
                context.textDim(),
                normInputs,
                w.dup('c').data().asFloat());
    }

    /**
     * e(x) of clips in inference mode, {@code [n*textDim]}.
     *
     * @throws IllegalArgumentException if the arrays' lengths do not match {@code n} clips
     * @throws IllegalStateException if the network is closed
     */
    public float[] embed(float[] audio, float[] video, int n) {
        checkOpen();
        float[] x =
                ClipInputs.videoThenAudio(
                        "", audio, video, n, context.audioDim(), context.videoDim(), normInputs);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(SingleEmbeddingGraph.INPUT, inputs.rows("x", x, n, graph.inputDim()));
        INDArray e =
                sd.output(ph, SingleEmbeddingGraph.EMBEDDING).get(SingleEmbeddingGraph.EMBEDDING);
        return e.castTo(DataType.FLOAT).data().asFloat();
    }

    /**
     * @throws IllegalArgumentException if the widths do not match the network
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
        int dim = context.textDim();
        InputArrays.checkLength("text", text, c, dim);
        float[] e = embed(audio, video, n);
        float[] d = new float[n * c];
        for (int i = 0; i < n; i++) {
            ScoringKernel.distances(e, i * dim, text, c, dim, d, i * c);
        }
        return ModeDistances.single(d, n, c);
    }

    /**
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void save(Path file) throws IOException {
        checkOpen();
        CheckpointFile.writeMethod(file, architecture, adam.steps(), checkpointArrays());
    }

    /**
     * @throws IOException if the file cannot be read, is damaged, or belongs to another method or
     *     architecture; the network is then unchanged
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void load(Path file) throws IOException {
        checkOpen();
        adam.restoreSteps(CheckpointFile.loadMethod(file, architecture, checkpointArrays()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        NativeArrays.closeSessions(runner.gradientFunction());
        NativeArrays.closeSessions(sd);
        masks.release();
        inputs.release();
        NativeArrays.close(adam.firstMoments().values());
        NativeArrays.close(adam.secondMoments().values());
        NativeArrays.close(graph.store().trainable().values());
    }

    private Map<String, INDArray> placeholders(TrainingBatch batch, long stepSeed) {
        checkOpen();
        Objects.requireNonNull(batch, "batch");
        int n = batch.size();
        float[] x =
                ClipInputs.videoThenAudio(
                        "TrainingBatch.",
                        batch.audio(),
                        batch.video(),
                        n,
                        context.audioDim(),
                        context.videoDim(),
                        normInputs);
        float[] y = ClipInputs.oneHot(context.rows(batch.labels()), context.trainClassCount());
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(
                SingleEmbeddingGraph.INPUT,
                inputs.reused(SingleEmbeddingGraph.INPUT, "x", x, n, graph.inputDim()));
        ph.put(
                SingleEmbeddingGraph.LABELS,
                inputs.reused(
                        SingleEmbeddingGraph.LABELS,
                        "TrainingBatch.labels",
                        y,
                        n,
                        context.trainClassCount()));
        masks.fill(n, new SplittableRandom(stepSeed), ph);
        return ph;
    }

    private LossTerms lossTerms(Map<String, INDArray> outputs) {
        Map<String, Double> terms = new LinkedHashMap<>();
        graph.terms().forEach((term, output) -> terms.put(term, outputs.get(output).getDouble(0)));
        return new LossTerms(outputs.get(SingleEmbeddingGraph.LOSS).getDouble(0), terms);
    }

    private Map<String, INDArray> checkpointArrays() {
        return CheckpointFile.methodArrays(
                graph.store().trainable(), adam.firstMoments(), adam.secondMoments());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the network is closed");
        }
    }
}
