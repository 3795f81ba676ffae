package org.avca4j.sdk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a serialized ONNX model that some of its outputs need.
 *
 * <p>ONNX Runtime runs every node of a graph on every call, whatever outputs the call asks for: on
 * an AVCA model, a call for θv alone also computed the audio token's attention, feed-forward and θa
 * projection, about a fifth of the work at batch 256 (docs/performance.md, Inference). A session on
 * the pruned model runs only what the kept outputs depend on.
 *
 * <p>Pruning keeps the nodes the kept outputs depend on (following node inputs to the nodes that
 * produce them, in any node order), the initializers and {@code value_info} entries those nodes
 * name, and the kept graph outputs; every graph input stays, so that the same inputs can be fed
 * (ONNX Runtime accepts an input nothing reads). Every other byte of the model (opset, metadata,
 * the model card, functions) is copied unchanged. The model's wire format is read directly, as the
 * digest check does, so the SDK needs no protobuf library. A model whose nodes hold subgraphs
 * ({@code If}, {@code Loop}, {@code Scan}: their bodies can read values their node does not list)
 * is returned unchanged.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class OutputPruner {

    /** ModelProto.graph. */
    private static final int MODEL_GRAPH = 7;

    /** GraphProto fields. */
    private static final int GRAPH_NODE = 1;

    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int GRAPH_SPARSE_INITIALIZER = 15;
    private static final int GRAPH_INPUT = 11;

    /** NodeProto fields. */
    private static final int NODE_INPUT = 1;

    private static final int NODE_OUTPUT = 2;
    private static final int NODE_ATTRIBUTE = 5;

    /** AttributeProto.g and AttributeProto.graphs: a subgraph. */
    private static final int ATTRIBUTE_GRAPH = 6;

    private static final int ATTRIBUTE_GRAPHS = 11;

    /** TensorProto.name, ValueInfoProto.name, SparseTensorProto.values. */
    private static final int TENSOR_NAME = 8;

    private static final int VALUE_INFO_NAME = 1;
    private static final int SPARSE_VALUES = 1;

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH = 2;
    private static final int WIRE_FIXED32 = 5;

    private OutputPruner() {}

    /**
     * The model reduced to what {@code outputs} need.
     *
     * @param model a serialized ONNX {@code ModelProto}; not changed
     * @param outputs names of graph outputs to keep, at least one
     * @return the pruned model; {@code model} itself when nothing can be left out, or when a node
     *     holds a subgraph
     * @throws ModelFormatException if the bytes are not a well-formed ONNX model (a length or
     *     varint past the end, an unknown wire type, no graph or more than one)
     * @throws IllegalArgumentException if {@code outputs} is empty or names something that is not a
     *     graph output
     * @throws NullPointerException if an argument is null
     */
    public static byte[] keepOutputs(byte[] model, Set<String> outputs)
            throws ModelFormatException {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("keep at least one output");
        }
        List<Field> top = fields(model, 0, model.length, "the model");
        Field graph = null;
        for (Field f : top) {
            if (f.number == MODEL_GRAPH) {
                if (graph != null || f.wireType != WIRE_LENGTH) {
                    throw malformed("the model", "one graph (field 7, length-delimited)");
                }
                graph = f;
            }
        }
        if (graph == null) {
            throw malformed("the model", "a graph (field 7)");
        }
        byte[] pruned = pruneGraph(model, graph, outputs);
        if (pruned == null) {
            return model;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length);
        out.write(model, 0, graph.start);
        writeVarint(out, ((long) MODEL_GRAPH << 3) | WIRE_LENGTH);
        writeVarint(out, pruned.length);
        out.write(pruned, 0, pruned.length);
        out.write(model, graph.end, model.length - graph.end);
        return out.toByteArray();
    }

    /** The graph's pruned bytes, or null when nothing would be left out or it holds a subgraph. */
    private static byte[] pruneGraph(byte[] b, Field graph, Set<String> outputs)
            throws ModelFormatException {
        List<Field> fields = fields(b, graph.valueStart, graph.end, "the graph");
        List<List<String>> nodeInputs = new ArrayList<>();
        Map<String, Integer> producer = new HashMap<>();
        Set<String> graphOutputs = new HashSet<>();
        Set<String> graphInputs = new HashSet<>();
        for (Field f : fields) {
            if (f.wireType != WIRE_LENGTH) {
                continue;
            }
            if (f.number == GRAPH_NODE) {
                List<String> in = new ArrayList<>();
                List<String> out = new ArrayList<>();
                for (Field n : fields(b, f.valueStart, f.end, "a node")) {
                    if (n.wireType != WIRE_LENGTH) {
                        continue;
                    }
                    if (n.number == NODE_INPUT) {
                        in.add(n.string(b));
                    } else if (n.number == NODE_OUTPUT) {
                        out.add(n.string(b));
                    } else if (n.number == NODE_ATTRIBUTE && holdsGraph(b, n)) {
                        return null;
                    }
                }
                int index = nodeInputs.size();
                nodeInputs.add(in);
                for (String o : out) {
                    if (!o.isEmpty()) {
                        producer.put(o, index);
                    }
                }
            } else if (f.number == GRAPH_OUTPUT) {
                graphOutputs.add(name(b, f, VALUE_INFO_NAME, "a graph output"));
            } else if (f.number == GRAPH_INPUT) {
                graphInputs.add(name(b, f, VALUE_INFO_NAME, "a graph input"));
            }
        }
        for (String o : outputs) {
            if (!graphOutputs.contains(o)) {
                throw new IllegalArgumentException(
                        "'"
                                + o
                                + "' is not an output of the model; its outputs are "
                                + graphOutputs);
            }
        }
        if (outputs.containsAll(graphOutputs)) {
            return null;
        }
        // Every value the kept outputs depend on, and the nodes that make them.
        Set<String> needed = new HashSet<>(outputs);
        boolean[] kept = new boolean[nodeInputs.size()];
        Deque<String> pending = new ArrayDeque<>(outputs);
        while (!pending.isEmpty()) {
            Integer node = producer.get(pending.pop());
            if (node == null || kept[node]) {
                continue;
            }
            kept[node] = true;
            for (String in : nodeInputs.get(node)) {
                if (!in.isEmpty() && needed.add(in)) {
                    pending.push(in);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(graph.end - graph.valueStart);
        int node = 0;
        for (Field f : fields) {
            boolean keep =
                    f.number == GRAPH_NODE && f.wireType == WIRE_LENGTH
                            ? kept[node++]
                            : keepEntry(b, f, needed, outputs, graphInputs);
            if (keep) {
                out.write(b, f.start, f.end - f.start);
            }
        }
        return out.toByteArray();
    }

    /** Whether a graph field other than a node stays. */
    private static boolean keepEntry(
            byte[] b, Field f, Set<String> needed, Set<String> outputs, Set<String> graphInputs)
            throws ModelFormatException {
        if (f.wireType != WIRE_LENGTH) {
            return true;
        }
        switch (f.number) {
            case GRAPH_OUTPUT:
                return outputs.contains(name(b, f, VALUE_INFO_NAME, "a graph output"));
            case GRAPH_VALUE_INFO:
                return needed.contains(name(b, f, VALUE_INFO_NAME, "a value_info entry"));
            case GRAPH_INITIALIZER:
                String tensor = name(b, f, TENSOR_NAME, "an initializer");
                // an initializer that is also listed as a graph input (older IR) must stay, or
                // the input would have to be fed
                return needed.contains(tensor) || graphInputs.contains(tensor);
            case GRAPH_SPARSE_INITIALIZER:
                Field values = last(b, f, SPARSE_VALUES, "a sparse initializer");
                if (values == null) {
                    return true;
                }
                String sparse = name(b, values, TENSOR_NAME, "a sparse initializer");
                return needed.contains(sparse) || graphInputs.contains(sparse);
            default:
                return true;
        }
    }

    /** Whether an attribute carries a subgraph. */
    private static boolean holdsGraph(byte[] b, Field attribute) throws ModelFormatException {
        for (Field a : fields(b, attribute.valueStart, attribute.end, "a node attribute")) {
            if (a.number == ATTRIBUTE_GRAPH || a.number == ATTRIBUTE_GRAPHS) {
                return true;
            }
        }
        return false;
    }

    /** The string field {@code number} of the message in {@code f} (the last one, as protobuf). */
    private static String name(byte[] b, Field f, int number, String what)
            throws ModelFormatException {
        Field name = last(b, f, number, what);
        return name == null ? "" : name.string(b);
    }

    /**
     * The last length-delimited field {@code number} of the message in {@code f} (protobuf's rule
     * for a repeated singular field), or null.
     */
    private static Field last(byte[] b, Field f, int number, String what)
            throws ModelFormatException {
        Field last = null;
        for (Field n : fields(b, f.valueStart, f.end, what)) {
            if (n.number == number && n.wireType == WIRE_LENGTH) {
                last = n;
            }
        }
        return last;
    }

    /**
     * One field of a message: its number and wire type, where its tag starts, where its value
     * starts (after the length of a length-delimited field) and where it ends.
     */
    private record Field(int number, int wireType, int start, int valueStart, int end) {
        String string(byte[] b) {
            return new String(b, valueStart, end - valueStart, StandardCharsets.UTF_8);
        }
    }

    /** The fields of the message in {@code b[from, to)}. */
    private static List<Field> fields(byte[] b, int from, int to, String what)
            throws ModelFormatException {
        List<Field> out = new ArrayList<>();
        int[] at = {from};
        while (at[0] < to) {
            int start = at[0];
            long key = varint(b, at, to, what);
            long number = key >>> 3;
            int wireType = (int) (key & 7);
            if (number < 1 || number > Integer.MAX_VALUE) {
                throw malformed(what, "field numbers from 1 (got " + number + ")");
            }
            int valueStart = at[0];
            switch (wireType) {
                case WIRE_VARINT -> varint(b, at, to, what);
                case WIRE_FIXED64 -> skip(at, 8, to, what);
                case WIRE_FIXED32 -> skip(at, 4, to, what);
                case WIRE_LENGTH -> {
                    long length = varint(b, at, to, what);
                    valueStart = at[0];
                    skip(at, length, to, what);
                }
                default -> throw malformed(what, "wire types 0, 1, 2 or 5 (got " + wireType + ")");
            }
            out.add(new Field((int) number, wireType, start, valueStart, at[0]));
        }
        return out;
    }

    /** Reads a varint at {@code at[0]} and moves past it. */
    private static long varint(byte[] b, int[] at, int to, String what)
            throws ModelFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) {
                throw malformed(what, "a varint that ends before the message does");
            }
            byte next = b[at[0]++];
            value |= (long) (next & 0x7f) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw malformed(what, "a varint of at most 10 bytes");
    }

    private static void skip(int[] at, long length, int to, String what)
            throws ModelFormatException {
        if (length < 0 || length > to - at[0]) {
            throw malformed(
                    what,
                    "a field of "
                            + Long.toUnsignedString(length)
                            + " bytes within the "
                            + (to - at[0])
                            + " left");
        }
        at[0] += (int) length;
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static ModelFormatException malformed(String what, String expected) {
        return new ModelFormatException(
                "not a well-formed ONNX model: " + what + " should hold " + expected);
    }
}
