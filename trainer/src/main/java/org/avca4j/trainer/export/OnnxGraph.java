package org.avca4j.trainer.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.avca4j.sdk.card.Precision;

/**
 * A thin layer over the generated ONNX protobuf builders: initializers, nodes with fresh output
 * names, typed graph inputs and outputs. Only what the AVCA graph needs.
 *
 * <p>Weight matrices go through {@link #weight} and {@link #matMul}: in an {@link Precision#INT8}
 * graph they are stored as int8 with one scale per output column (symmetric, {@code max|W[:,j]| /
 * 63}: seven bits, see {@link #WEIGHT_MAX}), and the product is ONNX's dynamic quantisation with
 * standard operators: {@code DynamicQuantizeLinear(x)} (uint8, one scale and zero point per tensor,
 * computed per call), {@code MatMulInteger}, {@code Cast} to float and a {@code Mul} by {@code
 * x_scale·w_scale[j]}.
 */
final class OnnxGraph {

    /**
     * The largest stored weight magnitude: symmetric, so that the zero point is 0, and seven bits,
     * not eight. ONNX Runtime multiplies uint8 activations by int8 weights on x86 processors
     * without VNNI (AVX2, AVX-512 before VNNI) with an instruction that adds two u8·s8 products
     * into a saturating int16: 2·255·127 overflows it, 2·255·63 = 32,130 does not. With eight bits
     * the θv of a test model was 16 % off its FP32 value on an AVX2 machine and 1–2 % off on a VNNI
     * one; with seven, 1.1 % on the AVX2 machine. The export cannot know the CPU it will run on, so
     * every INT8 model uses the range that is right on all of them (ONNX Runtime's own quantiser
     * calls this {@code reduce_range}).
     */
    static final int WEIGHT_MAX = 63;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Precision precision;
    private final Set<String> scalars = new HashSet<>();

    /** Weight name → the name of its per-column scales, for quantised weights. */
    private final Map<String, String> quantised = new HashMap<>();

    /** Activation name → its DynamicQuantizeLinear outputs (value, scale, zero point). */
    private final Map<String, String[]> dynamic = new HashMap<>();

    /** Name prefixes of weights that stay float in an INT8 graph. */
    private final Set<String> floatPrefixes = new HashSet<>();

    private int counter;

    /** A graph whose weights stay float. */
    OnnxGraph(String name) {
        this(name, Precision.FP32);
    }

    /** A graph whose {@link #weight weights} are stored in the given precision. */
    OnnxGraph(String name, Precision precision) {
        graph.setName(name);
        this.precision = precision;
    }

    /**
     * A weight matrix {@code [in, out]} (row-major) that {@link #matMul} multiplies by: float, or
     * int8 with per-column scales in an INT8 graph.
     *
     * @return the name to pass to {@link #matMul}
     */
    String weight(String name, float[] values, int in, int out) {
        if (precision == Precision.FP32 || floatPrefixes.stream().anyMatch(name::startsWith)) {
            return floats(name, values, in, out);
        }
        float[] scales = new float[out];
        for (int j = 0; j < out; j++) {
            float max = 0f;
            for (int i = 0; i < in; i++) {
                max = Math.max(max, Math.abs(values[i * out + j]));
            }
            scales[j] = max == 0f ? 1f : max / WEIGHT_MAX;
        }
        byte[] q = new byte[in * out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                long r = Math.round(values[i * out + j] / (double) scales[j]);
                q[i * out + j] = (byte) Math.max(-WEIGHT_MAX, Math.min(WEIGHT_MAX, r));
            }
        }
        graph.addInitializer(
                tensor(name, OnnxMl.TensorProto.DataType.INT8_VALUE, in, out)
                        .setRawData(ByteString.copyFrom(q)));
        quantised.put(name, floats(name + ".scale", scales, out));
        return name;
    }

    /** Weights whose names start with one of the prefixes stay float, whatever the precision. */
    void keepFloat(String... prefixes) {
        floatPrefixes.addAll(java.util.List.of(prefixes));
    }

    /**
     * {@code x · W} for a matrix made by {@link #weight}: a MatMul, or in an INT8 graph the
     * dynamically quantised product (x is quantised once however many weights it meets).
     */
    String matMul(String x, String weight) {
        String scales = quantised.get(weight);
        if (scales == null) {
            return op("MatMul", new String[] {x, weight});
        }
        String[] q =
                dynamic.computeIfAbsent(
                        x, in -> ops("DynamicQuantizeLinear", 3, new String[] {in}));
        String product = op("MatMulInteger", new String[] {q[0], weight, q[2]});
        String asFloat =
                op(
                        "Cast",
                        new String[] {product},
                        attr("to", (long) OnnxMl.TensorProto.DataType.FLOAT_VALUE));
        String scale = op("Mul", new String[] {q[1], scales});
        return op("Mul", new String[] {asFloat, scale});
    }

    /**
     * The rows of {@code x} ({@code [n, d]}) scaled to unit L2 norm: {@code x / max(‖x‖₂, floor)},
     * the floor stored as the initializer {@code norm_floor}.
     */
    String unitRows(String x, float floor) {
        String norm =
                op(
                        "ReduceL2",
                        new String[] {x},
                        attr("axes", new long[] {1}),
                        attr("keepdims", 1L));
        String max = op("Max", new String[] {norm, floats("norm_floor", new float[] {floor})});
        return op("Div", new String[] {x, max});
    }

    /** A float scalar initializer, added once however often it is asked for. */
    String scalar(String name, float value) {
        if (scalars.add(name)) {
            floats(name, new float[] {value});
        }
        return name;
    }

    /** A float initializer; {@code values} are row-major. */
    String floats(String name, float[] values, long... dims) {
        ByteBuffer raw =
                ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        graph.addInitializer(
                tensor(name, OnnxMl.TensorProto.DataType.FLOAT_VALUE, dims)
                        .setRawData(ByteString.copyFrom(raw.array())));
        return name;
    }

    /** An int64 initializer (shapes, split sizes, indices). */
    String longs(String name, long[] values, long... dims) {
        ByteBuffer raw =
                ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        graph.addInitializer(
                tensor(name, OnnxMl.TensorProto.DataType.INT64_VALUE, dims)
                        .setRawData(ByteString.copyFrom(raw.array())));
        return name;
    }

    private static OnnxMl.TensorProto.Builder tensor(String name, int type, long... dims) {
        OnnxMl.TensorProto.Builder t =
                OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    /** A node with one output of a fresh name. */
    String op(String type, String[] inputs, OnnxMl.AttributeProto... attributes) {
        return opNamed(type, fresh(type), inputs, attributes);
    }

    /** A node with one output of the given name. */
    String opNamed(
            String type, String output, String[] inputs, OnnxMl.AttributeProto... attributes) {
        return opMulti(type, new String[] {output}, inputs, attributes)[0];
    }

    /** A node with several outputs of fresh names. */
    String[] ops(String type, int outputs, String[] inputs, OnnxMl.AttributeProto... attributes) {
        String[] names = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            names[i] = fresh(type);
        }
        return opMulti(type, names, inputs, attributes);
    }

    private String[] opMulti(
            String type, String[] outputs, String[] inputs, OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder node =
                OnnxMl.NodeProto.newBuilder().setOpType(type).setName(type + "_" + (counter++));
        for (String in : inputs) {
            node.addInput(in);
        }
        for (String out : outputs) {
            node.addOutput(out);
        }
        for (OnnxMl.AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return outputs;
    }

    private String fresh(String type) {
        return type.toLowerCase(java.util.Locale.ROOT) + "_" + (counter++);
    }

    static OnnxMl.AttributeProto attr(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    static OnnxMl.AttributeProto attr(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    static OnnxMl.AttributeProto attr(String name, long[] values) {
        OnnxMl.AttributeProto.Builder a =
                OnnxMl.AttributeProto.newBuilder()
                        .setName(name)
                        .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** A float graph input of shape {@code [symbol, width]}. */
    void input(String name, String symbol, long width) {
        graph.addInput(valueInfo(name, symbol, width));
    }

    /**
     * A float graph input of shape {@code [symbols…, width]}, e.g. {@code [clips, rows, width]} of
     * a padded sequence batch; a width below 1 leaves the last axis symbolic too (a mask).
     */
    void input(String name, long width, String... symbols) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (String s : symbols) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(s));
        }
        if (width > 0) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        }
        graph.addInput(
                OnnxMl.ValueInfoProto.newBuilder()
                        .setName(name)
                        .setType(
                                OnnxMl.TypeProto.newBuilder()
                                        .setTensorType(
                                                OnnxMl.TypeProto.Tensor.newBuilder()
                                                        .setElemType(
                                                                OnnxMl.TensorProto.DataType
                                                                        .FLOAT_VALUE)
                                                        .setShape(shape))));
    }

    /** A float graph output of shape {@code [symbol, width]}. */
    void output(String name, String symbol, long width) {
        graph.addOutput(valueInfo(name, symbol, width));
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, String symbol, long width) {
        OnnxMl.TensorShapeProto shape =
                OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(symbol))
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                        .build();
        OnnxMl.TypeProto type =
                OnnxMl.TypeProto.newBuilder()
                        .setTensorType(
                                OnnxMl.TypeProto.Tensor.newBuilder()
                                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                                        .setShape(shape))
                        .build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    OnnxMl.GraphProto build() {
        return graph.build();
    }
}
