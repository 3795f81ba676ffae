package org.avca4j.trainer.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} file (numpy's format, versions 1 to 3), restricted to what a pickled
 * object array needs: {@code descr '|O'}, {@code fortran_order False}, {@code shape ()}.
 */
final class NpyHeader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** numpy aligns the start of the payload to this many bytes. */
    private static final int ALIGNMENT = 64;

    private static final String OBJECT_HEADER =
            "{'descr': '|O', 'fortran_order': False, 'shape': (), }";

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyHeader() {}

    /**
     * Checks the header of a pickled 0-d object array and returns the offset of the pickle.
     *
     * @param file the file, for error messages
     * @param bytes the whole file
     * @return the offset of the first payload byte
     * @throws BenchmarkFormatException if the magic, version or header is not that of a pickled
     *     object
     */
    static int checkObjectHeader(Path file, byte[] bytes) throws BenchmarkFormatException {
        if (bytes.length < 10) {
            throw new BenchmarkFormatException(
                    file, "not a .npy file: " + bytes.length + " bytes, expected at least 10");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new BenchmarkFormatException(
                        file, "not a .npy file: expected the magic string \\x93NUMPY");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new BenchmarkFormatException(file, "truncated .npy header");
            }
            headerLength = buf.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new BenchmarkFormatException(
                    file,
                    ".npy format version "
                            + major
                            + "."
                            + (bytes[7] & 0xff)
                            + " is not supported: expected 1.x, 2.x or 3.x");
        }
        if (start + headerLength > bytes.length) {
            throw new BenchmarkFormatException(
                    file,
                    "truncated .npy header: it declares "
                            + headerLength
                            + " bytes but the file has "
                            + (bytes.length - start)
                            + " after the prefix");
        }
        // Version 3 allows UTF-8 in the header; versions 1 and 2 are latin-1. Both are ASCII here.
        String header =
                new String(
                                bytes,
                                start,
                                (int) headerLength,
                                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
                        .trim();
        String descr = field(file, header, DESCR, "descr");
        String fortran = field(file, header, FORTRAN, "fortran_order");
        String shape = field(file, header, SHAPE, "shape").trim();
        if (!descr.equals("|O")) {
            throw new BenchmarkFormatException(
                    file,
                    ".npy header has descr '"
                            + descr
                            + "', expected '|O' (a pickled Python object)");
        }
        if (!fortran.equals("False")) {
            throw new BenchmarkFormatException(
                    file, ".npy header has fortran_order " + fortran + ", expected False");
        }
        if (!shape.isEmpty()) {
            throw new BenchmarkFormatException(
                    file,
                    ".npy header has shape (" + shape + "), expected () (a single pickled dict)");
        }
        return (int) (start + headerLength);
    }

    private static String field(Path file, String header, Pattern pattern, String name)
            throws BenchmarkFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new BenchmarkFormatException(
                    file, ".npy header lacks the field '" + name + "': " + header);
        }
        return m.group(1);
    }

    /**
     * The version-1.0 header of a pickled 0-d object array, padded with spaces and ending in a
     * newline so that the payload starts on a 64-byte boundary, as {@code numpy.save} writes it.
     */
    static byte[] objectHeader() {
        int unpadded = MAGIC.length + 2 + 2 + OBJECT_HEADER.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String text = OBJECT_HEADER + " ".repeat(padding) + "\n";
        ByteBuffer buf =
                ByteBuffer.allocate(MAGIC.length + 4 + text.length())
                        .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        buf.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return buf.array();
    }
}
