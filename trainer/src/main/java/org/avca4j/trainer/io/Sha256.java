package org.avca4j.trainer.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, as lower-case hex, of what the project writes and checks again on load. */
public final class Sha256 {

    private Sha256() {}

    /** A fresh SHA-256 digest (every JVM provides one). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM provides no SHA-256", e);
        }
    }

    /** The digest of {@code bytes}. */
    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /**
     * The digest of a whole file.
     *
     * @throws IOException if it cannot be read
     */
    public static String of(Path file) throws IOException {
        return hex(ofPrefix(file, Long.MAX_VALUE));
    }

    /**
     * The raw digest of the first {@code length} bytes of a file (all of it if shorter).
     *
     * @throws IOException if it cannot be read
     */
    public static byte[] ofPrefix(Path file, long length) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        long left = length;
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        }
        return digest.digest();
    }

    /** Lower-case hex of raw digest bytes. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
