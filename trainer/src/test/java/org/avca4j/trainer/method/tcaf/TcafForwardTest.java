package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;
import org.avca4j.trainer.data.sequence.SequenceCollation;
import org.junit.jupiter.api.Test;

class TcafForwardTest {

    private static final int DA = 5;
    private static final int DV = 6;

    /** A small TCaF whose BatchNorm and LayerNorm state are not the identity. */
    static TcafWeights smallWeights(TimeCodes codes) {
        TcafSettings s =
                TcafSettings.published(DatasetName.UCF, FeatureSet.CLS)
                        .with(
                                Map.of(
                                        "encoder_hidden", "8",
                                        "depth", "2",
                                        "heads", "2",
                                        "head_dim", "4",
                                        "time_codes", codes.name().toLowerCase()));
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

    static float[][] clip(SplittableRandom r, int t, int d, double scale) {
        float[][] c = new float[t][d];
        for (float[] row : c) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (scale * r.nextDouble());
            }
        }
        return c;
    }

    private static SequenceBatch batch(float[][][] audio, float[][][] video) {
        return SequenceCollation.padToLongest(FrameRates.CLS)
                .collate(audio, video, new int[audio.length], DA, DV, null);
    }

    @Test
    void theSameClipPaddedDifferentlyGivesTheSameTheta() {
        TcafForward f = new TcafForward(smallWeights(TimeCodes.INDEX_AT_INFERENCE), FrameRates.CLS);
        SplittableRandom r = new SplittableRandom(3);
        float[][] a = clip(r, 3, DA, 255);
        float[][] v = clip(r, 4, DV, 1);
        float[][] a1 = clip(r, 5, DA, 255);
        float[][] v1 = clip(r, 2, DV, 1);
        float[][] a2 = clip(r, 1, DA, 255);
        float[][] v2 = clip(r, 7, DV, 1);
        double[] alone = f.clipEmbeddings(batch(new float[][][] {a}, new float[][][] {v}))[0];
        double[][] first =
                f.clipEmbeddings(batch(new float[][][] {a1, a}, new float[][][] {v1, v}));
        double[][] second =
                f.clipEmbeddings(batch(new float[][][] {a, a2}, new float[][][] {v, v2}));
        assertEquals(TcafSettings.EMBEDDING_DIM, alone.length);
        assertArrayEquals(alone, first[1], 1e-12);
        assertArrayEquals(alone, second[0], 1e-12);
        // the other clips are not the same clip
        assertTrue(distance(alone, first[0]) > 1e-3);
    }

    @Test
    void paddedAudioRowsNeverReachTheClassToken() {
        TcafForward f = new TcafForward(smallWeights(TimeCodes.INDEX_AT_INFERENCE), FrameRates.CLS);
        SplittableRandom r = new SplittableRandom(4);
        SequenceBatch b =
                batch(
                        new float[][][] {clip(r, 2, DA, 255), clip(r, 4, DA, 255)},
                        new float[][][] {clip(r, 3, DV, 1), clip(r, 3, DV, 1)});
        double[] before = f.clipEmbeddings(b)[0];
        float[] audio = b.audio().clone();
        for (int i = 2 * DA; i < 4 * DA; i++) {
            audio[i] = 1000f; // rows 2 and 3 of clip 0 are padding
        }
        SequenceBatch poked =
                new SequenceBatch(
                        b.size(),
                        b.audioLength(),
                        b.videoLength(),
                        DA,
                        DV,
                        audio,
                        b.video(),
                        b.audioMask(),
                        b.videoMask(),
                        b.audioTimes(),
                        b.videoTimes(),
                        b.labels());
        assertArrayEquals(before, f.clipEmbeddings(poked)[0], 1e-12);
        // a real row does reach it
        audio[0] = 0f;
        audio[1] = 255f;
        assertTrue(distance(before, f.clipEmbeddings(poked)[0]) > 1e-6);
    }

    @Test
    void inferenceTimeCodesDifferOnClsRatesAndAgreeOnMain() {
        SplittableRandom r = new SplittableRandom(6);
        SequenceBatch b =
                batch(
                        new float[][][] {clip(r, 3, DA, 255), clip(r, 2, DA, 255)},
                        new float[][][] {clip(r, 4, DV, 1), clip(r, 4, DV, 1)});
        double[] index =
                new TcafForward(smallWeights(TimeCodes.INDEX_AT_INFERENCE), FrameRates.CLS)
                        .clipEmbeddings(b)[0];
        double[] rated =
                new TcafForward(smallWeights(TimeCodes.RATED), FrameRates.CLS).clipEmbeddings(b)[0];
        double[] ratedMain =
                new TcafForward(smallWeights(TimeCodes.RATED), FrameRates.MAIN)
                        .clipEmbeddings(b)[0];
        assertTrue(distance(index, rated) > 1e-6);
        assertArrayEquals(index, ratedMain, 1e-12);
    }

    @Test
    void distancesAreEuclidean() {
        double[][] d =
                TcafForward.distances(
                        new double[][] {{0, 0}, {3, 4}}, new double[][] {{3, 4}, {0, 0}, {3, 0}});
        assertArrayEquals(new double[] {5, 0, 3}, d[0], 1e-15);
        assertArrayEquals(new double[] {0, 5, 4}, d[1], 1e-15);
    }

    @Test
    void geluUsesAnAccurateErf() {
        assertEquals(0.8427007929497149, TcafForward.erf(1), 1e-15);
        assertEquals(-0.9999779095030014, TcafForward.erf(-3), 1e-15);
        assertEquals(0.0, TcafForward.erf(0), 0);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
