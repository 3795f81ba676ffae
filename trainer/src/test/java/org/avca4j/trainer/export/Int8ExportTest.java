package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.Precision;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;
import org.avca4j.trainer.testing.RandomWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INT8 export: per-column symmetric weights, standard ONNX operators, θ close to FP32. */
class Int8ExportTest {

    @TempDir Path dir;

    @Test
    void weightsAreRoundedPerColumnToSymmetricInt8() {
        OnnxGraph g = new OnnxGraph("t", Precision.INT8);
        // columns: max |.| 1 and 2, so scales 1/63 and 2/63 (seven bits)
        g.weight("w", new float[] {1f, -0.5f, 0.25f, 2f}, 2, 2);
        OnnxMl.GraphProto graph = g.build();
        OnnxMl.TensorProto w = initializer(graph, "w");
        assertEquals(OnnxMl.TensorProto.DataType.INT8_VALUE, w.getDataType());
        // -0.5·63/2 = -15.75 → -16; 0.25·63 = 15.75 → 16
        assertArrayEquals(new byte[] {63, -16, 16, 63}, w.getRawData().toByteArray());
        float[] scales = new float[2];
        ByteBuffer.wrap(initializer(graph, "w.scale").getRawData().toByteArray())
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(scales);
        assertArrayEquals(new float[] {1f / 63, 2f / 63}, scales, 1e-9f);
    }

    @Test
    void anInt8ModelUsesStandardQuantisationOperatorsAndRecordsItsPrecision() {
        AvcaConfig cfg = TestModels.small();
        AvcaWeights w = RandomWeights.of(cfg, 3);
        ModelCard card = TestModels.card(cfg, 4, 0.1, 4);
        OnnxMl.ModelProto model = new AvcaOnnxExporter(Precision.INT8).toModel(w, card);
        Set<String> ops =
                model.getGraph().getNodeList().stream()
                        .map(OnnxMl.NodeProto::getOpType)
                        .collect(Collectors.toSet());
        assertTrue(
                ops.containsAll(Set.of("DynamicQuantizeLinear", "MatMulInteger")), ops::toString);
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDimsCount() == 2 && t.getDims(0) > 3 && t.getDims(1) > 3) {
                // every weight matrix of the clip branch is int8 but its last layers; the text
                // branch and the per-head sum/spread matrices stay float
                boolean keptFloat =
                        t.getName().startsWith("attn.head_")
                                || t.getName().startsWith("W_proj.")
                                || t.getName().startsWith("A_proj.fc2.")
                                || t.getName().startsWith("V_proj.fc2.");
                assertEquals(
                        keptFloat
                                ? OnnxMl.TensorProto.DataType.FLOAT_VALUE
                                : OnnxMl.TensorProto.DataType.INT8_VALUE,
                        t.getDataType(),
                        t.getName());
            }
            if (t.getDataType() == OnnxMl.TensorProto.DataType.INT8_VALUE) {
                // two uint8·int8 products summed in a saturating int16 (x86 without VNNI) must
                // not overflow: 2·255·|q| ≤ 32,767
                int largest = 0;
                for (byte q : t.getRawData().toByteArray()) {
                    largest = Math.max(largest, Math.abs(q));
                }
                assertTrue(2 * 255 * largest <= Short.MAX_VALUE, t.getName() + ": " + largest);
                assertEquals(63, largest, t.getName() + " uses the whole seven-bit range");
            }
        }
        String json =
                model.getMetadataPropsList().stream()
                        .filter(e -> e.getKey().equals(org.avca4j.sdk.ModelSignature.CARD_KEY))
                        .findFirst()
                        .orElseThrow()
                        .getValue();
        assertTrue(json.contains("\"precision\":\"int8\""), json);
    }

    @Test
    void int8EmbeddingsStayCloseToFp32() throws Exception {
        AvcaConfig cfg = TestModels.small();
        AvcaWeights w = RandomWeights.of(cfg, 5);
        ModelCard card = TestModels.card(cfg, 6, 0.1, 6);
        Path fp32 = dir.resolve("fp32.onnx");
        Path int8 = dir.resolve("int8.onnx");
        new AvcaOnnxExporter().export(w, card, fp32);
        new AvcaOnnxExporter(Precision.INT8).export(w, card, int8);
        Random r = new Random(8);
        int n = 32;
        float[][] a = gaussian(r, n, cfg.audioDim());
        float[][] v = gaussian(r, n, cfg.videoDim());
        try (ZeroShotClassifier full = ZeroShotClassifier.builder().setModel(fp32).build();
                ZeroShotClassifier quant = ZeroShotClassifier.builder().setModel(int8).build()) {
            assertEquals(Precision.FP32, full.card().precision());
            assertEquals(Precision.INT8, quant.card().precision());
            float[][] x = full.embedBatch(a, v);
            float[][] y = quant.embedBatch(a, v);
            double err = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    err += (x[i][j] - y[i][j]) * (double) (x[i][j] - y[i][j]);
                    norm += x[i][j] * (double) x[i][j];
                }
            }
            // 8-bit weights and activations: a few per cent of relative error over six products
            double relative = Math.sqrt(err / norm);
            assertTrue(relative < 0.05, "relative |int8 - fp32| = " + relative);
            assertTrue(relative > 0, "the int8 model computed exactly the fp32 numbers");
        }
    }

    private static OnnxMl.TensorProto initializer(OnnxMl.GraphProto g, String name) {
        return g.getInitializerList().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static float[][] gaussian(Random r, int n, int width) {
        float[][] out = new float[n][width];
        for (float[] row : out) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return out;
    }
}
