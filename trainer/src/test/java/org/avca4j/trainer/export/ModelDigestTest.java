package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.avca4j.sdk.ModelFormatException;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.ZeroShotClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported model's SHA-256 digest (docs/model-format.md): written by the exporter, checked by
 * the SDK on load, so that a damaged weight is refused although ONNX Runtime would run it.
 */
class ModelDigestTest {

    @TempDir static Path dir;
    static byte[] bytes;
    static OnnxMl.ModelProto proto;

    @BeforeAll
    static void export() throws Exception {
        TestModels.Exported m = TestModels.export(dir, TestModels.small(), 3, 0.2, 11);
        bytes = Files.readAllBytes(m.file());
        proto = OnnxMl.ModelProto.parseFrom(bytes);
    }

    @Test
    void theDigestIsTheSha256OfTheModelWithItsOwnDigitsZeroed() throws Exception {
        List<OnnxMl.StringStringEntryProto> entries = proto.getMetadataPropsList();
        assertEquals(
                List.of(ModelSignature.CARD_KEY, ModelSignature.DIGEST_KEY),
                entries.stream().map(OnnxMl.StringStringEntryProto::getKey).toList());
        String stored = entries.get(1).getValue();
        assertTrue(stored.matches("[0-9a-f]{64}"), stored);
        // Independently of both exporter and SDK: zero the 64 digits where they are in the file.
        byte[] digits = stored.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, digits);
        byte[] zeroed = bytes.clone();
        Arrays.fill(zeroed, at, at + 64, (byte) '0');
        assertEquals(
                stored,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zeroed)));
    }

    @Test
    void anIntactModelLoadsFromFileAndBytes() throws Exception {
        Path file = Files.write(dir.resolve("intact.onnx"), bytes);
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(file).build()) {
            assertEquals(3, c.classNames().size());
        }
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(bytes).build()) {
            assertEquals(3, c.classNames().size());
        }
    }

    @Test
    void aFlippedByteInsideAWeightIsReportedAsDamage() throws Exception {
        OnnxMl.TensorProto weight =
                proto.getGraph().getInitializerList().stream()
                        .filter(t -> t.getName().equals("attn.out.W"))
                        .findFirst()
                        .orElseThrow();
        byte[] raw = weight.getRawData().toByteArray();
        int at = indexOf(bytes, raw) + raw.length / 2;
        byte[] damaged = bytes.clone();
        damaged[at] ^= 0x10;
        // ONNX Runtime itself would accept it: the file still parses as the same graph.
        assertEquals(
                proto.getGraph().getNodeCount(),
                OnnxMl.ModelProto.parseFrom(damaged).getGraph().getNodeCount());
        Path file = Files.write(dir.resolve("damaged.onnx"), damaged);
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class,
                        () -> ZeroShotClassifier.builder().setModel(file).build());
        assertTrue(
                e.getMessage()
                        .startsWith("model file " + file + " is damaged: its bytes have SHA-256"),
                e.getMessage());
        assertThrows(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(damaged).build());
    }

    @Test
    void aModelWithoutDigestStillLoads() throws Exception {
        OnnxMl.ModelProto.Builder old = proto.toBuilder().removeMetadataProps(1);
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(old.build().toByteArray()).build()) {
            assertEquals(3, c.classNames().size());
        }
    }

    @Test
    void aCardWithANonFiniteEmbeddingIsRefusedOnLoad() throws Exception {
        String card = proto.getMetadataProps(0).getValue();
        int start = card.indexOf("\"embedding\":[") + "\"embedding\":[".length();
        int end = card.indexOf(',', start);
        String nan = card.substring(0, start) + "\"NaN\"" + card.substring(end);
        byte[] model =
                AvcaOnnxExporter.withDigest(
                                proto.toBuilder()
                                        .setMetadataProps(
                                                0,
                                                proto.getMetadataProps(0).toBuilder()
                                                        .setValue(nan)))
                        .toByteArray();
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class,
                        () -> ZeroShotClassifier.builder().setModel(model).build());
        assertEquals(
                "model bytes: model card: class 'class_0' (classes[0]): 'embedding'[0] must be a"
                        + " finite number that fits a float, got \"NaN\"",
                e.getMessage());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not in the model");
    }
}
