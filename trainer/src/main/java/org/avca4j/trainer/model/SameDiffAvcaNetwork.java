package org.avca4j.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AvcaNetwork} on an ND4J SameDiff graph: gradients from SameDiff, PyTorch's Adam with L2
 * weight decay applied in place ({@link AdamL2Optimizer}), BatchNorm running statistics updated
 * outside the gradient in the reference's order, dropout masks drawn from the step seed.
 *
 * <p>Not thread-safe.
 */
public final class SameDiffAvcaNetwork implements AvcaNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(SameDiffAvcaNetwork.class);

    static {
        // Before anything of this class touches ND4J: its OpenMP reads the wait policy when it
        // loads; then ND4J's ops and BLAS get one thread.
        NativeThreading.prepareNd4j();
    }

    private final AvcaGraph graph;
    private final SameDiff sd;
    private final AdamL2Optimizer adam;
    private final DropoutMasks trainMasks;
    private final DropoutMasks postMasks;
    private final List<String> trainOutputs;
    private final List<String> postOutputs;
    private final List<String> trainableNames;
    private final GradientRunner gradients;
    private final InputArrays inputs;
    private boolean closed;

    private SameDiffAvcaNetwork(Builder b) {
        this.graph = new AvcaGraph(b.config, b.dataType, b.initSeed);
        this.sd = graph.sameDiff();
        this.inputs = new InputArrays(b.dataType);
        this.adam = new AdamL2Optimizer(b.adam, graph.store().trainable());
        this.trainMasks = new DropoutMasks(graph.trainPass(), b.dataType);
        this.postMasks = new DropoutMasks(graph.postPass(), b.dataType);
        this.trainOutputs = new ArrayList<>(AvcaGraph.LOSS_OUTPUTS);
        this.trainOutputs.add(graph.trainPass().statisticsOutput());
        this.postOutputs = List.of(graph.postPass().statisticsOutput());
        this.trainableNames = new ArrayList<>(graph.store().trainable().keySet());
        this.gradients = new GradientRunner(sd, trainOutputs, trainableNames);
        if (!b.listeners.isEmpty()) {
            sd.addListeners(b.listeners);
            gradients.gradientFunction().addListeners(b.listeners);
        }
        LOG.debug(
                "Built AVCA graph {} ({}): {} trained arrays, {} BatchNorm calls per step",
                b.config,
                b.dataType,
                trainableNames.size(),
                graph.trainPass().calls().size() + graph.postPass().calls().size());
    }

    /** A builder; {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A FLOAT network with the reference's Adam settings. */
    public static SameDiffAvcaNetwork create(AvcaConfig config, long initSeed) {
        return builder().setConfig(config).optInitSeed(initSeed).build();
    }

    @Override
    public AvcaConfig config() {
        return graph.config();
    }

    /** The floating-point type of every array of the graph. */
    public DataType dataType() {
        return graph.dataType();
    }

    /**
     * @throws IllegalArgumentException if the batch's widths do not match the config or it has
     *     fewer than 2 clips (BatchNorm needs two to estimate a variance)
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public StepLosses step(TrainingBatch batch, double learningRate, long stepSeed) {
        SplittableRandom masks = new SplittableRandom(stepSeed);
        Map<String, INDArray> ph = trainingPlaceholders(batch, masks);
        OutAndGrad result = runGradient(ph);
        Map<String, INDArray> out = result.getOutputs();
        StepLosses losses =
                new StepLosses(
                        scalar(out, AvcaGraph.LOSS),
                        scalar(out, AvcaGraph.LOSS_REC),
                        scalar(out, AvcaGraph.LOSS_CT),
                        scalar(out, AvcaGraph.LOSS_W),
                        scalar(out, AvcaGraph.LOSS_T),
                        scalar(out, AvcaGraph.LOSS_R));
        adam.step(graph.store().trainable(), result.getGradients(), learningRate);
        graph.trainPass().applyStatistics(out, batch.size());

        Map<String, INDArray> post = new HashMap<>();
        post.put(AvcaGraph.AUDIO, ph.get(AvcaGraph.AUDIO));
        post.put(AvcaGraph.VIDEO, ph.get(AvcaGraph.VIDEO));
        post.put(AvcaGraph.TEXT, ph.get(AvcaGraph.TEXT));
        postMasks.fill(batch.size(), masks, post);
        graph.postPass().applyStatistics(sd.output(post, postOutputs), batch.size());
        return losses;
    }

    /**
     * @throws IllegalArgumentException if the arrays' lengths do not match {@code n} clips
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public float[] embedVideo(float[] audio, float[] video, int n) {
        return embedClips(AvcaGraph.THETA_V, audio, video, n);
    }

    /**
     * @throws IllegalArgumentException if the arrays' lengths do not match {@code n} clips
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public float[] embedAudio(float[] audio, float[] video, int n) {
        return embedClips(AvcaGraph.THETA_A, audio, video, n);
    }

    /**
     * @throws IllegalArgumentException if the array's length is not {@code c·textDim}
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public float[] embedText(float[] text, int c) {
        checkOpen();
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(AvcaGraph.TEXT, rows("text", text, c, config().textDim()));
        return sd.output(ph, AvcaGraph.THETA_W).get(AvcaGraph.THETA_W).data().asFloat();
    }

    /**
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public AvcaWeights weights() {
        checkOpen();
        return NetworkState.weights(config(), graph.store());
    }

    /**
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void save(Path file) throws IOException {
        checkOpen();
        CheckpointFile.write(file, config(), adam.steps(), checkpointArrays());
    }

    /**
     * @throws IOException if the file cannot be read, is not a checkpoint, or belongs to another
     *     architecture; the network is then unchanged
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void load(Path file) throws IOException {
        checkOpen();
        NetworkState.load(file, config(), graph.store(), adam);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The op outputs cached by both functions' sessions, then every array this network made.
        NativeArrays.closeSessions(gradients.gradientFunction());
        NativeArrays.closeSessions(sd);
        trainMasks.release();
        postMasks.release();
        inputs.release();
        NativeArrays.close(adam.firstMoments().values());
        NativeArrays.close(adam.secondMoments().values());
        NativeArrays.close(graph.store().trainable().values());
        NativeArrays.close(graph.store().state().values());
    }

    // ---- package-private hooks for tests and the benchmark ----

    /** Loss and gradients of a batch in training mode, without any update. */
    OutAndGrad lossAndGradients(TrainingBatch batch, long stepSeed) {
        return runGradient(trainingPlaceholders(batch, new SplittableRandom(stepSeed)));
    }

    /**
     * As {@link #lossAndGradients}, through SameDiff's own {@code calculateGradientsAndOutputs}.
     */
    OutAndGrad lossAndGradientsBySameDiff(TrainingBatch batch, long stepSeed) {
        return sd.calculateGradientsAndOutputs(
                trainingPlaceholders(batch, new SplittableRandom(stepSeed)),
                trainOutputs,
                trainableNames);
    }

    /** The training-mode loss terms of a batch, without any update. */
    Map<String, INDArray> trainingOutputs(TrainingBatch batch, long stepSeed) {
        return sd.output(trainingPlaceholders(batch, new SplittableRandom(stepSeed)), trainOutputs);
    }

    /** The live array of a parameter or of state. */
    INDArray array(String name) {
        return graph.store().array(name);
    }

    /** Names of the trained arrays. */
    List<String> trainableNames() {
        return List.copyOf(trainableNames);
    }

    /** Adam's first moments by parameter name (live). */
    Map<String, INDArray> adamMoments() {
        return adam.firstMoments();
    }

    AvcaGraph graph() {
        return graph;
    }

    // ---- internals ----

    /**
     * Loss outputs and gradients from one run of the gradient function ({@link GradientRunner}).
     */
    private OutAndGrad runGradient(Map<String, INDArray> placeholders) {
        return gradients.run(placeholders);
    }

    private Map<String, INDArray> trainingPlaceholders(
            TrainingBatch batch, SplittableRandom masks) {
        checkOpen();
        Objects.requireNonNull(batch, "batch");
        int n = batch.size();
        if (n < 2) {
            throw new IllegalArgumentException(
                    "TrainingBatch.size must be >= 2 (BatchNorm), got " + n);
        }
        AvcaConfig c = config();
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(
                AvcaGraph.AUDIO,
                reused(AvcaGraph.AUDIO, "TrainingBatch.audio", batch.audio(), n, c.audioDim()));
        ph.put(
                AvcaGraph.VIDEO,
                reused(AvcaGraph.VIDEO, "TrainingBatch.video", batch.video(), n, c.videoDim()));
        ph.put(
                AvcaGraph.TEXT,
                reused(AvcaGraph.TEXT, "TrainingBatch.text", batch.text(), n, c.textDim()));
        ph.put(
                AvcaGraph.NEG_AUDIO,
                reused(
                        AvcaGraph.NEG_AUDIO,
                        "TrainingBatch.negAudio",
                        batch.negAudio(),
                        n,
                        c.audioDim()));
        ph.put(
                AvcaGraph.NEG_VIDEO,
                reused(
                        AvcaGraph.NEG_VIDEO,
                        "TrainingBatch.negVideo",
                        batch.negVideo(),
                        n,
                        c.videoDim()));
        ph.put(
                AvcaGraph.NEG_TEXT,
                reused(
                        AvcaGraph.NEG_TEXT,
                        "TrainingBatch.negText",
                        batch.negText(),
                        n,
                        c.textDim()));
        trainMasks.fill(n, masks, ph);
        return ph;
    }

    private float[] embedClips(String output, float[] audio, float[] video, int n) {
        checkOpen();
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(AvcaGraph.AUDIO, rows("audio", audio, n, config().audioDim()));
        ph.put(AvcaGraph.VIDEO, rows("video", video, n, config().videoDim()));
        return sd.output(ph, output).get(output).data().asFloat();
    }

    private Map<String, INDArray> checkpointArrays() {
        return NetworkState.checkpointArrays(graph.store(), adam);
    }

    private INDArray reused(String name, String field, float[] data, int n, int width) {
        return inputs.reused(name, field, data, n, width);
    }

    private INDArray rows(String field, float[] data, int n, int width) {
        return inputs.rows(field, data, n, width);
    }

    private static double scalar(Map<String, INDArray> outputs, String name) {
        return outputs.get(name).getDouble(0);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("SameDiffAvcaNetwork is closed");
        }
    }

    /** Builds a {@link SameDiffAvcaNetwork}. */
    public static final class Builder extends AvcaNetworkBuilder<Builder> {
        private final List<Listener> listeners = new ArrayList<>();

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * SameDiff listeners called for every op of every pass (forward, gradient, post-step,
         * inference), for profiling or debugging; none by default.
         */
        public Builder optListeners(Listener... listeners) {
            for (Listener l : listeners) {
                this.listeners.add(Objects.requireNonNull(l, "listener"));
            }
            return this;
        }

        /**
         * @throws IllegalStateException if no config was set
         */
        public SameDiffAvcaNetwork build() {
            checkRequired("SameDiffAvcaNetwork");
            return new SameDiffAvcaNetwork(this);
        }
    }
}
