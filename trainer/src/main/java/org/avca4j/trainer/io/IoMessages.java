package org.avca4j.trainer.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The reason of a failed file operation in words. The JDK's messages are terse and inconsistent: a
 * full disk says only "No space left on device" (no file), a refused permission names the file but
 * not the reason. These helpers give both.
 */
public final class IoMessages {

    private IoMessages() {}

    /**
     * Why an operation failed, naming the file the failure is about when it is not {@code subject}
     * (the file the caller names itself), e.g. {@code permission denied} or {@code No space left on
     * device}.
     */
    public static String reason(IOException e, Path subject) {
        String file = null;
        String why;
        if (e instanceof FileSystemException f) {
            file = f.getFile();
            if (e instanceof AccessDeniedException) {
                why = "permission denied";
            } else if (e instanceof NoSuchFileException) {
                why = "no such file or folder";
            } else if (e instanceof FileAlreadyExistsException) {
                why = "already exists";
            } else if (e instanceof NotDirectoryException) {
                why = "not a folder";
            } else if (e instanceof DirectoryNotEmptyException) {
                why = "folder not empty";
            } else {
                why = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            }
        } else {
            why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        boolean otherFile = file != null && (subject == null || !Path.of(file).equals(subject));
        return otherFile ? why + " (" + file + ")" : why;
    }

    /**
     * An exception saying what was being done with which file and why it failed; the original is
     * its cause. Exceptions that already name the file and the reason ({@link
     * DamagedFileException}) are returned as they are.
     *
     * @param action what was being done, e.g. {@code cannot write}
     * @param file the file it was done to
     */
    public static IOException wrap(String action, Path file, IOException e) {
        if (e instanceof DamagedFileException || e instanceof Described) {
            return e;
        }
        return new Described(action + " " + file + ": " + reason(e, file), e);
    }

    /** An {@link IOException} whose message already names the file and the reason. */
    static final class Described extends IOException {
        private static final long serialVersionUID = 1L;

        Described(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
