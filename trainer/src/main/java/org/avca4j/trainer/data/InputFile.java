package org.avca4j.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one gate every benchmark reader passes a file through before reading it.
 *
 * <p>{@link #open} accepts only a regular file (a symbolic link counts by what it points to), so
 * that a FIFO cannot block a reader forever, a device such as {@code /dev/zero} cannot feed it
 * without end, and a folder is named as such instead of failing with the platform's bare "Is a
 * directory". It also refuses a file larger than its {@link Kind} allows and one the process may
 * not read, and reads at most that many bytes even if the file grows meanwhile. {@link #text}
 * decodes strict UTF-8 (a bad byte is named with its line, where the JDK would say "Input length =
 * 1") and drops a leading byte-order mark, which editors on Windows write and which would otherwise
 * become an invisible part of the first name.
 *
 * <p>The check and the opening are two steps: a regular file swapped for a FIFO in between still
 * blocks. That needs someone who can write the benchmark folder, and is out of scope.
 */
final class InputFile {

    /** What a file is, with the most bytes a sane file of that kind has. */
    enum Kind {
        /** {@code all_class.txt} and the {@code stage_*.txt} lists: a few kB in the download. */
        CLASS_LIST("class list", 16L << 20),
        /** The w2v name table and the stage {@code .csv} clip lists: up to a few MB. */
        CSV_TABLE("CSV table", 256L << 20),
        /** The pickled text embeddings: about 400 kB for VGGSound. */
        EMBEDDINGS("text embeddings file", 256L << 20),
        /** A class's HDF5 features: bounded by what its datasets declare, see Hdf5Features. */
        FEATURES("HDF5 feature file", Long.MAX_VALUE),
        /** A class's pickled {@code .pkl} features (TCaF, ClipClap): read whole into memory. */
        PICKLE("pickled feature file", Integer.MAX_VALUE - 16);

        private final String description;
        private final long maxBytes;

        Kind(String description, long maxBytes) {
            this.description = description;
            this.maxBytes = maxBytes;
        }

        /** How messages call such a file, e.g. {@code class list}. */
        String description() {
            return description;
        }

        /** The largest accepted file. */
        long maxBytes() {
            return maxBytes;
        }
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final Kind kind;
    private final long size;

    private InputFile(Path file, Kind kind, long size) {
        this.file = file;
        this.kind = kind;
        this.size = size;
    }

    /**
     * Checks that a file may be read as the given kind.
     *
     * @throws BenchmarkFormatException if the file does not exist, is a folder, is not a regular
     *     file (FIFO, device, socket, or a link to one), is larger than the kind allows, or may not
     *     be read by this process
     * @throws IOException if its attributes cannot be read
     */
    static InputFile open(Path file, Kind kind) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BenchmarkFormatException(
                    file,
                    Files.isSymbolicLink(file)
                            ? "broken link, expected a " + kind.description
                            : "file not found, expected a " + kind.description);
        } catch (FileSystemException e) {
            throw failure(file, kind, e);
        }
        if (attributes.isDirectory()) {
            throw new BenchmarkFormatException(file, "is a folder, expected a " + kind.description);
        }
        if (!attributes.isRegularFile()) {
            throw new BenchmarkFormatException(
                    file,
                    (Files.isSymbolicLink(file) ? "links to " + target(file) + ", which is" : "is")
                            + " not a regular file (a FIFO, device or socket), expected a "
                            + kind.description);
        }
        if (attributes.size() > kind.maxBytes) {
            throw tooLarge(file, kind, Long.toString(attributes.size()));
        }
        if (!Files.isReadable(file)) {
            throw new BenchmarkFormatException(
                    file, "permission denied: this user may not read the " + kind.description);
        }
        return new InputFile(file, kind, attributes.size());
    }

    /** The file. */
    Path path() {
        return file;
    }

    /** Its size in bytes when it was opened. */
    long size() {
        return size;
    }

    /**
     * The whole file.
     *
     * @throws BenchmarkFormatException if it has grown beyond the kind's limit or may not be read
     * @throws IOException if reading fails
     */
    byte[] bytes() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int limit = (int) Math.min(kind.maxBytes, Integer.MAX_VALUE - 16);
            byte[] bytes = in.readNBytes(limit);
            if (in.read() >= 0) {
                throw tooLarge(file, kind, "more than " + limit);
            }
            return bytes;
        } catch (FileSystemException e) {
            throw failure(file, kind, e);
        }
    }

    /**
     * The whole file as strict UTF-8 text, without a leading byte-order mark.
     *
     * @throws BenchmarkFormatException if a byte sequence is not UTF-8 (the message gives its line
     *     and value), or as for {@link #bytes}
     * @throws IOException if reading fails
     */
    String text() throws IOException {
        byte[] bytes = bytes();
        int start = startsWithBom(bytes) ? UTF8_BOM.length : 0;
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = start; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new BenchmarkFormatException(
                    file,
                    String.format(
                            Locale.ROOT,
                            "byte 0x%02X at line %d (byte offset %d) is not valid UTF-8, expected a"
                                    + " UTF-8 %s (was it saved as Latin-1 or Windows-1252?)",
                            bytes[at] & 0xff,
                            line,
                            at,
                            kind.description));
        }
        return out.flip().toString();
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= UTF8_BOM.length
                && bytes[0] == UTF8_BOM[0]
                && bytes[1] == UTF8_BOM[1]
                && bytes[2] == UTF8_BOM[2];
    }

    private static BenchmarkFormatException tooLarge(Path file, Kind kind, String bytes) {
        return new BenchmarkFormatException(
                file,
                "has "
                        + bytes
                        + " bytes, expected a "
                        + kind.description
                        + " of at most "
                        + kind.maxBytes
                        + " bytes");
    }

    /** Names the reason the JDK leaves out: its messages for these are often just the path. */
    private static BenchmarkFormatException failure(Path file, Kind kind, FileSystemException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e.getReason() != null) {
            reason = e.getReason();
        } else {
            reason = e.getClass().getSimpleName();
        }
        return new BenchmarkFormatException(
                file, "cannot read the " + kind.description + ": " + reason, e);
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a special file";
        }
    }
}
