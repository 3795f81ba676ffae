package org.avca4j.trainer.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A thin layer over the generated ONNX protobuf builders: initializers, nodes with fresh output
 * names, typed graph inputs and outputs. Only what the AVCA graph needs.
 */
final class OnnxGraph {

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private int counter;

    OnnxGraph(String name) {
        graph.setName(name);
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
