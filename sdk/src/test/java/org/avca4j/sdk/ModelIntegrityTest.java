package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The digest check on bytes laid out as protobuf writes a {@code metadata_props} entry; the digest
 * is computed here the way docs/model-format.md describes it, independently of the SDK's code.
 */
class ModelIntegrityTest {

    private static final byte[] BEFORE =
            "graph: weights 0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AFTER = "card and more".getBytes(StandardCharsets.UTF_8);

    /** BEFORE, the entry {key=avca.model_sha256, value=digest}, AFTER. */
    private static byte[] model(String digest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BEFORE);
        byte[] key = ModelSignature.DIGEST_KEY.getBytes(StandardCharsets.UTF_8);
        out.write(0x72); // ModelProto field 14 (metadata_props), length-delimited
        out.write(2 + key.length + 2 + 64);
        out.write(0x0A);
        out.write(key.length);
        out.writeBytes(key);
        out.write(0x12);
        out.write(64);
        out.writeBytes(digest.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(AFTER);
        return out.toByteArray();
    }

    private static byte[] digested() throws Exception {
        byte[] zeroed = model("0".repeat(64));
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zeroed));
        return model(hex);
    }

    @Test
    void anIntactModelPasses() throws Exception {
        assertDoesNotThrow(() -> ModelIntegrity.verify(digested(), "m.onnx"));
    }

    @Test
    void aFlippedByteAnywhereOutsideTheDigestIsDamage() throws Exception {
        byte[] good = digested();
        for (int i : new int[] {0, BEFORE.length - 1, good.length - 1}) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            ModelFormatException e =
                    assertThrows(
                            ModelFormatException.class, () -> ModelIntegrity.verify(bad, "m.onnx"));
            assertTrue(
                    e.getMessage().startsWith("m.onnx is damaged: its bytes have SHA-256 "),
                    e.getMessage());
        }
    }

    @Test
    void aChangedDigestIsDamage() throws Exception {
        byte[] bad = digested();
        int digit = bad.length - AFTER.length - 1;
        bad[digit] = (byte) (bad[digit] == 'a' ? 'b' : 'a');
        assertThrows(ModelFormatException.class, () -> ModelIntegrity.verify(bad, "m.onnx"));
        byte[] notHex = digested();
        notHex[digit] = 'X';
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class, () -> ModelIntegrity.verify(notHex, "m.onnx"));
        assertTrue(e.getMessage().contains("not a 64-digit hex SHA-256"), e.getMessage());
    }

    @Test
    void aModelWithoutDigestLoadsButABrokenEntryDoesNot() throws Exception {
        assertDoesNotThrow(
                () ->
                        ModelIntegrity.verify(
                                "no digest here".getBytes(StandardCharsets.UTF_8), "old.onnx"));
        byte[] broken = digested();
        broken[BEFORE.length + 2] = 0x0B; // the entry's key tag
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class, () -> ModelIntegrity.verify(broken, "m.onnx"));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }
}
