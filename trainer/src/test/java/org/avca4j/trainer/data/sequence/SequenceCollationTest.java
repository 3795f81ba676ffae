package org.avca4j.trainer.data.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceCollationTest {

    /** A clip whose row t holds t + 1 + offset in every column, to see where rows land. */
    private static float[][] rows(int t, int d, float offset) {
        float[][] c = new float[t][d];
        for (int k = 0; k < t; k++) {
            java.util.Arrays.fill(c[k], k + 1 + offset);
        }
        return c;
    }

    @Test
    void padsEachModalityToTheLongestClip() {
        SequenceBatch b =
                SequenceCollation.padToLongest(FrameRates.CLS)
                        .collate(
                                new float[][][] {rows(2, 1, 0), rows(3, 1, 10)},
                                new float[][][] {rows(1, 2, 0), rows(1, 2, 10)},
                                new int[] {4, 9},
                                1,
                                2,
                                null);
        assertEquals(3, b.audioLength());
        assertEquals(1, b.videoLength());
        assertArrayEquals(new float[] {1, 2, 0, 11, 12, 13}, b.audio());
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 1}, b.audioMask());
        assertArrayEquals(new float[] {1, 1, 11, 11}, b.video());
        assertArrayEquals(new float[] {0f, 0.96f, 1.92f}, b.audioTimes());
        assertArrayEquals(new float[] {0f}, b.videoTimes());
        assertEquals(2, b.audioRows(0));
        assertArrayEquals(new int[] {4, 9}, b.labels());
    }

    @Test
    void padToGivenLengthsNeverCutsAndRefusesALongerClip() {
        SequenceClipSet set =
                SequenceClipSet.of(
                        "train",
                        1,
                        2,
                        new float[][][] {rows(2, 1, 0), rows(5, 1, 10)},
                        new float[][][] {rows(1, 2, 0), rows(2, 2, 10)},
                        new int[] {0, 1},
                        new String[] {"a", "b"},
                        new int[] {0, 1},
                        new int[0]);
        SequenceCollation c = SequenceCollation.padToLongest(FrameRates.CLS);
        SequenceBatch b = c.padTo(set, new int[] {1, 0}, 6, 3);
        assertEquals(6, b.audioLength());
        assertEquals(3, b.videoLength());
        // the 5 audio rows of clip 1 all kept (a window cut to its 2 video rows would keep 1)
        assertArrayEquals(new float[] {11, 12, 13, 14, 15, 0, 1, 2, 0, 0, 0, 0}, b.audio());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0}, b.audioMask());
        assertArrayEquals(new float[] {1, 1, 0, 1, 0, 0}, b.videoMask());
        assertEquals(4 * 0.96f, b.audioTimes()[4], 1e-6f);
        assertArrayEquals(new int[] {1, 0}, b.labels());
        assertThrows(IllegalArgumentException.class, () -> c.padTo(set, new int[] {1}, 4, 3));
        assertThrows(
                IllegalStateException.class,
                () ->
                        SequenceCollation.fixedWindow(FrameRates.CLS, 2, false)
                                .padTo(set, new int[] {0}, 6, 3));
    }

    @Test
    void fixedCentredWindowCutsVideoAndAudioAsTheReference() {
        // cls rates: L_v = 60, L_a = round(60·0.64·0.96) = 37; T_v = 100 → d_v = 40, s_v = 20;
        // T_a = 70 → d_a = 33, s_a = min(33, round(20·0.64/0.96)) = 13
        SequenceCollation c = SequenceCollation.fixedWindow(FrameRates.CLS, 60, false);
        assertEquals(37, c.audioWindow());
        SequenceBatch b =
                c.collate(
                        new float[][][] {rows(70, 1, 0)},
                        new float[][][] {rows(100, 1, 0)},
                        new int[] {0},
                        1,
                        1,
                        null);
        assertEquals(60, b.videoLength());
        assertEquals(37, b.audioLength());
        assertEquals(21f, b.video()[0]);
        assertEquals(80f, b.video()[59]);
        assertEquals(14f, b.audio()[0]);
        assertEquals(50f, b.audio()[36]);
        assertEquals(300, SequenceCollation.fixedWindow(FrameRates.CLS, 300, false).window());
        assertEquals(184, SequenceCollation.fixedWindow(FrameRates.CLS, 300, false).audioWindow());
        assertEquals(60, SequenceCollation.fixedWindow(FrameRates.MAIN, 60, true).audioWindow());
    }

    @Test
    void fixedWindowPadsShortClipsAndStartsAudioAtZeroWhenVideoIsNotCut() {
        SequenceCollation c = SequenceCollation.fixedWindow(FrameRates.MAIN, 4, true);
        SequenceBatch b =
                c.collate(
                        new float[][][] {rows(6, 1, 0)},
                        new float[][][] {rows(2, 1, 0)},
                        new int[] {0},
                        1,
                        1,
                        new SplittableRandom(1));
        assertArrayEquals(new float[] {1, 2, 0, 0}, b.video());
        assertArrayEquals(new float[] {1, 1, 0, 0}, b.videoMask());
        assertArrayEquals(new float[] {1, 2, 3, 4}, b.audio());
    }

    @Test
    void randomStartsStayInsideTheClip() {
        SequenceCollation c = SequenceCollation.fixedWindow(FrameRates.MAIN, 4, true);
        SplittableRandom r = new SplittableRandom(2);
        boolean sawZero = false;
        boolean sawLast = false;
        for (int i = 0; i < 200; i++) {
            SequenceBatch b =
                    c.collate(
                            new float[][][] {rows(10, 1, 0)},
                            new float[][][] {rows(10, 1, 0)},
                            new int[] {0},
                            1,
                            1,
                            r);
            int start = (int) b.video()[0] - 1;
            // s_v uniform in [0, d_v − 1] = [0, 5]; audio follows it (rates 1)
            assertTrue(start >= 0 && start <= 5, "start " + start);
            assertEquals(b.video()[0], b.audio()[0]);
            sawZero |= start == 0;
            sawLast |= start == 5;
        }
        assertTrue(sawZero && sawLast);
    }

    @Test
    void clipSetChecksShapes() {
        float[][][] one = {rows(2, 3, 0)};
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SequenceClipSet.of(
                                        "s",
                                        3,
                                        4,
                                        one,
                                        one,
                                        new int[] {0},
                                        new String[] {"c"},
                                        new int[] {0},
                                        new int[0]));
        assertTrue(
                e.getMessage().contains("video row 0 of clip 0 has width 3, expected 4"),
                e.getMessage());
        SequenceClipSet s =
                SequenceClipSet.of(
                        "s",
                        3,
                        3,
                        one,
                        one,
                        new int[] {5},
                        new String[] {"c"},
                        new int[] {7, 5},
                        new int[] {2});
        assertArrayEquals(new int[] {2, 5, 7}, s.candidateClasses());
        assertEquals(2, s.audioLength(0));
    }
}
