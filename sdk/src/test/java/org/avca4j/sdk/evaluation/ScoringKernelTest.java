package org.avca4j.sdk.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one scoring kernel, against hand-worked values and a naive sort. */
class ScoringKernelTest {

    @Test
    void distancesAreEuclideanInSinglePrecision() {
        // (0, 0) to (3, 4) is 5; (1, 1) to (3, 4) is √(4 + 9) = √13.
        float[] clips = {9, 0, 0, 1, 1};
        float[] classes = {3, 4, 1, 1};
        assertEquals(5f, ScoringKernel.distance(clips, 1, classes, 0, 2));
        float[] out = new float[3];
        ScoringKernel.distances(clips, 3, classes, 2, 2, out, 1);
        assertArrayEquals(new float[] {0, (float) Math.sqrt(13), 0}, out);
        // Squares beyond float range are summed in double, and the distance rounds to infinity
        // only when the distance itself is beyond float: √(2·(3e38)²) ≈ 4.24e38.
        assertEquals(3e38f, ScoringKernel.distance(new float[] {3e38f}, 0, new float[] {0}, 0, 1));
        assertEquals(
                Float.POSITIVE_INFINITY,
                ScoringKernel.distance(new float[] {3e38f, 3e38f}, 0, new float[2], 0, 2));
    }

    @Test
    void calibrationAddsBetaToSeenClassesInFloat() {
        assertEquals(1.5f, ScoringKernel.calibrated(1, true, 0.5));
        assertEquals(1f, ScoringKernel.calibrated(1, false, 0.5));
        // 0.9f + 0.2f rounds to 1.1f in float (in double it is 1.0999999762, below 1.1f).
        assertEquals(1.1f, ScoringKernel.calibrated(0.9f, true, 0.2));
    }

    @Test
    void rankOrdersByCalibratedDistanceWithEarlierColumnsFirstOnTies() {
        // Columns: 2 (seen), 1 (unseen), 1.5 (seen), 1 (unseen). β = 0.5: 2.5, 1, 2, 1.
        float[] d = {2, 1, 1.5f, 1};
        boolean[] seen = {true, false, true, false};
        int[] all = new int[4];
        assertEquals(4, ScoringKernel.rank(d, 0, seen, 0.5, all));
        assertArrayEquals(new int[] {1, 3, 2, 0}, all);
        int[] two = new int[2];
        assertEquals(2, ScoringKernel.rank(d, 0, seen, 0.5, two));
        assertArrayEquals(new int[] {1, 3}, two);
        int[] more = new int[9];
        assertEquals(4, ScoringKernel.rank(d, 0, seen, 0, more));
        // β = 0: 2, 1, 1.5, 1.
        assertArrayEquals(new int[] {1, 3, 2, 0}, Arrays.copyOf(more, 4));
        assertEquals(1, ScoringKernel.nearest(d, 0, seen, 0));
        // β = −1: 1, 1, 0.5, 1: column 2, then columns 0, 1, 3 in column order.
        ScoringKernel.rank(d, 0, seen, -1, all);
        assertArrayEquals(new int[] {2, 0, 1, 3}, all);
        // none wanted: nothing written, and the row is still read (no index below zero)
        assertEquals(0, ScoringKernel.rank(d, 0, seen, 0.5, new int[0]));
    }

    @Test
    void theFloatTieFallsToTheEarlierColumn() {
        // Unseen at 1.1f first, seen at 0.9f second, β = 0.2: both 1.1f in float.
        float[] d = {1.1f, 0.9f};
        boolean[] seen = {false, true};
        assertEquals(0, ScoringKernel.nearest(d, 0, seen, 0.2));
        assertEquals(
                0,
                CalibratedStacking.predict(DistanceMatrix.of(d, 1, new int[] {4, 7}, seen), 0.2)[0]
                        - 4);
    }

    @Test
    void rankMatchesAStableSortOnRandomRowsWithManyTies() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + r.nextInt(40);
            float[] d = new float[m + 3];
            boolean[] seen = new boolean[m];
            for (int j = 0; j < m; j++) {
                d[3 + j] = r.nextInt(6) * 0.25f; // few distinct values: many ties
                seen[j] = r.nextBoolean();
            }
            double beta = r.nextInt(4) * 0.25;
            Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
            Arrays.sort(
                    order,
                    Comparator.comparingDouble(
                            j -> ScoringKernel.calibrated(d[3 + j], seen[j], beta)));
            int k = 1 + r.nextInt(m + 2);
            int[] top = new int[k];
            int n = ScoringKernel.rank(d, 3, seen, beta, top);
            assertEquals(Math.min(k, m), n);
            for (int i = 0; i < n; i++) {
                assertEquals(order[i], top[i], "trial " + trial + ", place " + i);
            }
            assertEquals(order[0], ScoringKernel.nearest(d, 3, seen, beta));
        }
    }

    @Test
    void badRowsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ScoringKernel.nearest(new float[0], 0, new boolean[0], 0));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ScoringKernel.rank(
                                        new float[] {1, Float.NaN},
                                        0,
                                        new boolean[2],
                                        0,
                                        new int[1]));
        assertEquals("distance to candidate column 1 is NaN: it cannot be ranked", e.getMessage());
    }

    @Test
    void distancesOfManyClassesAreTheOneClassDistancesBitForBit() {
        SplittableRandom r = new SplittableRandom(11);
        int dim = 13;
        int count = 7; // one block of four classes and a remainder of three
        float[] x = new float[2 * dim];
        float[] classes = new float[count * dim];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) r.nextGaussian();
        }
        for (int k = 0; k < classes.length; k++) {
            classes[k] = (float) r.nextGaussian();
        }
        float[] out = new float[count + 1];
        ScoringKernel.distances(x, dim, classes, count, dim, out, 1);
        for (int j = 0; j < count; j++) {
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                double d = x[dim + k] - classes[j * dim + k];
                sum += d * d;
            }
            assertEquals((float) Math.sqrt(sum), out[j + 1], 0f, "class " + j);
            assertEquals(ScoringKernel.distance(x, dim, classes, j * dim, dim), out[j + 1], 0f);
        }
        assertEquals(0f, out[0], 0f);
    }

    @Test
    void distanceMatrixIsThePerClipKernelBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        // 300 clips: a block of 256 and a rest; dim 13 leaves a remainder after groups of four.
        int rows = 300;
        int dim = 13;
        int count = 9;
        float[] clips = new float[rows * dim];
        float[] classes = new float[count * dim];
        for (int k = 0; k < clips.length; k++) {
            // magnitudes from 2^-40 to 2^40, both signs: differences round in every binade
            clips[k] = (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(-40, 41)));
        }
        for (int k = 0; k < classes.length; k++) {
            classes[k] = (float) (r.nextGaussian() * Math.scalb(1.0, r.nextInt(-40, 41)));
        }
        assertMatrixIsPerClip(clips, rows, classes, count, dim);
    }

    @Test
    void distanceMatrixIsPerClipWhateverWidthsOneThreadAlternates() {
        // The transposed block is kept per thread and remade when the width changes: width 300
        // gives blocks of 128 clips (200 clips: a block and a rest of 72 padded to 128 lanes),
        // width 13 blocks of 256 (300 clips: a block and a rest of 44); 40 clips are padded to
        // 128 lanes, 9 scored clip by clip. Each call must see only its own clips, whatever the
        // block held before.
        SplittableRandom r = new SplittableRandom(9);
        int[][] shapes = {
            {300, 13}, {200, 300}, {40, 13}, {9, 13}, {300, 13}, {200, 300}, {260, 64}
        };
        for (int[] shape : shapes) {
            int rows = shape[0];
            int dim = shape[1];
            float[] clips = new float[rows * dim];
            float[] classes = new float[5 * dim];
            for (int k = 0; k < clips.length; k++) {
                clips[k] = (float) r.nextGaussian();
            }
            for (int k = 0; k < classes.length; k++) {
                classes[k] = (float) r.nextGaussian();
            }
            assertMatrixIsPerClip(clips, rows, classes, 5, dim);
        }
    }

    @Test
    void distanceMatrixRoundsDifferencesToEvenLikeFloatSubtraction() {
        // x − 2⁻²⁴ for x in [1, 2) lies halfway between two floats (their spacing is 2⁻²³):
        // float subtraction rounds to the even neighbour, so the result alternates between
        // rounding down and up with the last bit of x. 1 − 2⁻²⁵ is the same across a binade.
        // 40 clips: enough to be scored in vector lanes, not clip by clip.
        int rows = 40;
        float[] clips = new float[rows];
        for (int i = 0; i < rows; i++) {
            clips[i] = i == 0 ? 1f : Float.intBitsToFloat(Float.floatToIntBits(1f) + i);
        }
        float[] classes = {0x1p-24f, 0x1p-25f, -0x1p-24f, 3 * 0x1p-25f};
        float[] out = assertMatrixIsPerClip(clips, rows, classes, classes.length, 1);
        // 1 − 2⁻²⁴ is exact: below 1 the spacing is 2⁻²⁴.
        assertEquals(1f - 0x1p-24f, out[0], 0f);
        // (1 + 2⁻²³) − 2⁻²⁴: tie between 1 and 1 + 2⁻²³; the even one is 1.
        assertEquals(1f, out[classes.length], 0f);
        // (1 + 2·2⁻²³) − 2⁻²⁴: tie between 1 + 2⁻²³ and 1 + 2·2⁻²³; the even one is the latter.
        assertEquals(1f + 2 * 0x1p-23f, out[2 * classes.length], 0f);
    }

    @Test
    void distanceMatrixScoresTinyHugeAndInfiniteValuesAsThePerClipKernel() {
        int rows = 40; // enough to be scored in vector lanes, not clip by clip
        int dim = 2;
        float[] clips = new float[rows * dim];
        for (int i = 0; i < rows; i++) {
            clips[2 * i] = 1f + i;
            clips[2 * i + 1] = 3e38f;
        }
        float[] classes = {1, -3e38f, 0, 0};
        // 3e38 − (−3e38) is beyond float: an infinite distance, as clip by clip
        float[] out = assertMatrixIsPerClip(clips, rows, classes, 2, dim);
        assertEquals(Float.POSITIVE_INFINITY, out[0]);
        assertEquals(3e38f, out[1], 0f);
        float[] subnormal = clips.clone();
        subnormal[5] = Float.MIN_VALUE * 3;
        assertMatrixIsPerClip(subnormal, rows, new float[] {Float.MIN_VALUE, 1, 0, 0}, 2, dim);
        assertMatrixIsPerClip(subnormal, rows, classes, 2, dim);
        assertMatrixIsPerClip(clips, rows, new float[] {1, 2, 3, 0x1p-110f}, 2, dim);
        float[] infinite = clips.clone();
        infinite[7] = Float.POSITIVE_INFINITY;
        out = assertMatrixIsPerClip(infinite, rows, classes, 2, dim);
        assertEquals(Float.POSITIVE_INFINITY, out[3 * 2 + 1]);
    }

    @Test
    void distanceMatrixChecksSizes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ScoringKernel.distanceMatrix(
                                        new float[5], 3, new float[4], 2, 2, new float[6]));
        assertEquals(
                "arrays too short: clips 5 (expected rows*dim = 6), classes 4 (expected"
                        + " count*dim = 4), out 6 (expected rows*count = 6)",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ScoringKernel.distanceMatrix(new float[0], -1, new float[0], 0, 2, null));
    }

    /** Asserts distanceMatrix equals distances clip by clip, bit for bit; returns the matrix. */
    private static float[] assertMatrixIsPerClip(
            float[] clips, int rows, float[] classes, int count, int dim) {
        float[] matrix = new float[rows * count];
        ScoringKernel.distanceMatrix(clips, rows, classes, count, dim, matrix);
        float[] expected = new float[rows * count];
        for (int i = 0; i < rows; i++) {
            ScoringKernel.distances(clips, i * dim, classes, count, dim, expected, i * count);
        }
        for (int i = 0; i < matrix.length; i++) {
            assertEquals(
                    Float.floatToRawIntBits(expected[i]),
                    Float.floatToRawIntBits(matrix[i]),
                    "clip " + i / count + ", class " + i % count);
        }
        return matrix;
    }
}
