package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The classifier's sessions run only what its scoring needs. The tiny model's θa is replaced by a
 * Reshape of the audio to {@code [-1, 3]} (the right width for the signature check), which fails at
 * run time for one clip of 2 values: a session on the whole graph fails every call, one on the
 * graph pruned to θv and θw does not.
 */
class PrunedSessionsTest {

    private static byte[] thetaAFailsAtRunTime() throws Exception {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(TinyModels.model(TinyModels.abcCard()));
        OnnxMl.GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOutput(0).equals(ModelSignature.THETA_A)) {
                g.setNode(
                        i,
                        OnnxMl.NodeProto.newBuilder()
                                .setOpType("Reshape")
                                .setName("bad_reshape")
                                .addInput(ModelSignature.AUDIO)
                                .addInput("bad_shape")
                                .addOutput(ModelSignature.THETA_A));
            }
        }
        ByteBuffer shape = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        shape.putLong(-1).putLong(3);
        g.addInitializer(
                OnnxMl.TensorProto.newBuilder()
                        .setName("bad_shape")
                        .addDims(2)
                        .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                        .setRawData(ByteString.copyFrom(shape.array())));
        return m.toBuilder().setGraph(g).build().toByteArray();
    }

    @Test
    void videoScoringDoesNotRunTheAudioBranch() throws Exception {
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(thetaAFailsAtRunTime()).build()) {
            // θv = (v0, v1, v2 + a0) = (2, 0, 0.5): nearest "a" at θw (2, 0, 0), distance 0.5
            Prediction p = c.classify(new float[] {0.5f, 9}, new float[] {2, 0, 0});
            assertEquals("a", p.label());
            assertEquals(0.5, p.distance(), 1e-6);
            assertArrayEquals(
                    new float[] {1, 2, 3.5f},
                    c.embed(new float[] {0.5f, 7}, new float[] {1, 2, 3}));
        }
    }

    @Test
    void audioScoringRunsIt() throws Exception {
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder()
                        .setModel(thetaAFailsAtRunTime())
                        .optScoring(Scoring.AUDIO)
                        .build()) {
            assertThrows(
                    InferenceException.class,
                    () -> c.classify(new float[] {0.5f, 9}, new float[] {2, 0, 0}));
        }
    }
}
