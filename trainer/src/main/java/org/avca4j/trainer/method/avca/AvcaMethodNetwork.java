package org.avca4j.trainer.method.avca;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.model.StepLosses;
import org.avca4j.trainer.model.TrainingBatch;

/**
 * Any {@link AvcaNetwork} as a {@link MethodNetwork}: the step's five loss terms by the names of
 * {@link #TERMS}, and one distance matrix, θv of the clips against θw of the classes
 * (docs/protocol.md), computed as {@link DistanceMatrix#euclidean} computes it, for every mode.
 */
public final class AvcaMethodNetwork implements MethodNetwork {

    /** The names of AVCA's loss terms: l_rec, l_ct, l_w, l_t, l_r (docs/method.md#training). */
    public static final List<String> TERMS = List.of("rec", "ct", "w", "t", "r");

    private final AvcaNetwork network;

    /** Wraps a network; closing this closes it. */
    public AvcaMethodNetwork(AvcaNetwork network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    /** The wrapped network. */
    public AvcaNetwork avca() {
        return network;
    }

    /** AVCA's step losses as named terms. */
    public static LossTerms terms(StepLosses l) {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put(TERMS.get(0), l.rec());
        t.put(TERMS.get(1), l.ct());
        t.put(TERMS.get(2), l.w());
        t.put(TERMS.get(3), l.t());
        t.put(TERMS.get(4), l.r());
        return new LossTerms(l.total(), t);
    }

    /**
     * @throws IllegalArgumentException as {@link AvcaNetwork#step}
     */
    @Override
    public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
        return terms(network.step(batch, learningRate, stepSeed));
    }

    /**
     * θv against θw in every mode.
     *
     * @throws IllegalArgumentException if an embedding is not finite
     * @throws IllegalStateException if the network returns embeddings of the wrong size
     */
    @Override
    public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
        int outDim = network.config().outDim();
        float[] theta = network.embedVideo(audio, video, n);
        float[] thetaW = network.embedText(text, c);
        checkLength(theta, n * outDim, "θv of the clips");
        checkLength(thetaW, c * outDim, "θw of the candidates");
        int[] columns = new int[c];
        for (int j = 0; j < c; j++) {
            columns[j] = j;
        }
        DistanceMatrix m =
                DistanceMatrix.euclidean(theta, n, thetaW, outDim, columns, new boolean[c]);
        float[] d = new float[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                d[i * c + j] = m.get(i, j);
            }
        }
        return ModeDistances.single(d, n, c);
    }

    private static void checkLength(float[] values, int expected, String what) {
        if (values.length != expected) {
            throw new IllegalStateException(
                    "the network returned "
                            + values.length
                            + " values for "
                            + what
                            + ", expected "
                            + expected);
        }
    }

    @Override
    public void save(Path file) throws IOException {
        network.save(file);
    }

    @Override
    public void load(Path file) throws IOException {
        network.load(file);
    }

    @Override
    public void close() {
        network.close();
    }
}
