package org.avca4j.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A comparison method's network as one SameDiff graph, with the machinery AVCA's network uses:
 * PyTorch-default initialisation from a seed ({@link ParameterStore}), training-mode BatchNorm
 * calls whose running statistics are updated after the step in call order, dropout masks drawn from
 * the step seed, gradients from SameDiff, PyTorch's Adam applied in place, and checkpoints.
 *
 * <p>A method builds its graph with {@link #input}, {@link #constant}, {@link #dense}, {@link
 * #norm} and {@link #mlp} (every training-mode call is recorded in the one training pass, in build
 * order), then calls {@link #finishTraining} with its loss; inference outputs are plain variables
 * of the same graph, run with {@link #infer}. A method whose reference runs one more training-mode
 * forward after the update (outputs unused, only the BatchNorm running statistics move) builds it
 * after {@link #beginPostStep}: {@link #step} runs it on the same inputs with the updated weights
 * and masks drawn after the step's own from the same step seed. Not thread-safe.
 */
public final class MethodGraph implements AutoCloseable {

    static {
        // Before anything of this class touches ND4J: its OpenMP reads the wait policy when it
        // loads; then ND4J's ops and BLAS get one thread.
        NativeThreading.prepareNd4j();
    }

    private static final String LOSS = "loss";

    private final SameDiff sd = SameDiff.create();
    private final DataType dataType;
    private final ParameterStore store;
    private final PassPlan pass;
    private PassPlan post;
    private PassPlan current;
    private DropoutMasks postMasks;
    private List<String> postOutputs;
    private final Map<String, Integer> inputWidths = new LinkedHashMap<>();
    private final InputArrays inputs;
    private final List<INDArray> constants = new ArrayList<>();
    private final List<String> lossOutputs = new ArrayList<>();
    private List<String> trainOutputs;
    private GradientRunner gradients;
    private AdamL2Optimizer adam;
    private DropoutMasks masks;
    private boolean closed;

    /**
     * An empty graph.
     *
     * @param dataType FLOAT, or DOUBLE for gradient checks
     * @param seed seed of the initial weights
     * @throws IllegalArgumentException for any other type
     */
    public MethodGraph(DataType dataType, long seed) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException(
                    "data type must be FLOAT or DOUBLE, got " + dataType);
        }
        this.dataType = dataType;
        this.store = new ParameterStore(sd, dataType, seed);
        this.pass = new PassPlan(sd, dataType, "train");
        this.current = pass;
        this.inputs = new InputArrays(dataType);
    }

    /** The graph, for the ops a method adds itself. */
    public SameDiff sameDiff() {
        return sd;
    }

    /** FLOAT or DOUBLE. */
    public DataType dataType() {
        return dataType;
    }

    /** A placeholder {@code [rows, width]} fed by name in {@link #step} and {@link #infer}. */
    public SDVariable input(String name, int width) {
        inputWidths.put(name, width);
        return sd.placeHolder(name, dataType, -1, width);
    }

    /** A constant {@code [rows, columns]} matrix, e.g. the training classes' embeddings. */
    public SDVariable constant(String name, float[] values, int rows, int columns) {
        INDArray arr = inputs.rows(name, values, rows, columns);
        constants.add(arr);
        return sd.constant(name, arr);
    }

    /** A Linear layer {@code in → out} with bias, PyTorch's default initialisation. */
    public Dense dense(String name, int in, int out) {
        return new Dense(
                store.linearWeight(name + ".W", in, out), store.linearBias(name + ".b", in, out));
    }

    /** A BatchNorm layer with PyTorch's defaults (momentum 0.1, eps 1e-5, affine). */
    public Norm norm(String name, int width) {
        return new Norm(new BatchNormLayer(store, name, width, EmbeddingBlock.DEFAULT_MOMENTUM));
    }

    /** An {@link MlpBlock} {@code in → hidden → out}. */
    public MlpBlock mlp(
            String name, int in, int hidden, int out, double dropout, MlpBlock.Output output) {
        return new MlpBlock(this, name, in, hidden, out, dropout, output);
    }

    /**
     * {@code max(0, ‖a−p+1e-6‖ − ‖a−n+1e-6‖ + margin)} per row, shape {@code [n]}; its mean is
     * PyTorch's TripletMarginLoss.
     */
    public SDVariable tripletPerRow(
            SDVariable anchor, SDVariable positive, SDVariable negative, double margin) {
        return GraphLayers.tripletPerRow(sd, anchor, positive, negative, margin);
    }

    /** Mean squared error over all elements. */
    public SDVariable mse(SDVariable a, SDVariable b) {
        return GraphLayers.mse(sd, a, b);
    }

    /**
     * The training-mode pass being built: where a method's own layers ask for dropout masks (the
     * step's pass, or after {@link #beginPostStep} the post-step pass).
     */
    public PassPlan pass() {
        return current;
    }

    /**
     * Ends the step's training pass; the training-mode calls built from now until {@link
     * #finishTraining} form the post-step pass, run by {@link #step} after the update (its outputs
     * unused, its BatchNorm calls update the running statistics in build order).
     *
     * @throws IllegalStateException if called twice or after {@link #finishTraining}
     */
    public void beginPostStep() {
        if (post != null || gradients != null) {
            throw new IllegalStateException(
                    "the post-step pass must be begun once, before finishTraining");
        }
        pass.finish();
        post = new PassPlan(sd, dataType, "post");
        current = post;
    }

    /**
     * A trained array of the given shape, zero until the method assigns its initial values through
     * {@link #array} (for methods whose initialisation is drawn elsewhere).
     */
    public SDVariable parameter(String name, long... shape) {
        return store.uniformWeight(name, 0, 0, shape);
    }

    /** Untrained state of the given shape (saved, never trained), N(0,1) until assigned. */
    public SDVariable buffer(String name, long... shape) {
        return store.normalState(name, shape);
    }

    /**
     * Ends the training graph: {@code loss} is differentiated, {@code terms} are reported with it.
     * Builds the gradient function and the optimiser.
     *
     * @throws IllegalStateException if called twice
     */
    public void finishTraining(
            SDVariable loss, Map<String, SDVariable> terms, AdamSettings adamSettings) {
        if (gradients != null) {
            throw new IllegalStateException("the training graph is already finished");
        }
        if (post == null) {
            pass.finish();
        } else {
            post.finish();
            postMasks = new DropoutMasks(post, dataType);
            postOutputs = List.of(post.statisticsOutput());
        }
        loss.rename(LOSS);
        sd.setLossVariables(LOSS);
        lossOutputs.add(LOSS);
        for (Map.Entry<String, SDVariable> e : terms.entrySet()) {
            e.getValue().rename("loss." + e.getKey());
            lossOutputs.add("loss." + e.getKey());
        }
        trainOutputs = new ArrayList<>(lossOutputs);
        trainOutputs.add(pass.statisticsOutput());
        List<String> trainable = new ArrayList<>(store.trainable().keySet());
        gradients = new GradientRunner(sd, trainOutputs, trainable);
        adam = new AdamL2Optimizer(adamSettings, store.trainable());
        masks = new DropoutMasks(pass, dataType);
    }

    /**
     * One training step: the loss and its gradient in training mode, the optimiser's update, then
     * the running statistics of every BatchNorm call in call order; then, if the graph has a
     * post-step pass ({@link #beginPostStep}), that pass on the same inputs with the updated
     * weights, which moves the running statistics once more.
     *
     * @param batch input name → {@code [n*width]} values
     * @param n rows of each input (the batch's clips)
     * @return the loss ("total") and its terms before the update, in the order given to {@link
     *     #finishTraining}
     * @throws IllegalArgumentException if an input is missing or has the wrong length, or {@code n
     *     < 2}
     * @throws IllegalStateException if the graph is closed or not finished
     */
    public Map<String, Double> step(
            Map<String, float[]> batch, int n, double learningRate, long stepSeed) {
        SplittableRandom random = new SplittableRandom(stepSeed);
        Map<String, INDArray> ph = placeholders(batch, n);
        Map<String, INDArray> in = new HashMap<>(ph);
        masks.fill(n, random, ph);
        OutAndGrad r = gradients.run(ph);
        Map<String, Double> terms = terms(r.getOutputs());
        adam.step(store.trainable(), r.getGradients(), learningRate);
        pass.applyStatistics(r.getOutputs(), n);
        if (post != null) {
            postMasks.fill(n, random, in);
            post.applyStatistics(sd.output(in, postOutputs), n);
        }
        return terms;
    }

    /**
     * The loss, its terms and the gradients of a batch, without any update.
     *
     * @throws IllegalArgumentException as {@link #step}
     * @throws IllegalStateException as {@link #step}
     */
    public OutAndGrad lossAndGradients(Map<String, float[]> batch, int n, long stepSeed) {
        Map<String, INDArray> ph = placeholders(batch, n);
        masks.fill(n, new SplittableRandom(stepSeed), ph);
        return gradients.run(ph);
    }

    /** The inputs of a training batch as placeholder arrays (reused between steps). */
    private Map<String, INDArray> placeholders(Map<String, float[]> batch, int n) {
        checkTrainable();
        if (n < 2) {
            throw new IllegalArgumentException(
                    "a training batch needs at least 2 clips (BatchNorm), got " + n);
        }
        Map<String, INDArray> ph = new HashMap<>();
        for (Map.Entry<String, Integer> e : inputWidths.entrySet()) {
            float[] data = batch.get(e.getKey());
            if (data == null) {
                throw new IllegalArgumentException(
                        "training input '"
                                + e.getKey()
                                + "' is missing; the graph needs "
                                + inputWidths.keySet());
            }
            ph.put(e.getKey(), inputs.reused(e.getKey(), e.getKey(), data, n, e.getValue()));
        }
        return ph;
    }

    /**
     * The loss ("total") and its terms of a batch in training mode, without any update.
     *
     * @throws IllegalArgumentException as {@link #step}
     * @throws IllegalStateException as {@link #step}
     */
    public Map<String, Double> lossTerms(Map<String, float[]> batch, int n, long stepSeed) {
        return terms(lossAndGradients(batch, n, stepSeed).getOutputs());
    }

    /**
     * Runs inference outputs (running statistics, no dropout).
     *
     * @param values input name → values; each input's rows follow from its length and width
     * @return output name → row-major values
     * @throws IllegalArgumentException if an input is unknown or its length is not a whole number
     *     of rows
     * @throws IllegalStateException if the graph is closed
     */
    public Map<String, float[]> infer(Map<String, float[]> values, List<String> outputs) {
        checkOpen();
        Map<String, INDArray> ph = new HashMap<>();
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            Integer width = inputWidths.get(e.getKey());
            if (width == null) {
                throw new IllegalArgumentException(
                        "unknown input '"
                                + e.getKey()
                                + "', expected one of "
                                + inputWidths.keySet());
            }
            float[] data = Objects.requireNonNull(e.getValue(), e.getKey());
            if (data.length == 0 || data.length % width != 0) {
                throw new IllegalArgumentException(
                        e.getKey()
                                + ": "
                                + data.length
                                + " values are not a whole number of rows of "
                                + width);
            }
            ph.put(e.getKey(), inputs.rows(e.getKey(), data, data.length / width, width));
        }
        Map<String, INDArray> out = sd.output(ph, outputs);
        Map<String, float[]> result = new LinkedHashMap<>();
        for (String name : outputs) {
            result.put(name, out.get(name).castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
        NativeArrays.close(ph.values());
        return result;
    }

    /** The live array of a parameter or of BatchNorm state. */
    public INDArray array(String name) {
        return store.array(name);
    }

    /** Names of the trained arrays, in creation order. */
    public List<String> trainableNames() {
        return new ArrayList<>(store.trainable().keySet());
    }

    /** Names of every array (trained, then BatchNorm running statistics). */
    public List<String> arrayNames() {
        return store.allNames();
    }

    /**
     * Writes parameters, running statistics and optimiser state atomically, under a header naming
     * the architecture.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the graph is closed or not finished
     */
    public void save(Path file, String architecture) throws IOException {
        checkTrainable();
        CheckpointFile.writeMethod(file, architecture, adam.steps(), checkpointArrays());
    }

    /**
     * Restores what {@link #save} wrote; the graph is unchanged on failure.
     *
     * @throws IOException if the file cannot be read, is damaged, or holds another architecture
     * @throws IllegalStateException if the graph is closed or not finished
     */
    public void load(Path file, String architecture) throws IOException {
        checkTrainable();
        adam.restoreSteps(CheckpointFile.loadMethod(file, architecture, checkpointArrays()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (gradients != null) {
            NativeArrays.closeSessions(gradients.gradientFunction());
            masks.release();
            if (postMasks != null) {
                postMasks.release();
            }
            NativeArrays.close(adam.firstMoments().values());
            NativeArrays.close(adam.secondMoments().values());
        }
        NativeArrays.closeSessions(sd);
        inputs.release();
        NativeArrays.close(constants);
        NativeArrays.close(store.trainable().values());
        NativeArrays.close(store.state().values());
    }

    private Map<String, Double> terms(Map<String, INDArray> outputs) {
        Map<String, Double> t = new LinkedHashMap<>();
        for (String name : lossOutputs) {
            String key = name.equals(LOSS) ? "total" : name.substring("loss.".length());
            t.put(key, outputs.get(name).getDouble(0));
        }
        return t;
    }

    private Map<String, INDArray> checkpointArrays() {
        Map<String, INDArray> network = new LinkedHashMap<>();
        for (String name : store.allNames()) {
            network.put(name, store.array(name));
        }
        return CheckpointFile.methodArrays(network, adam.firstMoments(), adam.secondMoments());
    }

    private void checkTrainable() {
        checkOpen();
        if (gradients == null) {
            throw new IllegalStateException(
                    "the training graph is not finished: call finishTraining");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the network is closed");
        }
    }

    /** A Linear layer {@code x·W + b}. */
    public static final class Dense {
        private final SDVariable weight;
        private final SDVariable bias;

        private Dense(SDVariable weight, SDVariable bias) {
            this.weight = weight;
            this.bias = bias;
        }

        /** {@code x·W + b}. */
        public SDVariable apply(SDVariable x) {
            return GraphLayers.linear(x.getSameDiff(), x, weight, bias);
        }
    }

    /**
     * A BatchNorm layer; every training call is its own batch and updates the running statistics.
     */
    public final class Norm {
        private final BatchNormLayer layer;

        private Norm(BatchNormLayer layer) {
            this.layer = layer;
        }

        /** A training-mode call over the batch's rows, recorded in the training pass. */
        public SDVariable train(SDVariable x) {
            return train(x, 0);
        }

        /** A training-mode call over a fixed number of rows (0: the batch's clips). */
        public SDVariable train(SDVariable x, int fixedRows) {
            return layer.train(sd, x, current, fixedRows);
        }

        /**
         * A training-mode call over {@code rowsPerClip} rows of each clip (e.g. every time step of
         * a sequence, padding included); the running variance is unbiased over all of them.
         */
        public SDVariable trainPerClip(SDVariable x, int rowsPerClip) {
            return layer.trainPerClip(sd, x, current, rowsPerClip);
        }

        /**
         * A training-mode call whose batch statistics weigh each row by {@code rowWeights [rows,
         * 1]} (1: in the batch, 0: left out; every row is still normalised); the running variance
         * is made unbiased over the rows counted. For sequences whose BatchNorm batch is not every
         * padded row (TCaF).
         */
        public SDVariable trainWeighted(SDVariable x, SDVariable rowWeights) {
            return layer.trainWeighted(sd, x, current, rowWeights);
        }

        /** An inference-mode call with the running statistics. */
        public SDVariable infer(SDVariable x) {
            return layer.infer(sd, x);
        }
    }
}
