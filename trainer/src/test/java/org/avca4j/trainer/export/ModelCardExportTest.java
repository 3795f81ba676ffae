package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.testing.RandomWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file the exporter writes: its card, opset and signature. */
class ModelCardExportTest {

    @TempDir Path dir;

    @Test
    void cardRoundTripsThroughTheModelFile() throws Exception {
        AvcaConfig cfg = TestModels.small();
        TestModels.Exported m = TestModels.export(dir, cfg, 5, 0.6, 3);
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(m.file()).build()) {
            ModelCard read = c.card();
            assertNotNull(read.created());
            assertNotNull(read.projectVersion());
            assertEquals(
                    ModelCards.toBuilder(m.card())
                            .optProvenance(read.projectVersion(), read.created())
                            .build(),
                    read);
            assertEquals(0.6, c.beta());
            assertEquals(
                    List.of("class_0", "class_1", "class_2", "class_3", "class_4"), c.classNames());
            assertEquals(50, read.training().get("epochs"));
        }
    }

    @Test
    void modelHasOpset17AndSymbolicBatchAndClassDimensions() throws Exception {
        AvcaConfig cfg = TestModels.small();
        TestModels.Exported m = TestModels.export(dir, cfg, 2, 0, 4);
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(m.file()));
        assertEquals(17, proto.getOpsetImport(0).getVersion());
        assertEquals(
                List.of("audio", "video", "text"),
                proto.getGraph().getInputList().stream()
                        .map(OnnxMl.ValueInfoProto::getName)
                        .toList());
        assertEquals(
                List.of("theta_v", "theta_a", "theta_w"),
                proto.getGraph().getOutputList().stream()
                        .map(OnnxMl.ValueInfoProto::getName)
                        .toList());
        assertEquals("N", inputDim(proto, 0, 0).getDimParam());
        assertEquals("C", inputDim(proto, 2, 0).getDimParam());
        assertEquals(cfg.videoDim(), inputDim(proto, 1, 1).getDimValue());
        assertTrue(
                proto.getGraph().getNodeList().stream()
                        .noneMatch(
                                n ->
                                        n.getOpType().equals("Dropout")
                                                || n.getOpType().equals("BatchNormalization")));
        assertEquals(ModelSignature.CARD_KEY, proto.getMetadataProps(0).getKey());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left beside the model");
        }
    }

    @Test
    void weightsOfAnotherShapeAreRejected() {
        AvcaConfig cfg = TestModels.small();
        var w = RandomWeights.of(cfg, 1);
        var values = new java.util.HashMap<>(w.values());
        var shapes = new java.util.HashMap<>(w.shapes());
        shapes.put("attn.out.W", new long[] {cfg.textDim(), cfg.textDim() + 1});
        var broken = new org.avca4j.trainer.model.AvcaWeights(cfg, values, shapes);
        ModelCard card = TestModels.card(cfg, 2, 0, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new AvcaOnnxExporter().toModel(broken, card));
        assertTrue(e.getMessage().contains("attn.out.W"), e.getMessage());
    }

    /** Dimension {@code d} of the graph's input {@code i}. */
    private static OnnxMl.TensorShapeProto.Dimension inputDim(
            OnnxMl.ModelProto proto, int i, int d) {
        return proto.getGraph().getInput(i).getType().getTensorType().getShape().getDim(d);
    }
}
