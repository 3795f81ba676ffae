package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;
import org.avca4j.trainer.data.sequence.SequenceCollation;
import org.junit.jupiter.api.Test;

class TcafForwardTest {

    private static SequenceBatch batch(float[][][] audio, float[][][] video) {
        return SequenceCollation.padToLongest(FrameRates.CLS)
                .collate(
                        audio,
                        video,
                        new int[audio.length],
                        TcafForwardFixtures.DA,
                        TcafForwardFixtures.DV,
                        null);
    }

    @Test
    void theSameClipPaddedDifferentlyGivesTheSameTheta() {
        TcafForward f =
                new TcafForward(
                        TcafForwardFixtures.smallWeights(TimeCodes.INDEX_AT_INFERENCE),
                        FrameRates.CLS);
        SplittableRandom r = new SplittableRandom(3);
        float[][] a = TcafForwardFixtures.clip(r, 3, TcafForwardFixtures.DA, 255);
        float[][] v = TcafForwardFixtures.clip(r, 4, TcafForwardFixtures.DV, 1);
        float[][] a1 = TcafForwardFixtures.clip(r, 5, TcafForwardFixtures.DA, 255);
        float[][] v1 = TcafForwardFixtures.clip(r, 2, TcafForwardFixtures.DV, 1);
        float[][] a2 = TcafForwardFixtures.clip(r, 1, TcafForwardFixtures.DA, 255);
        float[][] v2 = TcafForwardFixtures.clip(r, 7, TcafForwardFixtures.DV, 1);
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
        TcafForward f =
                new TcafForward(
                        TcafForwardFixtures.smallWeights(TimeCodes.INDEX_AT_INFERENCE),
                        FrameRates.CLS);
        SplittableRandom r = new SplittableRandom(4);
        SequenceBatch b =
                batch(
                        new float[][][] {
                            TcafForwardFixtures.clip(r, 2, TcafForwardFixtures.DA, 255),
                            TcafForwardFixtures.clip(r, 4, TcafForwardFixtures.DA, 255)
                        },
                        new float[][][] {
                            TcafForwardFixtures.clip(r, 3, TcafForwardFixtures.DV, 1),
                            TcafForwardFixtures.clip(r, 3, TcafForwardFixtures.DV, 1)
                        });
        double[] before = f.clipEmbeddings(b)[0];
        float[] audio = b.audio().clone();
        for (int i = 2 * TcafForwardFixtures.DA; i < 4 * TcafForwardFixtures.DA; i++) {
            audio[i] = 1000f; // rows 2 and 3 of clip 0 are padding
        }
        SequenceBatch poked =
                new SequenceBatch(
                        b.size(),
                        b.audioLength(),
                        b.videoLength(),
                        TcafForwardFixtures.DA,
                        TcafForwardFixtures.DV,
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
                        new float[][][] {
                            TcafForwardFixtures.clip(r, 3, TcafForwardFixtures.DA, 255),
                            TcafForwardFixtures.clip(r, 2, TcafForwardFixtures.DA, 255)
                        },
                        new float[][][] {
                            TcafForwardFixtures.clip(r, 4, TcafForwardFixtures.DV, 1),
                            TcafForwardFixtures.clip(r, 4, TcafForwardFixtures.DV, 1)
                        });
        double[] index =
                new TcafForward(
                                TcafForwardFixtures.smallWeights(TimeCodes.INDEX_AT_INFERENCE),
                                FrameRates.CLS)
                        .clipEmbeddings(b)[0];
        double[] rated =
                new TcafForward(TcafForwardFixtures.smallWeights(TimeCodes.RATED), FrameRates.CLS)
                        .clipEmbeddings(b)[0];
        double[] ratedMain =
                new TcafForward(TcafForwardFixtures.smallWeights(TimeCodes.RATED), FrameRates.MAIN)
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
