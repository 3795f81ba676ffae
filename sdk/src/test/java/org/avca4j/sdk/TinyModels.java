package org.avca4j.sdk;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tiny ONNX models with the AVCA signature, built from ONNX protobuf (as ONNX Runtime's own Java
 * tests build theirs), so that every distance the SDK computes can be worked out by hand:
 *
 * <ul>
 *   <li>θv = video + audio·Av, Av = [[0,0,1],[0,0,0]]: θv = (v0, v1, v2 + a0)
 *   <li>θa = audio·Aa, Aa = [[1,0,0],[0,1,0]]: θa = (a0, a1, 0)
 *   <li>θw = text·W, W = 2·[e0; e1; e2; 0]: θw = (2 t0, 2 t1, 2 t2), the fourth text value unused
 * </ul>
 *
 * <p>Widths: audio 2, video 3, text 4, embedding 3. The model card is JSON written here by hand
 * (docs/model-format.md), independent of the trainer's exporter.
 */
final class TinyModels {

    static final int AUDIO_DIM = 2;
    static final int VIDEO_DIM = 3;
    static final int TEXT_DIM = 4;
    static final int EMBEDDING_DIM = 3;

    private TinyModels() {}

    /** One class entry of a card's {@code classes} array. */
    static String cardClass(String name, int id, String role, float... embedding) {
        StringBuilder e = new StringBuilder();
        for (float f : embedding) {
            e.append(e.length() == 0 ? "" : ", ").append(Float.toString(f));
        }
        return String.format(
                Locale.ROOT,
                "{\"name\": \"%s\", \"id\": %d, \"role\": \"%s\", \"embedding\": [%s]}",
                name,
                id,
                role,
                e);
    }

    /** A card with the tiny widths. */
    static String card(double beta, String... classes) {
        return card(AUDIO_DIM, VIDEO_DIM, TEXT_DIM, EMBEDDING_DIM, beta, classes);
    }

    /** A card with the given widths (to disagree with the graph on purpose). */
    static String card(int audio, int video, int text, int embedding, double beta, String... cls) {
        return String.format(
                Locale.ROOT,
                "{\"format_version\": 1, \"dataset\": \"UCF\", \"feature_set\": \"main_features\","
                        + " \"split\": \"main_split\", \"audio_dim\": %d, \"video_dim\": %d,"
                        + " \"text_dim\": %d, \"embedding_dim\": %d, \"beta\": %s,"
                        + " \"text_order\": \"own\", \"seed\": 7, \"training\": {}, \"validation\":"
                        + " {}, \"test\": {}, \"project_version\": \"test\", \"created\":"
                        + " \"2026-01-01T00:00:00Z\", \"classes\": [%s]}",
                audio,
                video,
                text,
                embedding,
                Double.toString(beta),
                String.join(", ", cls));
    }

    /**
     * The standard card: seen "a" (θw = (2,0,0)), unseen "b" (θw = (0,2,0)), seen "c" (θw =
     * (0,0,2)), β* 0.6.
     */
    static String abcCard() {
        return card(
                0.6,
                cardClass("a", 0, "SEEN", 1, 0, 0, 0),
                cardClass("b", 1, "UNSEEN", 0, 1, 0, 0),
                cardClass("c", 2, "SEEN", 0, 0, 1, 0));
    }

    /** A card with a {@code scoring_rule} field. */
    static String withScoringRule(String cardJson, String rule) {
        return "{\"scoring_rule\": \"" + rule + "\", " + cardJson.substring(1);
    }

    /** The tiny model with this card. */
    static byte[] model(String cardJson) {
        return new Graph().card(cardJson).build();
    }

    /** A tiny graph, changeable to break the AVCA signature on purpose. */
    static final class Graph {
        private String audio = ModelSignature.AUDIO;
        private String video = ModelSignature.VIDEO;
        private String text = ModelSignature.TEXT;
        private String card;
        private boolean thetaA = true;
        private boolean thetaADouble;
        private boolean extraInput;
        private boolean gate;

        /** The card JSON, or null for no {@code metadata_props} entry. */
        Graph card(String json) {
            this.card = json;
            return this;
        }

        /** Renames the audio input. */
        Graph audioInput(String name) {
            this.audio = name;
            return this;
        }

        /** Leaves the θa output out. */
        Graph withoutThetaA() {
            this.thetaA = false;
            return this;
        }

        /** Makes θa a double tensor. */
        Graph thetaAAsDouble() {
            this.thetaADouble = true;
            return this;
        }

        /** Adds the {@code gate [N, 1]} output of the gated rule: 1 where v0 ≥ 0.5, else 0. */
        Graph withGate() {
            this.gate = true;
            return this;
        }

        /** Adds a fourth input, {@code extra [N, 1]}, that nothing reads. */
        Graph withExtraInput() {
            this.extraInput = true;
            return this;
        }

        byte[] build() {
            OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("tiny_avca");
            g.addInput(value(audio, "N", AUDIO_DIM, OnnxMl.TensorProto.DataType.FLOAT));
            g.addInput(value(video, "N", VIDEO_DIM, OnnxMl.TensorProto.DataType.FLOAT));
            g.addInput(value(text, "C", TEXT_DIM, OnnxMl.TensorProto.DataType.FLOAT));
            if (extraInput) {
                g.addInput(value("extra", "N", 1, OnnxMl.TensorProto.DataType.FLOAT));
            }
            g.addInitializer(matrix("Av", 2, 3, 0, 0, 1, 0, 0, 0));
            g.addInitializer(matrix("Aa", 2, 3, 1, 0, 0, 0, 1, 0));
            g.addInitializer(matrix("Iv", 3, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1));
            g.addInitializer(matrix("W", 4, 3, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0));
            g.addNode(node("MatMul", "video_part", video, "Iv"));
            g.addNode(node("MatMul", "audio_part", audio, "Av"));
            g.addNode(node("Add", ModelSignature.THETA_V, "video_part", "audio_part"));
            g.addNode(node("MatMul", ModelSignature.THETA_W, text, "W"));
            g.addOutput(
                    value(
                            ModelSignature.THETA_V,
                            "N",
                            EMBEDDING_DIM,
                            OnnxMl.TensorProto.DataType.FLOAT));
            g.addOutput(
                    value(
                            ModelSignature.THETA_W,
                            "C",
                            EMBEDDING_DIM,
                            OnnxMl.TensorProto.DataType.FLOAT));
            if (thetaA) {
                if (thetaADouble) {
                    g.addNode(node("MatMul", "theta_a_float", audio, "Aa"));
                    g.addNode(
                            node("Cast", ModelSignature.THETA_A, "theta_a_float").toBuilder()
                                    .addAttribute(
                                            OnnxMl.AttributeProto.newBuilder()
                                                    .setName("to")
                                                    .setType(
                                                            OnnxMl.AttributeProto.AttributeType.INT)
                                                    .setI(
                                                            OnnxMl.TensorProto.DataType.DOUBLE
                                                                    .getNumber())));
                } else {
                    g.addNode(node("MatMul", ModelSignature.THETA_A, audio, "Aa"));
                }
                g.addOutput(
                        value(
                                ModelSignature.THETA_A,
                                "N",
                                EMBEDDING_DIM,
                                thetaADouble
                                        ? OnnxMl.TensorProto.DataType.DOUBLE
                                        : OnnxMl.TensorProto.DataType.FLOAT));
            }
            if (gate) {
                g.addInitializer(matrix("G", 3, 1, 1, 0, 0));
                g.addInitializer(matrix("half", 1, 1, 0.5f));
                g.addNode(node("MatMul", "v0", video, "G"));
                g.addNode(node("GreaterOrEqual", "v0_high", "v0", "half"));
                g.addNode(
                        node("Cast", ModelSignature.GATE, "v0_high").toBuilder()
                                .addAttribute(
                                        OnnxMl.AttributeProto.newBuilder()
                                                .setName("to")
                                                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                                                .setI(
                                                        OnnxMl.TensorProto.DataType.FLOAT
                                                                .getNumber()))
                                .build());
                g.addOutput(value(ModelSignature.GATE, "N", 1, OnnxMl.TensorProto.DataType.FLOAT));
            }
            OnnxMl.ModelProto.Builder m =
                    OnnxMl.ModelProto.newBuilder()
                            .setIrVersion(8)
                            .setProducerName("avca4j-sdk-tests")
                            .addOpsetImport(
                                    OnnxMl.OperatorSetIdProto.newBuilder()
                                            .setDomain("")
                                            .setVersion(17))
                            .setGraph(g);
            if (card != null) {
                m.addMetadataProps(
                        OnnxMl.StringStringEntryProto.newBuilder()
                                .setKey(ModelSignature.CARD_KEY)
                                .setValue(card));
            }
            return m.build().toByteArray();
        }

        private static OnnxMl.ValueInfoProto value(
                String name, String rows, int width, OnnxMl.TensorProto.DataType type) {
            OnnxMl.TensorShapeProto shape =
                    OnnxMl.TensorShapeProto.newBuilder()
                            .addDim(
                                    OnnxMl.TensorShapeProto.Dimension.newBuilder()
                                            .setDimParam(rows))
                            .addDim(
                                    OnnxMl.TensorShapeProto.Dimension.newBuilder()
                                            .setDimValue(width))
                            .build();
            return OnnxMl.ValueInfoProto.newBuilder()
                    .setName(name)
                    .setType(
                            OnnxMl.TypeProto.newBuilder()
                                    .setTensorType(
                                            OnnxMl.TypeProto.Tensor.newBuilder()
                                                    .setElemType(type.getNumber())
                                                    .setShape(shape)))
                    .build();
        }

        private static OnnxMl.TensorProto matrix(String name, int rows, int cols, float... v) {
            List<Float> values = new ArrayList<>();
            for (float f : v) {
                values.add(f);
            }
            return OnnxMl.TensorProto.newBuilder()
                    .setName(name)
                    .addDims(rows)
                    .addDims(cols)
                    .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                    .addAllFloatData(values)
                    .build();
        }

        private static OnnxMl.NodeProto node(String op, String output, String... inputs) {
            OnnxMl.NodeProto.Builder n =
                    OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output);
            for (String in : inputs) {
                n.addInput(in);
            }
            return n.build();
        }
    }
}
