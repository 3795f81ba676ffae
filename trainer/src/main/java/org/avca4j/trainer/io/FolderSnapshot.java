package org.avca4j.trainer.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a folder held before a writer that may fail half-way: {@link #removeAdded} deletes what was
 * added since, so a failed write (a full disk, a bad setting found late) leaves the folder as it
 * was instead of half a data set that later reads as a broken one. Files that existed before are
 * kept (the writer replaces files atomically, so they are either old or new, never partial).
 */
public final class FolderSnapshot {

    private final Path folder;
    private final Set<Path> before;

    private FolderSnapshot(Path folder, Set<Path> before) {
        this.folder = folder;
        this.before = before;
    }

    /**
     * Records every path below {@code folder} (nothing if it does not exist yet).
     *
     * @throws IOException if the folder cannot be listed (the message names it)
     */
    public static FolderSnapshot of(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return new FolderSnapshot(folder, Set.of());
        }
        return new FolderSnapshot(folder, Set.copyOf(list(folder)));
    }

    /**
     * Deletes every path below the folder that the snapshot did not record, deepest first, and the
     * folder itself if it did not exist.
     *
     * @return how many paths were deleted
     * @throws IOException if one cannot be listed or deleted (the message names it)
     */
    public int removeAdded() throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        List<Path> added =
                list(folder).stream()
                        .filter(p -> !before.contains(p))
                        .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                        .toList();
        for (Path p : added) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw IoMessages.wrap("cannot remove", p, e);
            }
        }
        return added.size();
    }

    private static Set<Path> list(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            Set<Path> all = new HashSet<>();
            paths.forEach(all::add);
            return all;
        } catch (UncheckedIOException e) {
            throw IoMessages.wrap("cannot list", folder, e.getCause());
        } catch (IOException e) {
            throw IoMessages.wrap("cannot list", folder, e);
        }
    }
}
