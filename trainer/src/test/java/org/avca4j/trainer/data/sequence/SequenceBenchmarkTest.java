package org.avca4j.trainer.data.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.junit.jupiter.api.Test;

/** The set lookup by name and the averaged vector view, on hand-built sequences. */
class SequenceBenchmarkTest {

    @Test
    void averagedViewHoldsEachClipsMeanRow() {
        Benchmark v = benchmark().averaged();
        ClipSet train = v.stage1Train();
        assertEquals("train", train.name());
        assertEquals(2, train.size());
        // audio: clip 0 rows (1,2),(3,6) -> (2,4); clip 1 row (5,5) -> (5,5)
        assertArrayEquals(new float[] {2, 4, 5, 5}, train.audio(), 0f);
        // video: clip 0 row (7) -> 7; clip 1 rows (1),(2),(6) -> 3
        assertArrayEquals(new float[] {7, 3}, train.video(), 0f);
        assertArrayEquals(new int[] {0, 1}, train.labels());
        assertArrayEquals(new String[] {"c0", "c1"}, train.urls());
        assertEquals("test", v.test().name());
    }

    @Test
    void findsSetsByNameAndNamesTheOthers() {
        SequenceBenchmark b = benchmark();
        assertSame(b.stage1Val(), b.set("val"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> b.set("nope"));
        assertTrue(
                e.getMessage().contains("nope") && e.getMessage().contains("train"),
                e.getMessage());
    }

    private static SequenceBenchmark benchmark() {
        return new SequenceBenchmark(
                DatasetName.UCF,
                FeatureSet.MAIN,
                SplitName.MAIN,
                List.of("a", "b"),
                new float[][] {{1, 0}, {0, 1}},
                TextOrder.OWN,
                set("train"),
                set("val"),
                set("train_val"),
                set("test"),
                List.of());
    }

    private static SequenceClipSet set(String name) {
        return new SequenceClipSet(
                name,
                2,
                1,
                new float[][][] {{{1, 2}, {3, 6}}, {{5, 5}}},
                new float[][][] {{{7}}, {{1}, {2}, {6}}},
                new int[] {0, 1},
                new String[] {"c0", "c1"},
                new int[] {0, 1},
                new int[0]);
    }
}
