package org.avca4j.trainer.method.tcaf;

import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.SyntheticBenchmark;

/** Small TCaF networks and random clips for the forward, export and SDK tests. */
public final class TcafForwardFixtures {

    /** Width of the fixtures' audio rows. */
    public static final int DA = 5;

    /** Width of the fixtures' video rows. */
    public static final int DV = 6;

    /** Longest synthetic sequence of the short trainings, in rows. */
    public static final int TRAINING_WINDOW = 4;

    /** Overrides of the short trainings: encoder width 32, one layer of two heads of 16. */
    public static final Map<String, String> TRAINING_NARROW =
            Map.of("encoder_hidden", "32", "depth", "1", "heads", "2", "head_dim", "16");

    private TcafForwardFixtures() {}

    /**
     * The vectors the short trainings expand into sequences (of 2 to {@link #TRAINING_WINDOW}
     * rows): UCF main, 12 classes of 12 clips, widths 16 and 20, 24-d text, seed 5.
     *
     * @throws IOException if the generator fails
     */
    public static Benchmark trainingVectors() throws IOException {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optFeatureSet(FeatureSet.MAIN)
                .optClasses(12)
                .optClipsPerClass(12)
                .optWidths(16, 20)
                .optTextDim(24)
                .optSeed(5)
                .build()
                .generate();
    }

    /** UCF cls settings of a small TCaF: encoder width 8, two heads of 4, {@code depth} layers. */
    public static TcafSettings smallSettings(int depth) {
        return TcafSettings.published(DatasetName.UCF, FeatureSet.CLS)
                .with(
                        Map.of(
                                "encoder_hidden", "8",
                                "depth", Integer.toString(depth),
                                "heads", "2",
                                "head_dim", "4"));
    }

    /** A small TCaF whose BatchNorm and LayerNorm state are not the identity. */
    public static TcafWeights smallWeights(TimeCodes codes) {
        TcafSettings s = smallSettings(2).with(Map.of("time_codes", codes.name().toLowerCase()));
        TcafWeights w = TcafWeights.initial(DA, DV, 7, s, 11);
        SplittableRandom r = new SplittableRandom(5);
        for (Map.Entry<String, double[]> e : w.arrays().entrySet()) {
            double[] v = e.getValue();
            String k = e.getKey();
            for (int i = 0; i < v.length; i++) {
                if (k.endsWith(".var")) {
                    v[i] = 0.5 + r.nextDouble();
                } else if (k.endsWith(".mean") || k.endsWith(".beta")) {
                    v[i] = 0.3 * (r.nextDouble() - 0.5);
                } else if (k.endsWith(".gamma")) {
                    v[i] = 0.5 + r.nextDouble();
                }
            }
        }
        return w;
    }

    /** {@code t} rows of {@code d} values uniform in {@code [0, scale)}. */
    public static float[][] clip(SplittableRandom r, int t, int d, double scale) {
        float[][] c = new float[t][d];
        for (float[] row : c) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (scale * r.nextDouble());
            }
        }
        return c;
    }
}
