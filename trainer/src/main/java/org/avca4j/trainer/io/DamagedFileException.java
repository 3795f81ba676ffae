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

    /** The damaged file. */
    public Path file() {
        return file;
    }
}
