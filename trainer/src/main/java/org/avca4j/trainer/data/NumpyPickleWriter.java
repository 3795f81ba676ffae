package org.avca4j.trainer.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@code dict[str, float32[n]]} wrapped in a 0-d object array as pickle protocol 3, opcode
 * for opcode what {@code numpy.save(f, dict)} writes (without the memo, which is optional); and a
 * per-class {@code .pkl} dict of the TCaF and ClipClap layouts as protocol 4, what {@code
 * pickle.dump(dict, f, protocol=4)} writes (without the optional memo and frames).
 *
 * <p>Pyrolite's {@code Pickler} is not used: it writes protocol 2, turns {@code byte[]} into {@code
 * bytearray} calls, and its custom picklers live in one JVM-wide table. The format needs only a
 * dozen opcodes.
 */
final class NumpyPickleWriter {

    private static final int PROTO = 0x80;
    private static final int MARK = '(';
    private static final int STOP = '.';
    private static final int BININT = 'J';
    private static final int BININT1 = 'K';
    private static final int NONE = 'N';
    private static final int REDUCE = 'R';
    private static final int BINUNICODE = 'X';
    private static final int APPEND = 'a';
    private static final int BUILD = 'b';
    private static final int GLOBAL = 'c';
    private static final int EMPTY_DICT = '}';
    private static final int EMPTY_LIST = ']';
    private static final int EMPTY_TUPLE = ')';
    private static final int SETITEMS = 'u';
    private static final int TUPLE = 't';
    private static final int TUPLE1 = 0x85;
    private static final int TUPLE3 = 0x87;
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int BINBYTES = 'B';
    private static final int SHORT_BINBYTES = 'C';

    /** Python's pickler splits SETITEMS into batches of this many pairs. */
    private static final int BATCH = 1000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private NumpyPickleWriter() {}

    /** The pickle of {@code numpy.array(dict, dtype=object)} as {@code numpy.save} writes it. */
    static byte[] pickleFloatDict(Map<String, float[]> dict) {
        NumpyPickleWriter w = new NumpyPickleWriter();
        w.op(PROTO).op(3);
        w.reconstruct();
        w.op(MARK).op(BININT1).op(1).op(EMPTY_TUPLE);
        w.dtype("O8", "|", 63);
        w.op(NEWFALSE).op(EMPTY_LIST).op(EMPTY_DICT);
        int inBatch = 0;
        for (Map.Entry<String, float[]> e : dict.entrySet()) {
            if (inBatch == 0) {
                w.op(MARK);
            }
            w.unicode(e.getKey());
            w.floatArray(e.getValue());
            if (++inBatch == BATCH) {
                w.op(SETITEMS);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            w.op(SETITEMS);
        }
        w.op(APPEND).op(TUPLE).op(BUILD).op(STOP);
        return w.out.toByteArray();
    }

    private static final int APPENDS = 'e';

    /**
     * The pickle of {@code {'features': [arrays], 'video_names': [bytes], 'fps': [25, …]}}.
     *
     * @param data all rows of all clips, row-major
     * @param dim the row width
     * @param lengths rows per clip; null writes each clip as one 1-D vector of {@code dim}
     * @param float16 whether arrays are float16 ({@code f2}) rather than float32 ({@code f4})
     * @param names one name per clip, written as UTF-8 bytes
     */
    static byte[] pickleClassDict(
            float[] data, int dim, int[] lengths, boolean float16, String[] names) {
        NumpyPickleWriter w = new NumpyPickleWriter();
        w.op(PROTO).op(4);
        w.op(EMPTY_DICT).op(MARK);
        w.unicode("features");
        w.op(EMPTY_LIST).op(MARK);
        int row = 0;
        for (int i = 0; i < names.length; i++) {
            int rows = lengths == null ? 1 : lengths[i];
            float[] clip = java.util.Arrays.copyOfRange(data, row * dim, (row + rows) * dim);
            w.array(clip, lengths == null ? new int[] {dim} : new int[] {rows, dim}, float16);
            row += rows;
        }
        w.op(APPENDS);
        w.unicode("video_names");
        w.op(EMPTY_LIST).op(MARK);
        for (String n : names) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            w.op(BINBYTES);
            w.int4(b.length);
            w.out.write(b, 0, b.length);
        }
        w.op(APPENDS);
        w.unicode("fps");
        w.op(EMPTY_LIST).op(MARK);
        for (int i = 0; i < names.length; i++) {
            w.op(BININT1).op(25);
        }
        w.op(APPENDS);
        w.op(SETITEMS).op(STOP);
        return w.out.toByteArray();
    }

    /** A little-endian float16 or float32 array of a shape: reduce, then BUILD its state. */
    private void array(float[] values, int[] shape, boolean float16) {
        reconstruct();
        op(MARK).op(BININT1).op(1);
        op(MARK);
        for (int d : shape) {
            binint(d);
        }
        op(TUPLE);
        dtype(float16 ? "f2" : "f4", "<", 0);
        op(NEWFALSE);
        int size = float16 ? 2 : Float.BYTES;
        ByteBuffer raw = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (float16) {
                raw.putShort(floatToHalf(v));
            } else {
                raw.putFloat(v);
            }
        }
        op(BINBYTES);
        int4(raw.capacity());
        out.write(raw.array(), 0, raw.capacity());
        op(TUPLE).op(BUILD);
    }

    /** Float to IEEE 754 binary16, rounding to nearest even (as numpy's astype). */
    static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mant = bits & 0x7FFFFF;
        if (((bits >>> 23) & 0xFF) == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        }
        if (exp >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (exp <= 0) {
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >>> shift;
            int rest = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, up to infinity: correct
        }
        return (short) (sign | half);
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')}, numpy's {@code __reduce__} of any array. */
    private void reconstruct() {
        global("numpy.core.multiarray", "_reconstruct");
        global("numpy", "ndarray");
        op(BININT1).op(0).op(TUPLE1);
        op(SHORT_BINBYTES).op(1).op('b');
        op(TUPLE3).op(REDUCE);
    }

    /**
     * {@code dtype(descr, False, True)} with its state {@code (3, order, None, None, None, -1, -1,
     * flags)}.
     */
    private void dtype(String descr, String byteOrder, int flags) {
        global("numpy", "dtype");
        unicode(descr);
        op(NEWFALSE).op(NEWTRUE).op(TUPLE3).op(REDUCE);
        op(MARK).op(BININT1).op(3);
        unicode(byteOrder);
        op(NONE).op(NONE).op(NONE);
        binint(-1);
        binint(-1);
        op(BININT1).op(flags);
        op(TUPLE).op(BUILD);
    }

    /** A 1-D little-endian float32 array: reduce, then BUILD (1, (n,), dtype, False, raw). */
    private void floatArray(float[] values) {
        reconstruct();
        op(MARK).op(BININT1).op(1);
        binint(values.length);
        op(TUPLE1);
        dtype("f4", "<", 0);
        op(NEWFALSE);
        ByteBuffer raw =
                ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        op(BINBYTES);
        int4(raw.capacity());
        out.write(raw.array(), 0, raw.capacity());
        op(TUPLE).op(BUILD);
    }

    private void global(String module, String name) {
        op(GLOBAL);
        byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(text, 0, text.length);
    }

    private void unicode(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op(BINUNICODE);
        int4(utf8.length);
        out.write(utf8, 0, utf8.length);
    }

    private void binint(int v) {
        op(BININT);
        int4(v);
    }

    private void int4(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private NumpyPickleWriter op(int b) {
        out.write(b);
        return this;
    }
}
