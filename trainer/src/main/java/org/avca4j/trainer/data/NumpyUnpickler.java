package org.avca4j.trainer.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles numpy data and nothing else: the payload of numpy's pickled {@code dict[str,
 * float32[n]]} (what {@code np.save(f, dict)} writes, {@link #readFloatDict}) and a plain pickled
 * dict of lists of numeric arrays, bytes, strings and ints (the per-class {@code .pkl} files of the
 * TCaF and ClipClap layouts, {@link #readPlain}), in pickle protocols 2 to 5 (arrays as {@code
 * _reconstruct} + BUILD, or protocol 5's {@code _frombuffer} of an in-band buffer).
 *
 * <p>A pickle is a program: its GLOBAL opcodes name arbitrary Python callables. Pyrolite's own
 * {@code Unpickler} turns any global it does not know into a {@code ClassDict} without complaint,
 * and its {@code registerConstructor} is one JVM-wide table. This subclass therefore intercepts the
 * global opcodes itself and accepts only the numpy callables the format needs (an allow-list kept
 * per instance); every other global is rejected. It also keeps dict insertion order (Pyrolite
 * builds {@code HashMap}s) and applies numpy's {@code __setstate__} (BUILD) to its own array and
 * dtype stand-ins without reflection.
 *
 * <p>Not thread-safe: use one instance per file.
 */
final class NumpyUnpickler extends Unpickler {

    /**
     * The deepest nesting of lists, tuples and dicts accepted. The format needs 3 (the array state
     * tuple holds the list holding the dict); the bound keeps a hostile pickle from building
     * structures that some traversal would recurse through.
     */
    static final int MAX_DEPTH = 16;

    /** Nesting depth of every container built so far, by identity (hashing could recurse). */
    private final Map<Object, Integer> depths = new IdentityHashMap<>();

    /** {@code numpy.ndarray}: only ever passed as the first argument of {@code _reconstruct}. */
    private static final IObjectConstructor NDARRAY =
            args -> {
                throw new PickleException(
                        "numpy.ndarray called directly: expected it only as the type argument of _reconstruct");
            };

    /** {@code _reconstruct(ndarray, (0,), b'b')}: an empty array whose state BUILD fills. */
    private static final IObjectConstructor RECONSTRUCT =
            args -> {
                if (args.length != 3 || args[0] != NDARRAY) {
                    throw new PickleException(
                            "_reconstruct called with unexpected arguments: expected (numpy.ndarray, shape, typecode)");
                }
                return new ArrayState();
            };

    /** Bytes per element of the real numeric dtypes accepted, and 'O8' (object). */
    private static final Map<String, Integer> DTYPE_SIZES =
            Map.ofEntries(
                    Map.entry("f2", 2),
                    Map.entry("f4", 4),
                    Map.entry("f8", 8),
                    Map.entry("u1", 1),
                    Map.entry("u2", 2),
                    Map.entry("u4", 4),
                    Map.entry("u8", 8),
                    Map.entry("i1", 1),
                    Map.entry("i2", 2),
                    Map.entry("i4", 4),
                    Map.entry("i8", 8),
                    Map.entry("O8", 8));

    /** {@code dtype(descr, align, copy)}: real numbers (float, int, uint) or objects. */
    private static final IObjectConstructor DTYPE =
            args -> {
                if (args.length < 1 || !(args[0] instanceof String descr)) {
                    throw new PickleException("numpy.dtype called without a type string");
                }
                if (!DTYPE_SIZES.containsKey(descr)) {
                    throw new PickleException(
                            "numpy.dtype('"
                                    + descr
                                    + "') is not supported: expected a real number type "
                                    + new TreeSet<>(DTYPE_SIZES.keySet())
                                    + " (float16/32/64, int, uint) or 'O8' (object)");
                }
                return new DtypeState(descr);
            };

    /**
     * {@code _frombuffer(buffer, dtype, shape, order)}: protocol 5's reduction of a contiguous
     * array; the buffer arrives in-band as bytes or bytearray.
     */
    private static final IObjectConstructor FROMBUFFER =
            args -> {
                if (args.length != 4
                        || !(args[0] instanceof byte[] raw)
                        || !(args[1] instanceof DtypeState dt)
                        || !(args[2] instanceof Object[] dims)
                        || !(args[3] instanceof String order)) {
                    throw new PickleException(
                            "_frombuffer called with unexpected arguments: expected (bytes, dtype, shape, order)");
                }
                ArrayState a = new ArrayState();
                a.fill(dims, dt, "F".equals(order), raw);
                return a;
            };

    /**
     * The only globals the format may name. numpy 2 moved {@code numpy.core} to {@code
     * numpy._core}.
     */
    private static final Map<String, IObjectConstructor> ALLOWED =
            Map.of(
                    "numpy.core.multiarray._reconstruct", RECONSTRUCT,
                    "numpy._core.multiarray._reconstruct", RECONSTRUCT,
                    "numpy.core.numeric._frombuffer", FROMBUFFER,
                    "numpy._core.numeric._frombuffer", FROMBUFFER,
                    "numpy.ndarray", NDARRAY,
                    "numpy.dtype", DTYPE,
                    "numpy.core.multiarray.dtype", DTYPE,
                    "numpy._core.multiarray.dtype", DTYPE);

    /**
     * Unpickles a pickled 0-d object array holding a dict of 1-D float32 arrays.
     *
     * @param bytes the buffer holding the pickle
     * @param offset where the pickle starts
     * @return the dict in its pickled order; values are the arrays' floats
     * @throws PickleException if the pickle names a forbidden global or is not of that shape
     * @throws IOException if the pickle is truncated
     */
    static Map<String, float[]> readFloatDict(byte[] bytes, int offset) throws IOException {
        NumpyUnpickler unpickler = new NumpyUnpickler();
        Object root =
                unpickler.load(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
        if (!(root instanceof ArrayState array)
                || array.objects == null
                || array.shape.length != 0) {
            throw new PickleException(
                    "the pickle holds "
                            + describe(root)
                            + ", expected a 0-d numpy object array holding a dict");
        }
        if (!(array.objects[0] instanceof Map<?, ?> dict)) {
            throw new PickleException(
                    "the pickled object array holds "
                            + describe(array.objects[0])
                            + ", expected a dict");
        }
        Map<String, float[]> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new PickleException(
                        "dict key " + describe(e.getKey()) + ", expected a str class name");
            }
            if (!(e.getValue() instanceof ArrayState value)
                    || !value.dtype.descr.equals("f4")
                    || value.shape.length != 1) {
                throw new PickleException(
                        "the value of '"
                                + key
                                + "' is "
                                + describe(e.getValue())
                                + ", expected a 1-D float32 numpy array");
            }
            result.put(key, value.floats());
        }
        return result;
    }

    /**
     * Unpickles a plain pickle (no {@code .npy} header), e.g. {@code pickle.dump(dict, f)}.
     *
     * @param bytes the pickle
     * @return the unpickled object: {@code Map} (insertion order), {@code List}, {@code Object[]}
     *     (tuple), {@code byte[]} (bytes), {@code String}, {@code Integer}/{@code Long}, or {@link
     *     NumpyArray}
     * @throws PickleException if the pickle names a forbidden global, builds a set, nests too deep,
     *     or holds a malformed array
     * @throws IOException if the pickle is truncated
     */
    static Object readPlain(byte[] bytes) throws IOException {
        Object root = new NumpyUnpickler().load(new ByteArrayInputStream(bytes));
        return root instanceof ArrayState a ? a.view() : convertArrays(root);
    }

    /** Replaces array stand-ins inside lists and dicts (depth bounded by MAX_DEPTH). */
    private static Object convertArrays(Object o) {
        if (o instanceof ArrayState a) {
            return a.view();
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(convertArrays(x)));
            return out;
        }
        if (o instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, convertArrays(v)));
            return out;
        }
        return o;
    }

    /**
     * A numpy array read from a pickle.
     *
     * @param descr the dtype's type string, e.g. {@code f2}, {@code u1}
     * @param shape the array's shape (row-major)
     * @param values the elements converted to float, row-major; null for object arrays
     */
    record NumpyArray(String descr, int[] shape, float[] values) {}

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        if (o instanceof Object[]) {
            return "a tuple";
        }
        if (o instanceof Map<?, ?>) {
            return "a dict";
        }
        if (o instanceof ArrayState a) {
            return "a numpy array of dtype " + a.dtype.descr + " and rank " + a.shape.length;
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        return "a " + o.getClass().getSimpleName();
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
            }
            case Opcodes.INST -> {
                // INST looks the class up itself, bypassing GLOBAL; numpy never writes it.
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                throw forbidden(module, name);
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof Stateful s) || !(state instanceof Object[] tuple)) {
                    throw new PickleException(
                            "BUILD applied to "
                                    + describe(target)
                                    + ": expected a numpy array or dtype and a state tuple");
                }
                s.setState(tuple);
            }
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, items);
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(targetDict(), items);
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = stack.pop();
                putPairs(targetDict(), List.of(k, value));
            }
            case Opcodes.LIST -> {
                List<Object> list = new ArrayList<>(stack.pop_all_since_marker());
                stack.add(nest(list, list));
            }
            case Opcodes.APPEND -> {
                Object item = stack.pop();
                targetList().add(item);
                nest(targetList(), Collections.singletonList(item));
            }
            case Opcodes.APPENDS -> {
                List<Object> items = stack.pop_all_since_marker();
                targetList().addAll(items);
                nest(targetList(), items);
            }
            case Opcodes.TUPLE -> tuple(stack.pop_all_since_marker().toArray());
            case Opcodes.TUPLE1 -> tuple(stack.pop());
            case Opcodes.TUPLE2 -> {
                Object b = stack.pop();
                tuple(stack.pop(), b);
            }
            case Opcodes.TUPLE3 -> {
                Object c = stack.pop();
                Object b = stack.pop();
                tuple(stack.pop(), b, c);
            }
            case Opcodes.EMPTY_SET, Opcodes.ADDITEMS, Opcodes.FROZENSET ->
                    // Building a set hashes its items, which for nested lists takes exponential
                    // time.
                    throw new PickleException(
                            "pickle builds a set: expected only a dict, lists, tuples and arrays");
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> targetDict() {
        Object top = stack.peek();
        if (!(top instanceof Map<?, ?>)) {
            throw new PickleException(
                    "SETITEM(S) applied to " + describe(top) + ", expected a dict");
        }
        return (Map<Object, Object>) top;
    }

    /**
     * Puts key-value pairs, accepting only {@code str} keys. Python refuses lists as keys
     * (unhashable); Pyrolite would hash them, and a list built through the memo as {@code l_i =
     * [l_(i-1), l_(i-1)]} takes 2^i steps to hash (or overflows the stack when deep).
     */
    private void putPairs(Map<Object, Object> dict, List<Object> items) {
        for (int i = 0; i + 1 < items.size(); i += 2) {
            if (!(items.get(i) instanceof String key)) {
                throw new PickleException(
                        "dict key is " + describe(items.get(i)) + ", expected a str class name");
            }
            dict.put(key, items.get(i + 1));
        }
        nest(dict, items);
    }

    private void tuple(Object... items) {
        stack.add(nest(items, Arrays.asList(items)));
    }

    @SuppressWarnings("unchecked")
    private List<Object> targetList() {
        Object top = stack.peek();
        if (!(top instanceof List<?>)) {
            throw new PickleException(
                    "APPEND(S) applied to " + describe(top) + ", expected a list");
        }
        return (List<Object>) top;
    }

    /**
     * Records a container's nesting depth after items were added to it; see {@link #MAX_DEPTH}.
     * Depths are kept by identity and updated per added item, so nothing here recurses.
     */
    private <T> T nest(T container, List<?> items) {
        int depth = depths.getOrDefault(container, 1);
        for (Object item : items) {
            depth = Math.max(depth, 1 + depths.getOrDefault(item, 0));
        }
        if (depth > MAX_DEPTH) {
            throw new PickleException(
                    "containers nested "
                            + depth
                            + " deep, expected at most "
                            + MAX_DEPTH
                            + " (numpy's dict of arrays needs 3)");
        }
        depths.put(container, depth);
        return container;
    }

    private static IObjectConstructor resolve(String module, String name) {
        IObjectConstructor c = ALLOWED.get(module + "." + name);
        if (c == null) {
            throw forbidden(module, name);
        }
        return c;
    }

    private static PickleException forbidden(String module, String name) {
        return new PickleException(
                "forbidden pickle global '"
                        + module
                        + "."
                        + name
                        + "': expected only "
                        + new TreeSet<>(ALLOWED.keySet()));
    }

    /** A stand-in that receives numpy's {@code __setstate__} tuple. */
    private interface Stateful {
        void setState(Object[] state);
    }

    /** numpy.dtype: its type string and, after BUILD, its byte order. */
    private static final class DtypeState implements Stateful {
        final String descr;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        DtypeState(String descr) {
            this.descr = descr;
        }

        @Override
        public void setState(Object[] state) {
            if (state.length < 2 || !(state[1] instanceof String byteOrder)) {
                throw new PickleException("dtype('" + descr + "') state has no byte order");
            }
            switch (byteOrder) {
                case "<", "|" -> order = ByteOrder.LITTLE_ENDIAN;
                case ">" -> order = ByteOrder.BIG_ENDIAN;
                default ->
                        throw new PickleException(
                                "dtype('"
                                        + descr
                                        + "') has byte order '"
                                        + byteOrder
                                        + "', expected '<', '>' or '|'");
            }
        }
    }

    /** numpy.ndarray: state (version, shape, dtype, is_fortran, data). */
    private static final class ArrayState implements Stateful {
        int[] shape;
        DtypeState dtype;
        byte[] raw;
        Object[] objects;

        @Override
        public void setState(Object[] state) {
            if (state.length != 5
                    || !(state[1] instanceof Object[] dims)
                    || !(state[2] instanceof DtypeState dt)) {
                throw new PickleException(
                        "ndarray state is not (version, shape, dtype, is_fortran, data)");
            }
            fill(dims, dt, Boolean.TRUE.equals(state[3]), state[4]);
        }

        /** Sets shape, dtype and data, checking that the data holds exactly the elements. */
        void fill(Object[] dims, DtypeState dt, boolean fortran, Object data) {
            dtype = dt;
            shape = new int[dims.length];
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                if (!(dims[i] instanceof Number n)
                        || n.longValue() < 0
                        || n.longValue() > Integer.MAX_VALUE) {
                    throw new PickleException(
                            "ndarray shape entry " + dims[i] + " is not a valid length");
                }
                shape[i] = n.intValue();
                count *= n.longValue();
            }
            if (fortran && dims.length > 1) {
                throw new PickleException("ndarray is in Fortran order, expected C order");
            }
            if (dt.descr.equals("O8")) {
                if (!(data instanceof List<?> items) || items.size() != count) {
                    throw new PickleException(
                            "object array data is not a list of " + count + " items");
                }
                objects = items.toArray();
                return;
            }
            long bytes = count * DTYPE_SIZES.get(dt.descr);
            if (!(data instanceof byte[] b) || b.length != bytes) {
                throw new PickleException(
                        "dtype "
                                + dt.descr
                                + " array of shape "
                                + Arrays.toString(shape)
                                + ": data is not "
                                + bytes
                                + " bytes");
            }
            raw = b;
        }

        /** The elements as floats (exact for float16/32 and integers below 2^24). */
        float[] floats() {
            ByteBuffer b = ByteBuffer.wrap(raw).order(dtype.order);
            int size = DTYPE_SIZES.get(dtype.descr);
            float[] out = new float[raw.length / size];
            switch (dtype.descr) {
                case "f4" -> b.asFloatBuffer().get(out);
                case "f2" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = halfToFloat(b.getShort(2 * i));
                    }
                }
                case "f8" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) b.getDouble(8 * i);
                    }
                }
                default -> {
                    boolean unsigned = dtype.descr.charAt(0) == 'u';
                    for (int i = 0; i < out.length; i++) {
                        out[i] = integer(b, i * size, size, unsigned);
                    }
                }
            }
            return out;
        }

        NumpyArray view() {
            return new NumpyArray(dtype.descr, shape.clone(), objects != null ? null : floats());
        }

        private static float integer(ByteBuffer b, int at, int size, boolean unsigned) {
            return switch (size) {
                case 1 -> unsigned ? b.get(at) & 0xFF : b.get(at);
                case 2 -> unsigned ? b.getShort(at) & 0xFFFF : b.getShort(at);
                case 4 -> unsigned ? b.getInt(at) & 0xFFFFFFFFL : b.getInt(at);
                default -> {
                    long v = b.getLong(at);
                    yield unsigned && v < 0 ? (float) (v >>> 1) * 2f : (float) v;
                }
            };
        }
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived in Java 20). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
