package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;
import org.avca4j.trainer.model.AdamSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TcafGraphTest {

    private static final int DT = 7;
    private static final int DA = TcafForwardFixtures.DA;
    private static final int DV = TcafForwardFixtures.DV;
    private static final int[] AUDIO_ROWS = {4, 2, 3};
    private static final int[] VIDEO_ROWS = {3, 1, 2};
    private static final int[] CLASSES = {2, 5};

    @Test
    void inferenceBranchEqualsTheDoubleForwardForBothTimeCodeRules() {
        for (TimeCodes codes : TimeCodes.values()) {
            TcafWeights w = TcafForwardFixtures.smallWeights(codes);
            SequenceBatch b = batch(new SplittableRandom(3));
            double[][] text = text(new SplittableRandom(4), b.size());
            try (TcafGraph graph = graph(w, b)) {
                Map<String, INDArray> ph = placeholders(b, text);
                Map<String, INDArray> out =
                        graph.graph()
                                .sameDiff()
                                .output(ph, List.of(TcafGraph.THETA_O, TcafGraph.THETA_W));
                TcafForward f = new TcafForward(w, FrameRates.CLS);
                assertClose(f.clipEmbeddings(b), out.get(TcafGraph.THETA_O), codes + " θo");
                assertClose(f.textEmbeddings(text), out.get(TcafGraph.THETA_W), codes + " θw");
            }
        }
    }

    @Test
    void lossGradientMatchesFiniteDifferencesInDouble() {
        checkGradients(
                PaddingStatistics.REFERENCE,
                new String[] {
                    "cls",
                    "pad",
                    "modality",
                    "time.W",
                    "tok_a.W",
                    "tok_v.b",
                    "aenc.fc1.W",
                    "venc.bn2.gamma",
                    "layer0.q",
                    "layer1.k",
                    "layer0.v",
                    "layer1.o.W",
                    "layer0.ff1.W",
                    "layer1.ln.gamma",
                    "oproj.fc2.W",
                    "dec_o.fc1.W",
                    "wproj.fc1.W",
                    "dec_w.bn1.beta"
                });
    }

    /** The encoders' BatchNorm over real rows only (quirk 2's fix) differentiates as well. */
    @Test
    void maskedStatisticsGradientMatchesFiniteDifferences() {
        checkGradients(
                PaddingStatistics.MASKED,
                new String[] {"aenc.fc1.W", "aenc.bn1.gamma", "venc.fc2.b", "venc.bn2.beta"});
    }

    private static void checkGradients(PaddingStatistics statistics, String[] names) {
        TcafWeights w = TcafForwardFixtures.smallWeights(TimeCodes.INDEX_AT_INFERENCE);
        SequenceBatch b = batch(new SplittableRandom(8));
        double[][] text = text(new SplittableRandom(9), b.size());
        try (TcafGraph graph = graph(w, b)) {
            Map<String, float[]> in = inputs(b, text, statistics);
            long seed = 17;
            OutAndGrad r = graph.graph().lossAndGradients(in, b.size(), seed);
            double loss = r.getOutputs().get("loss").getDouble(0);
            assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
            double h = 1e-6;
            for (String name : names) {
                INDArray arr = graph.graph().array(name);
                INDArray grad = r.getGradients().get(name);
                for (long i : new long[] {0, arr.length() / 2, arr.length() - 1}) {
                    double x = arr.getDouble(i);
                    arr.putScalar(i, x + h);
                    double up = lossOf(graph, in, b.size(), seed);
                    arr.putScalar(i, x - h);
                    double down = lossOf(graph, in, b.size(), seed);
                    arr.putScalar(i, x);
                    double fd = (up - down) / (2 * h);
                    double an = grad.getDouble(i);
                    assertEquals(fd, an, 1e-5 + 1e-4 * Math.abs(fd), name + "[" + i + "] analytic");
                }
            }
        }
    }

    private static double lossOf(TcafGraph graph, Map<String, float[]> in, int n, long seed) {
        return graph.graph().lossAndGradients(in, n, seed).getOutputs().get("loss").getDouble(0);
    }

    private static TcafGraph graph(TcafWeights w, SequenceBatch b) {
        double[][] classText = text(new SplittableRandom(21), CLASSES.length);
        return new TcafGraph(
                w,
                FrameRates.CLS,
                b.audioLength(),
                b.videoLength(),
                classText,
                DataType.DOUBLE,
                AdamSettings.reference());
    }

    /**
     * A graph longer than a batch's longest clip (a graph for the whole set) gives the step of the
     * batch padded to its own longest: the same loss, gradients and running statistics, padding
     * rows up to the batch's longest included (dropout 0, so both draw nothing).
     */
    @Test
    void longerGraphStepsAsTheBatchsOwnLongest() {
        PaddingStatistics p = PaddingStatistics.REFERENCE;
        TcafSettings s =
                TcafForwardFixtures.smallWeights(TimeCodes.INDEX_AT_INFERENCE)
                        .settings()
                        .with(
                                Map.of(
                                        "encoder_dropout", "0",
                                        "decoder_dropout", "0",
                                        "text_dropout", "0",
                                        "attention_dropout", "0",
                                        "embedding_dropout", "0",
                                        "padding_statistics", p.name().toLowerCase()));
        float[][] embeddings = new float[6][];
        double[][] text = text(new SplittableRandom(4), 6);
        for (int c = 0; c < 6; c++) {
            embeddings[c] = new float[DT];
            for (int j = 0; j < DT; j++) {
                embeddings[c][j] = (float) text[c][j];
            }
        }
        SequenceBatch own = batch(new SplittableRandom(3), 4, 3);
        SequenceBatch longer = batch(new SplittableRandom(3), 7, 5);
        TcafWeights w0 = TcafWeights.initial(DA, DV, DT, s, 11);
        TcafWeights w1 = TcafWeights.initial(DA, DV, DT, s, 11);
        try (TcafGraph a = graph(w0, own);
                TcafGraph b = graph(w1, longer)) {
            OutAndGrad ra = a.graph().lossAndGradients(a.inputs(own, embeddings, CLASSES), 3, 5);
            OutAndGrad rb = b.graph().lossAndGradients(b.inputs(longer, embeddings, CLASSES), 3, 5);
            assertEquals(
                    ra.getOutputs().get("loss").getDouble(0),
                    rb.getOutputs().get("loss").getDouble(0),
                    1e-12,
                    p + " loss");
            for (String name : a.graph().trainableNames()) {
                INDArray ga = ra.getGradients().get(name);
                INDArray gb = rb.getGradients().get(name);
                assertTrue(
                        ga.equalsWithEps(gb, 1e-10),
                        p + " gradient of " + name + ": " + ga + " vs " + gb);
            }
            a.step(own, embeddings, CLASSES, 1e-3, 5);
            b.step(longer, embeddings, CLASSES, 1e-3, 5);
            a.store(w0);
            b.store(w1);
            // 1e-8: Adam's first step divides by |g| + 1e-8, which magnifies rounding of
            // gradients near 1e-8 (summation orders of the two shapes) to ~1e-10
            for (String name : w0.arrays().keySet()) {
                assertArrayEquals(w0.get(name), w1.get(name), 1e-8, p + " " + name);
            }
        }
    }

    /** Three clips of mixed lengths, zero-padded, labels among {@link #CLASSES}. */
    private static SequenceBatch batch(SplittableRandom r) {
        return batch(r, 4, 3);
    }

    /**
     * As {@link #batch(SplittableRandom)}, padded to {@code la} audio and {@code lv} video rows.
     */
    private static SequenceBatch batch(SplittableRandom r, int la, int lv) {
        int n = AUDIO_ROWS.length;
        int da = TcafForwardFixtures.DA;
        int dv = TcafForwardFixtures.DV;
        float[] a = new float[n * la * da];
        float[] v = new float[n * lv * dv];
        float[] am = new float[n * la];
        float[] vm = new float[n * lv];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < AUDIO_ROWS[b]; k++) {
                am[b * la + k] = 1;
                for (int j = 0; j < da; j++) {
                    a[(b * la + k) * da + j] = (float) (255 * r.nextDouble());
                }
            }
            for (int k = 0; k < VIDEO_ROWS[b]; k++) {
                vm[b * lv + k] = 1;
                for (int j = 0; j < dv; j++) {
                    v[(b * lv + k) * dv + j] = (float) r.nextDouble();
                }
            }
        }
        float[] ta = new float[la];
        float[] tv = new float[lv];
        for (int k = 0; k < la; k++) {
            ta[k] = (float) (k * FrameRates.CLS.audio());
        }
        for (int k = 0; k < lv; k++) {
            tv[k] = (float) (k * FrameRates.CLS.video());
        }
        return new SequenceBatch(n, la, lv, da, dv, a, v, am, vm, ta, tv, new int[] {2, 5, 2});
    }

    private static double[][] text(SplittableRandom r, int n) {
        double[][] t = new double[n][DT];
        for (double[] row : t) {
            for (int j = 0; j < DT; j++) {
                row[j] = (float) (r.nextDouble() - 0.5);
            }
        }
        return t;
    }

    private static Map<String, float[]> inputs(SequenceBatch b, double[][] text) {
        return inputs(b, text, PaddingStatistics.REFERENCE);
    }

    private static Map<String, float[]> inputs(
            SequenceBatch b, double[][] text, PaddingStatistics statistics) {
        Map<String, float[]> m = new HashMap<>();
        m.put("audio", b.audio());
        m.put("video", b.video());
        m.put("audio_mask", b.audioMask());
        m.put("video_mask", b.videoMask());
        // the batch is padded to its longest clip: every row is in the BatchNorm batch
        m.put("audio_bn", statistics.rowWeights(b.audioMask(), 4, 4));
        m.put("video_bn", statistics.rowWeights(b.videoMask(), 3, 3));
        float[] t = new float[b.size() * DT];
        float[] label = new float[b.size() * CLASSES.length];
        for (int i = 0; i < b.size(); i++) {
            for (int j = 0; j < DT; j++) {
                t[i * DT + j] = (float) text[i][j];
            }
            label[i * CLASSES.length + java.util.Arrays.binarySearch(CLASSES, b.labels()[i])] = 1;
        }
        m.put("text", t);
        m.put("label", label);
        return m;
    }

    private static Map<String, INDArray> placeholders(SequenceBatch b, double[][] text) {
        Map<String, INDArray> ph = new HashMap<>();
        for (Map.Entry<String, float[]> e : inputs(b, text).entrySet()) {
            INDArray arr = Nd4j.create(e.getValue()).castTo(DataType.DOUBLE);
            ph.put(e.getKey(), arr.reshape(b.size(), e.getValue().length / b.size()));
        }
        return ph;
    }

    private static void assertClose(double[][] expected, INDArray actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(
                        expected[i][j],
                        actual.getDouble(i, j),
                        1e-6,
                        what + " [" + i + "][" + j + "]");
            }
        }
    }
}
