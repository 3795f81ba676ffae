package org.avca4j.trainer.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file the project wrote no longer holds what was written: its content does not match the SHA-256
 * digest recorded with it, or it is cut short. Unlike other read failures, the remedy is to
 * recreate the file (a run resumes from an earlier intact checkpoint), not to fix a setting.
 */
public final class DamagedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The damaged file. */
    private final transient Path file;

    /**
     * @param file the damaged file
     * @param reason what shows the damage, e.g. which digests differ
     */
    public DamagedFileException(Path file, String reason) {
        super(file + " is damaged: " + reason);
        this.file = file;
    }

    /**
     * Compares a file's digest with the one recorded when it was written.
     *
     * @param actual the digest of the content now (hex)
     * @param recorded the digest recorded (hex; null if none was)
     * @param where where the recorded digest comes from, e.g. {@code checkpoint-epoch-003.json}
     * @throws DamagedFileException naming the file and both digests if they differ
     */
    public static void checkDigest(Path file, String actual, String recorded, String where)
            throws DamagedFileException {
        if (!actual.equals(recorded)) {
            throw new DamagedFileException(
                    file,
                    "its content has SHA-256 "
                            + actual
                            + " but "
                            + where
                            + " records "
                            + recorded
                            + " (changed or partly overwritten since it was saved)");
        }
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }
}
