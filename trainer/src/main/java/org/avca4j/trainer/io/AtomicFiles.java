package org.avca4j.trainer.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees either the old content or the complete new one, never a part:
 * into a temporary file in the target's folder, then renamed over the target in one atomic move.
 * Every file the project writes — data, checkpoints, models, reports — goes through here.
 */
public final class AtomicFiles {

    /** Fills the temporary file with the whole content. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param temporary the file to write (it does not exist yet)
         * @throws IOException if writing fails
         */
        void writeTo(Path temporary) throws IOException;
    }

    /** Names of the temporary files {@link #write} creates. */
    private static final Pattern TEMPORARY =
            Pattern.compile(
                    "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {}

    /**
     * Deletes the temporary files that an interrupted {@link #write} left in a folder (a process
     * killed between writing and moving); other files are left alone.
     *
     * @throws IOException if the folder cannot be listed or a file cannot be deleted
     */
    public static void removeLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (TEMPORARY.matcher(f.getFileName().toString()).matches()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * Writes {@code target} atomically, creating its folder if needed.
     *
     * @throws IOException if writing or the atomic move fails; the target is then unchanged and the
     *     temporary file removed
     */
    public static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // Not Files.createTempFile: it makes the file readable by its owner only, and models and
        // reports are meant to be shared; a plain new file follows the user's umask.
        Path temporary =
                folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            content.writeTo(temporary);
            Files.move(
                    temporary,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes {@code bytes} to {@code target} atomically.
     *
     * @throws IOException as {@link #write(Path, Content)}
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(
                target,
                tmp ->
                        Files.write(
                                tmp,
                                bytes,
                                StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE));
    }
}
