package org.avca4j.sdk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Checks user-supplied vectors before they reach the native runtime. */
final class FeatureChecks {

    /**
     * The largest input (floats) whose buffer a thread keeps for its next call: 1 M floats (4 MiB),
     * a batch of 2,048 clips of 512 features. Larger batches get a fresh buffer each call.
     */
    static final int REUSED_FLOATS = 1 << 20;

    /** Per thread, per input name: the direct buffer the last call filled. */
    private static final ThreadLocal<Map<String, FloatBuffer>> BUFFERS =
            ThreadLocal.withInitial(HashMap::new);

    /** Per thread: the marks of the last {@link #flatten}, one per column. */
    private static final ThreadLocal<float[]> MARKS = ThreadLocal.withInitial(() -> new float[0]);

    private FeatureChecks() {}

    /**
     * Checks a batch of vectors and copies them, row-major, into a direct buffer in native order,
     * which ONNX Runtime reads without copying again. The buffer belongs to the calling thread and
     * is refilled by its next call with the same {@code input}: use it before then.
     *
     * <p>Each row is read once from memory: its values are marked (see {@link #mark}) and copied
     * while it is in the first-level cache. Only a batch whose marks show a value that is not
     * finite is read again, to name the first such value; the rows before a malformed row are
     * checked for one first, so the error is the one of the earliest bad clip either way.
     *
     * @throws IllegalArgumentException if the batch is empty, a row is null, has another width than
     *     {@code width}, or holds NaN or an infinity
     */
    static FloatBuffer flatten(float[][] rows, int width, String input) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("empty batch: no " + input + " vectors given");
        }
        FloatBuffer flat = buffer(input, rows.length * width);
        float[] marks = marks(width);
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            if (row == null || row.length != width) {
                requireMarksFinite(marks, rows, i, input);
                check(row, width, input, i);
            }
            mark(row, marks);
            flat.put(row);
        }
        requireMarksFinite(marks, rows, rows.length, input);
        return flat.flip();
    }

    /**
     * Adds {@code v·0} of each value into the marks of its column: 0 for a finite value, NaN for
     * NaN or an infinity, and a NaN mark stays NaN. An element-wise loop without a branch, which
     * the JIT compiles to vector instructions (a sum over the row would be a serial chain).
     */
    private static void mark(float[] row, float[] marks) {
        for (int j = 0; j < marks.length; j++) {
            marks[j] += row[j] * 0f;
        }
    }

    /**
     * @throws IllegalArgumentException naming the first value that is not finite in rows {@code
     *     0..upTo-1}, if the marks show one
     */
    private static void requireMarksFinite(float[] marks, float[][] rows, int upTo, String input) {
        float sum = 0;
        for (float m : marks) {
            sum += m;
        }
        if (sum == 0f) {
            return;
        }
        for (int i = 0; i < upTo; i++) {
            check(rows[i], marks.length, input, i);
        }
        // v·0 is NaN only for a value that is not finite, which the loop above has thrown for
        throw new AssertionError("a mark of " + input + " is not finite, but no value is");
    }

    /** The calling thread's marks for rows of {@code width}, zeroed. */
    private static float[] marks(int width) {
        float[] mine = MARKS.get();
        if (mine.length != width) {
            mine = new float[width];
            MARKS.set(mine);
        } else {
            Arrays.fill(mine, 0f);
        }
        return mine;
    }

    /** An empty direct buffer of the calling thread's with room for {@code floats}. */
    private static FloatBuffer buffer(String input, int floats) {
        if (floats > REUSED_FLOATS) {
            return allocate(floats);
        }
        Map<String, FloatBuffer> mine = BUFFERS.get();
        FloatBuffer b = mine.get(input);
        if (b == null || b.capacity() < floats) {
            b = allocate(floats);
            mine.put(input, b);
        }
        b.clear();
        return b.limit(floats);
    }

    /** A direct buffer in native order of {@code floats}, which ONNX Runtime reads in place. */
    static FloatBuffer allocate(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /** {@link #flatten} of a single vector. */
    static FloatBuffer single(float[] row, int width, String input) {
        return flatten(new float[][] {row}, width, input);
    }

    /**
     * @throws IllegalArgumentException if the vector is null, has another width than {@code width},
     *     or holds NaN or an infinity
     */
    static void check(float[] row, int width, String input, int clip) {
        if (row == null) {
            throw new IllegalArgumentException(input + " vector of clip " + clip + " is null");
        }
        if (row.length != width) {
            throw new IllegalArgumentException(
                    "wrong "
                            + input
                            + " feature width for clip "
                            + clip
                            + ": expected "
                            + width
                            + ", got "
                            + row.length);
        }
        int j = Finite.firstBad(row, 0, width);
        if (j >= 0) {
            throw new IllegalArgumentException(
                    input
                            + " features of clip "
                            + clip
                            + " hold "
                            + row[j]
                            + " at index "
                            + j
                            + ": inputs must be finite");
        }
    }

    /**
     * Checks a class text embedding and returns it scaled to unit L2 norm.
     *
     * @throws IllegalArgumentException if it is null, has another width, holds NaN or an infinity,
     *     or is all zeros
     */
    static float[] unitEmbedding(String name, float[] embedding, int width) {
        if (embedding == null) {
            throw new IllegalArgumentException("class '" + name + "': embedding is null");
        }
        if (embedding.length != width) {
            throw new IllegalArgumentException(
                    "class '"
                            + name
                            + "': embedding has "
                            + embedding.length
                            + " floats, expected "
                            + width);
        }
        double sq = 0;
        for (int j = 0; j < width; j++) {
            if (!Float.isFinite(embedding[j])) {
                throw new IllegalArgumentException(
                        "class '"
                                + name
                                + "': embedding holds "
                                + embedding[j]
                                + " at index "
                                + j
                                + ": it must be finite");
            }
            sq += (double) embedding[j] * embedding[j];
        }
        if (sq == 0) {
            throw new IllegalArgumentException("class '" + name + "': embedding is all zeros");
        }
        double inv = 1.0 / Math.sqrt(sq);
        float[] unit = new float[width];
        for (int j = 0; j < width; j++) {
            unit[j] = (float) (embedding[j] * inv);
        }
        return unit;
    }
}
