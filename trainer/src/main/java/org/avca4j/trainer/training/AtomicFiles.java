package org.avca4j.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that a reader never sees a half-written one: into a temporary file in the same
 * folder, then renamed over the target in one atomic move.
 */
final class AtomicFiles {

    /** Fills the temporary file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /** Names of the temporary files {@link #write} creates. */
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Deletes the temporary files that an interrupted {@link #write} left in a folder.
     *
     * @throws IOException if the folder cannot be listed or a file cannot be deleted
     */
    static void removeLeftovers(Path folder) throws IOException {
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
     * @throws IOException if writing or the atomic move fails; the target is then unchanged
     */
    static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            content.writeTo(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
