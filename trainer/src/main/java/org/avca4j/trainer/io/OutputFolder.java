package org.avca4j.trainer.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An output folder held by this process: checked (a folder, writable) and locked before any work
 * starts, so that a run that cannot write its results fails at once, and two processes never train
 * into one folder and overwrite each other's files. Opening it also removes the stale temporaries
 * that interrupted writes left below it ({@link AtomicFiles#removeLeftovers(Path, int)}).
 *
 * <p>The lock is an operating-system lock ({@link FileChannel#tryLock}) on {@value #LOCK_FILE} in
 * the folder, which holds the holder's process id while it is held. Closing releases it; so does
 * the end of the process, however it ends ({@code kill -9} included). The file itself stays:
 * deleting it on release would let a process that opened it just before lock a file no longer in
 * the folder while a third locks a new one.
 */
public final class OutputFolder implements AutoCloseable {

    /** The lock file's name inside the folder. */
    public static final String LOCK_FILE = ".avca4j.lock";

    /** How deep below the folder stale temporaries are removed (report, run folder, stage). */
    private static final int CLEAN_DEPTH = 4;

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputFolder(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed, checks that it can be written, locks it and removes stale
     * temporaries below it.
     *
     * @throws IOException if the path is a file, the folder cannot be created or written (the
     *     message names it and the reason), or another process holds it (the message names the
     *     folder and that process's id when known)
     */
    public static OutputFolder lock(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IoMessages.Described(
                    folder + " is a file; an output folder is needed there (choose another path)",
                    null);
        }
        AtomicFiles.createFolder(folder, folder.resolve(LOCK_FILE));
        Path file = folder.resolve(LOCK_FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IoMessages.Described(
                    file + " is not a regular file; remove it to use " + folder, null);
        }
        FileChannel channel;
        try {
            channel =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw IoMessages.wrap("cannot use the output folder", folder, e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new IoMessages.Described(
                        folder
                                + " is already in use by this process (pid "
                                + ProcessHandle.current().pid()
                                + ")",
                        e);
            }
            if (lock == null) {
                throw new IoMessages.Described(inUse(folder, holder(channel)), null);
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(
                            (ProcessHandle.current().pid() + "\n")
                                    .getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(false);
            OutputFolder held = new OutputFolder(folder, channel, lock);
            AtomicFiles.removeLeftovers(folder, CLEAN_DEPTH);
            return held;
        } catch (IOException e) {
            channel.close();
            throw IoMessages.wrap("cannot lock the output folder", folder, e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Releases the lock (the lock file is emptied and stays).
     *
     * @throws IOException if the lock file cannot be written or closed
     */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    private static String inUse(Path folder, String pid) {
        return folder
                + " is in use by another process"
                + (pid.isEmpty() ? "" : " (pid " + pid + ")")
                + ": two runs in one folder would overwrite each other's files; wait for it to end"
                + " or choose another folder";
    }

    /** The process id the holder wrote into the lock file, or empty if none can be read. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return s.matches("\\d{1,19}") ? s : "";
        } catch (IOException e) {
            return "";
        }
    }
}
