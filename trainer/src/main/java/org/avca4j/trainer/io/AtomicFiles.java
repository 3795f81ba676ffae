package org.avca4j.trainer.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees either the old content or the complete new one, never a part:
 * into a temporary file in the target's folder, then renamed over the target in one atomic move.
 * Every file the project writes — data, checkpoints, models, reports — goes through here.
 *
 * <p>Temporary files are named {@code .<target>.<pid>.<uuid>.tmp}, after the target and the process
 * writing it. One left behind by a killed process is <em>stale</em> once that process is gone;
 * stale temporaries of a target are removed the next time the target is written, and {@link
 * #removeLeftovers} removes those of a whole folder. A temporary of a live process is never
 * touched, so two processes (or threads) never delete each other's files. Temporaries of earlier
 * versions ({@code .<target>.<uuid>.tmp}, without a process id) count as stale.
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

    private static final String UUID_PATTERN =
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** Names of the temporary files {@link #write} creates: target name, optional pid, uuid. */
    private static final Pattern TEMPORARY =
            Pattern.compile("\\.(.+?)(?:\\.(\\d+))?\\." + UUID_PATTERN + "\\.tmp");

    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {}

    /**
     * Deletes the stale temporary files that interrupted writes left in a folder (a process killed
     * between writing and moving); other files, and temporaries of running processes, are left
     * alone. Nothing happens if the folder does not exist.
     *
     * @throws IOException if the folder cannot be listed or a file cannot be deleted (the message
     *     names it)
     */
    public static void removeLeftovers(Path folder) throws IOException {
        removeLeftovers(folder, 1);
    }

    /**
     * {@link #removeLeftovers(Path)} for a folder and its sub-folders down to {@code depth} levels
     * ({@code 1}: the folder only).
     *
     * @throws IOException as {@link #removeLeftovers(Path)}
     */
    public static void removeLeftovers(Path folder, int depth) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, depth)) {
            files.filter(f -> isStale(f.getFileName().toString(), null)).forEach(stale::add);
        } catch (IOException e) {
            throw IoMessages.wrap("cannot list", folder, e);
        } catch (UncheckedIOException e) {
            throw IoMessages.wrap("cannot list", folder, e.getCause());
        }
        for (Path f : stale) {
            delete(f);
        }
    }

    /**
     * Writes {@code target} atomically, creating its folder if needed, after removing stale
     * temporaries of the same target.
     *
     * @throws IOException if writing or the atomic move fails; the target is then unchanged, the
     *     temporary file removed, and the message names the target and the reason (e.g. {@code
     *     cannot write runs/x/model.onnx: No space left on device})
     */
    public static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        createFolder(folder, target);
        String name = target.getFileName().toString();
        removeStaleTemporaries(folder, name);
        // Not Files.createTempFile: it makes the file readable by its owner only, and models and
        // reports are meant to be shared; a plain new file follows the user's umask.
        Path temporary = folder.resolve("." + name + "." + PID + "." + UUID.randomUUID() + ".tmp");
        try {
            content.writeTo(temporary);
            Files.move(
                    temporary,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw IoMessages.wrap("cannot write", target, e);
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

    /**
     * Creates a folder and its parents.
     *
     * @param forFile the file the folder is for, named in the message
     * @throws IOException naming the folder, the file and the reason (e.g. a file standing where a
     *     folder is needed)
     */
    static void createFolder(Path folder, Path forFile) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            // The JDK says "Not a directory" or "already exists" about a path below a file; name
            // the file instead.
            Path existing = folder;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !Files.isDirectory(existing)) {
                throw new IoMessages.Described(
                        "cannot write "
                                + forFile
                                + ": "
                                + existing
                                + " is a file, where a folder is needed",
                        e);
            }
            throw IoMessages.wrap("cannot create the folder " + folder + " for", forFile, e);
        }
    }

    /**
     * Whether a file name is that of a stale temporary ({@code target}: of that target only, or of
     * any when null).
     */
    static boolean isStale(String fileName, String target) {
        Matcher m = TEMPORARY.matcher(fileName);
        if (!m.matches() || (target != null && !target.equals(m.group(1)))) {
            return false;
        }
        if (m.group(2) == null) {
            return true; // written by an earlier version, which put no process id in the name
        }
        long pid;
        try {
            pid = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return true;
        }
        return pid != PID && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static void removeStaleTemporaries(Path folder, String target) throws IOException {
        String prefix = "." + target + ".";
        List<Path> stale = new ArrayList<>();
        DirectoryStream.Filter<Path> candidates =
                p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && n.endsWith(".tmp");
                };
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, candidates)) {
            for (Path f : files) {
                // A target name such as "a.5" makes ".a.5.<uuid>.tmp" ambiguous; test it as
                // exactly this target's temporary.
                String n = f.getFileName().toString();
                String rest = n.substring(prefix.length());
                if (isStale(n, target) || rest.matches(UUID_PATTERN + "\\.tmp")) {
                    stale.add(f);
                }
            }
        } catch (IOException e) {
            throw IoMessages.wrap("cannot list", folder, e);
        }
        for (Path f : stale) {
            delete(f);
        }
    }

    private static void delete(Path file) throws IOException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw IoMessages.wrap("cannot delete the leftover temporary file", file, e);
        }
    }
}
