package org.avca4j.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the SHA-256 digest the exporter stores under {@link ModelSignature#DIGEST_KEY}, so that a
 * model damaged after export — a flipped byte inside a weight, which ONNX Runtime would load
 * without complaint — is refused instead of answering wrongly. docs/model-format.md describes the
 * scheme: the digest is computed over the serialized model with its own 64 hex digits written as
 * {@code '0'}, so the check needs no protobuf: it finds the entry's bytes, hashes the model with
 * those digits zeroed, and compares. A model without the entry (exported before digests) loads with
 * a logged warning.
 */
final class ModelIntegrity {

    /** Length of the stored digest: 64 hex digits. */
    static final int HEX_DIGITS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ModelIntegrity.class);
    private static final byte[] KEY = ModelSignature.DIGEST_KEY.getBytes(StandardCharsets.UTF_8);

    /**
     * The serialized {@code StringStringEntryProto} up to the value: field 1 (key, length-
     * delimited), the key, field 2 (value) of length 64.
     */
    private static final byte[] ENTRY_HEAD = entryHead();

    private ModelIntegrity() {}

    /**
     * A source that reads the file's bytes and checks them; the sessions load exactly those bytes.
     *
     * @param description the model's name in messages, asked for when the model is read
     */
    static AvcaRuntime.SessionSource file(Path file, Supplier<String> description) {
        return () -> {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ModelFormatException(description.get() + " cannot be read: " + e, e);
            }
            verify(bytes, description.get());
            return bytes;
        };
    }

    /** A source that checks the bytes, then gives them. */
    static AvcaRuntime.SessionSource bytes(byte[] model, Supplier<String> description) {
        return () -> {
            verify(model, description.get());
            return model;
        };
    }

    /**
     * Checks the model's digest.
     *
     * @param model the serialized model
     * @param description the model's name in messages
     * @throws ModelFormatException if the digest entry is malformed or appears twice, or the
     *     model's bytes do not have the digest it records
     */
    static void verify(byte[] model, String description) throws ModelFormatException {
        int at = indexOf(model, ENTRY_HEAD, 0);
        if (at < 0) {
            if (indexOf(model, KEY, 0) >= 0) {
                throw damaged(description, "its '" + ModelSignature.DIGEST_KEY + "' entry is");
            }
            LOG.warn(
                    "{} carries no '{}' digest (exported before avca4j wrote digests): damage to the"
                            + " file cannot be detected; export it again to add one",
                    description,
                    ModelSignature.DIGEST_KEY);
            return;
        }
        if (indexOf(model, ENTRY_HEAD, at + 1) >= 0) {
            throw new ModelFormatException(
                    description
                            + " holds more than one '"
                            + ModelSignature.DIGEST_KEY
                            + "' entry: it was not written by the avca4j exporter");
        }
        int start = at + ENTRY_HEAD.length;
        if (start + HEX_DIGITS > model.length) {
            throw damaged(description, "it is truncated: its digest entry is");
        }
        String stored = new String(model, start, HEX_DIGITS, StandardCharsets.US_ASCII);
        if (!stored.matches("[0-9a-f]{" + HEX_DIGITS + "}")) {
            throw damaged(description, "its '" + ModelSignature.DIGEST_KEY + "' entry is");
        }
        String actual = digest(model, start);
        if (!actual.equals(stored)) {
            throw new ModelFormatException(
                    description
                            + " is damaged: its bytes have SHA-256 "
                            + actual
                            + " but the exporter recorded "
                            + stored
                            + " ("
                            + ModelSignature.DIGEST_KEY
                            + "); the file changed after export (a bad copy or disk). Restore it"
                            + " or export the model again");
        }
    }

    /** SHA-256 of the model with the 64 digits at {@code start} read as {@code '0'}. */
    private static String digest(byte[] model, int start) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] zeros = new byte[HEX_DIGITS];
        java.util.Arrays.fill(zeros, (byte) '0');
        sha.update(model, 0, start);
        sha.update(zeros);
        sha.update(model, start + HEX_DIGITS, model.length - start - HEX_DIGITS);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static ModelFormatException damaged(String description, String what) {
        return new ModelFormatException(
                description
                        + " is damaged: "
                        + what
                        + " not a 64-digit hex SHA-256. Restore the file or export the model"
                        + " again");
    }

    private static byte[] entryHead() {
        byte[] head = new byte[KEY.length + 4];
        head[0] = 0x0A; // field 1 (key), wire type 2
        head[1] = (byte) KEY.length; // < 128: a one-byte varint
        System.arraycopy(KEY, 0, head, 2, KEY.length);
        head[KEY.length + 2] = 0x12; // field 2 (value), wire type 2
        head[KEY.length + 3] = (byte) HEX_DIGITS;
        return head;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
