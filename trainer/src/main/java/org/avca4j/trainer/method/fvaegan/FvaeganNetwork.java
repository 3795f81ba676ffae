package org.avca4j.trainer.method.fvaegan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.model.AdamL2Optimizer;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.model.GradientFunctions;
import org.avca4j.trainer.model.InputArrays;
import org.avca4j.trainer.model.NativeArrays;
import org.avca4j.trainer.model.NativeThreading;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * f-VAEGAN-D2's four networks (docs/baselines.md#f-vaegan-d2): the conditional generator G, the
 * encoder E, the conditional critic D and the unconditional critic D2, with one Adam (β 0.5/0.999,
 * no weight decay) per pair that is stepped together — D with D2, G with E — which is the same
 * update as one Adam per network.
 *
 * <p>A clip's feature is x = L2n([a ‖ v]) (audio first), its condition c = w_y. All noise of a
 * batch (z, the two interpolation weights α, the encoder's ε) comes from its step seed.
 *
 * <p>Not thread-safe.
 */
public final class FvaeganNetwork implements MethodNetwork {

    static {
        NativeThreading.prepareNd4j();
    }

    private final int audioDim;
    private final int videoDim;
    private final int textDim;
    private final FvaeganSettings settings;
    private final DataType dataType;
    private final FvaeganGraphs graphs;
    private final SameDiff criticGrad;
    private final SameDiff generatorGrad;
    private final List<String> criticOutputs;
    private final List<String> generatorOutputs;
    private final Map<String, String> criticGradientOf = new LinkedHashMap<>();
    private final Map<String, String> generatorGradientOf = new LinkedHashMap<>();
    private final AdamL2Optimizer criticAdam;
    private final AdamL2Optimizer generatorAdam;
    private boolean closed;

    /**
     * A freshly initialised network: G and E with PyTorch's default Linear initialisation, D and D2
     * with N(0, 0.02²) weights and zero biases, from the context's seed.
     *
     * @param dataType FLOAT, or DOUBLE for gradient checks
     * @throws IllegalArgumentException for another data type
     */
    public FvaeganNetwork(MethodContext context, FvaeganSettings settings, DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException(
                    "data type must be FLOAT or DOUBLE, got " + dataType);
        }
        this.audioDim = context.audioDim();
        this.videoDim = context.videoDim();
        this.textDim = context.textDim();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dataType = dataType;
        this.graphs =
                new FvaeganGraphs(audioDim + videoDim, textDim, settings, dataType, context.seed());
        GradientFunctions.create(graphs.critic);
        GradientFunctions.create(graphs.generator);
        this.criticGrad = graphs.critic.getFunction("grad");
        this.generatorGrad = graphs.generator.getFunction("grad");
        this.criticOutputs =
                List.of(
                        FvaeganGraphs.CRITIC_LOSS,
                        FvaeganGraphs.D_WASSERSTEIN,
                        FvaeganGraphs.D_PENALTY,
                        FvaeganGraphs.D2_WASSERSTEIN,
                        FvaeganGraphs.D2_PENALTY);
        this.generatorOutputs =
                List.of(
                        FvaeganGraphs.GENERATOR_LOSS,
                        FvaeganGraphs.G_COST,
                        FvaeganGraphs.BCE,
                        FvaeganGraphs.KL);
        for (String name : graphs.criticParams.trainable().keySet()) {
            criticGradientOf.put(name, graphs.critic.getVariable(name).getGradient().name());
        }
        for (String name : graphs.generatorParams.trainable().keySet()) {
            generatorGradientOf.put(name, graphs.generator.getVariable(name).getGradient().name());
        }
        AdamSettings adam = new AdamSettings(settings.beta1(), 0.999, 1e-8, 0);
        this.criticAdam = new AdamL2Optimizer(adam, graphs.criticParams.trainable());
        this.generatorAdam = new AdamL2Optimizer(adam, graphs.generatorParams.trainable());
    }

    /** The settings the network was built with. */
    public FvaeganSettings settings() {
        return settings;
    }

    /** Width of a feature x = [a ‖ v]. */
    public int featureDim() {
        return audioDim + videoDim;
    }

    /**
     * One critic step and one generator/encoder step on the batch: what the reference does with the
     * first batch of every epoch.
     *
     * @throws IllegalArgumentException if the batch's widths do not match the network
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
        return trainBatch(batch, true, learningRate, stepSeed);
    }

    /**
     * A critic step on the batch and, if {@code generatorStep}, then a generator/encoder step that
     * reuses the critic step's z (docs/baselines.md#f-vaegan-d2).
     *
     * @return the critic's terms, and the generator's after a generator step
     * @throws IllegalArgumentException if the batch's widths do not match the network
     * @throws IllegalStateException if the network is closed
     */
    public LossTerms trainBatch(
            TrainingBatch batch, boolean generatorStep, double learningRate, long stepSeed) {
        checkOpen();
        Objects.requireNonNull(batch, "batch");
        int n = batch.size();
        INDArray x = features(batch.audio(), batch.video(), n);
        INDArray c = rows("TrainingBatch.text", batch.text(), n, textDim);
        SplittableRandom random = new SplittableRandom(stepSeed);
        int latent = settings.latentDim();
        INDArray z = gaussian(random, n, latent);
        INDArray alphaD = uniform(random, n);
        INDArray alphaD2 = uniform(random, n);
        INDArray fake = generate(z, c);
        Map<String, INDArray> out = new LinkedHashMap<>();
        Map<String, INDArray> grads = new LinkedHashMap<>();
        runCritic(x, c, fake, alphaD, alphaD2, out, grads);
        criticAdam.step(graphs.criticParams.trainable(), grads, learningRate);
        Map<String, Double> terms = new LinkedHashMap<>();
        for (String name : criticOutputs) {
            terms.put(name, out.get(name).getDouble(0));
        }
        if (generatorStep) {
            INDArray eps = gaussian(random, n, latent);
            out.clear();
            grads.clear();
            runGenerator(x, c, z, eps, out, grads);
            generatorAdam.step(graphs.generatorParams.trainable(), grads, learningRate);
            for (String name : generatorOutputs) {
                terms.put(name, out.get(name).getDouble(0));
            }
        }
        return new LossTerms(terms.get(FvaeganGraphs.CRITIC_LOSS), terms);
    }

    /**
     * Synthetic features G(z, w) with z ~ N(0, I), {@code count} per class embedding, in class
     * order.
     *
     * @param text class embeddings {@code [classes*textDim]}
     * @return {@code [classes*count*featureDim]} row-major
     * @throws IllegalArgumentException if {@code text} does not hold whole embeddings
     * @throws IllegalStateException if the network is closed
     */
    public float[] synthesize(float[] text, int count, long seed) {
        checkOpen();
        if (count < 1 || text.length == 0 || text.length % textDim != 0) {
            throw new IllegalArgumentException(
                    "synthesize needs count >= 1 and whole embeddings of width "
                            + textDim
                            + ", got count "
                            + count
                            + " and "
                            + text.length
                            + " values");
        }
        int classes = text.length / textDim;
        float[] conditions = new float[classes * count * textDim];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(text, k * textDim, conditions, (k * count + i) * textDim, textDim);
            }
        }
        int n = classes * count;
        INDArray c = rows("text", conditions, n, textDim);
        INDArray z = gaussian(new SplittableRandom(seed), n, settings.latentDim());
        INDArray g = generate(z, c);
        float[] out = g.castTo(DataType.FLOAT).data().asFloat();
        return out;
    }

    /**
     * Not meaningful for f-VAEGAN-D2: it scores clips with a softmax classifier trained on
     * synthesised features of a fixed class set, not with a distance to class embeddings; its
     * evaluation is {@link FvaeganEvaluation}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
        throw new UnsupportedOperationException(
                "f-VAEGAN-D2 has no clip-to-class distance: it classifies with a softmax"
                        + " classifier trained on synthesised features of a fixed class set"
                        + " (FvaeganEvaluation), so the shared distance evaluation does not apply");
    }

    /**
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void save(Path file) throws IOException {
        checkOpen();
        FvaeganCheckpoint.write(file, this);
    }

    /**
     * @throws IOException if the file cannot be read or belongs to another architecture
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void load(Path file) throws IOException {
        checkOpen();
        FvaeganCheckpoint.read(file, this);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        NativeArrays.closeSessions(criticGrad);
        NativeArrays.closeSessions(generatorGrad);
        NativeArrays.closeSessions(graphs.critic);
        NativeArrays.closeSessions(graphs.generator);
        NativeArrays.close(criticAdam.firstMoments().values());
        NativeArrays.close(criticAdam.secondMoments().values());
        NativeArrays.close(generatorAdam.firstMoments().values());
        NativeArrays.close(generatorAdam.secondMoments().values());
        NativeArrays.close(graphs.criticParams.trainable().values());
        NativeArrays.close(graphs.generatorParams.trainable().values());
    }

    // ---- package-private: checkpoints and tests ----

    /** Every trained array by name (live): D and D2, then G and E. */
    Map<String, INDArray> parameters() {
        Map<String, INDArray> all = new LinkedHashMap<>(graphs.criticParams.trainable());
        all.putAll(graphs.generatorParams.trainable());
        return all;
    }

    AdamL2Optimizer criticAdam() {
        return criticAdam;
    }

    AdamL2Optimizer generatorAdam() {
        return generatorAdam;
    }

    /** Critic updates taken so far. */
    long criticSteps() {
        return criticAdam.steps();
    }

    /** Generator/encoder updates taken so far. */
    long generatorSteps() {
        return generatorAdam.steps();
    }

    DataType dataType() {
        return dataType;
    }

    /** The critic's outputs and the gradients of its loss for given inputs, without an update. */
    void runCritic(
            INDArray x,
            INDArray c,
            INDArray fake,
            INDArray alphaD,
            INDArray alphaD2,
            Map<String, INDArray> outputs,
            Map<String, INDArray> gradients) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(FvaeganGraphs.X, x);
        ph.put(FvaeganGraphs.C, c);
        ph.put(FvaeganGraphs.X_FAKE, fake);
        ph.put(FvaeganGraphs.ALPHA_D, alphaD);
        ph.put(FvaeganGraphs.ALPHA_D2, alphaD2);
        run(criticGrad, ph, criticOutputs, criticGradientOf, outputs, gradients);
    }

    /**
     * The generator's outputs and the gradients of its loss for given inputs, without an update.
     */
    void runGenerator(
            INDArray x,
            INDArray c,
            INDArray z,
            INDArray eps,
            Map<String, INDArray> outputs,
            Map<String, INDArray> gradients) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(FvaeganGraphs.X, x);
        ph.put(FvaeganGraphs.C, c);
        ph.put(FvaeganGraphs.Z, z);
        ph.put(FvaeganGraphs.EPS, eps);
        for (String name : FvaeganGraphs.D_ARRAYS) {
            ph.put(name, graphs.criticParams.array(name));
        }
        run(generatorGrad, ph, generatorOutputs, generatorGradientOf, outputs, gradients);
    }

    /** G(z, c), {@code [n, featureDim]}. */
    INDArray generate(INDArray z, INDArray c) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(FvaeganGraphs.Z, z);
        ph.put(FvaeganGraphs.C, c);
        return graphs.generator
                .output(ph, FvaeganGraphs.GENERATED)
                .get(FvaeganGraphs.GENERATED)
                .dup();
    }

    /**
     * L2n([a ‖ v]) of {@code n} clips, {@code [n, featureDim]}.
     *
     * @throws IllegalArgumentException if the arrays do not hold {@code n} rows of the widths
     */
    INDArray features(float[] audio, float[] video, int n) {
        return rows(
                "x",
                FeatureRows.normalizedConcat(audio, audioDim, video, videoDim, n),
                n,
                featureDim());
    }

    INDArray rows(String field, float[] data, int n, int width) {
        InputArrays.checkLength(field, data, n, width);
        return Nd4j.createFromArray(data).reshape(n, width).castTo(dataType);
    }

    private static void run(
            SameDiff gradFn,
            Map<String, INDArray> placeholders,
            List<String> lossOutputs,
            Map<String, String> gradientOf,
            Map<String, INDArray> outputs,
            Map<String, INDArray> gradients) {
        gradFn.setEnableCache(true);
        List<String> wanted = new ArrayList<>(lossOutputs);
        wanted.addAll(gradientOf.values());
        Map<String, INDArray> all = gradFn.output(placeholders, wanted);
        for (String name : lossOutputs) {
            outputs.put(name, all.get(name));
        }
        for (Map.Entry<String, String> e : gradientOf.entrySet()) {
            gradients.put(e.getKey(), all.get(e.getValue()));
        }
    }

    private INDArray gaussian(SplittableRandom random, int n, int width) {
        double[] v = new double[n * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(n, width).castTo(dataType);
    }

    private INDArray uniform(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble();
        }
        return Nd4j.createFromArray(v).reshape(n, 1).castTo(dataType);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("FvaeganNetwork is closed");
        }
    }
}
