package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A benchmark file or folder is missing or does not have the expected content. The message names
 * the file and what was expected.
 */
public class BenchmarkFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the offending file or folder
     * @param message what was found and what was expected
     */
    public BenchmarkFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    /**
     * @param file the offending file or folder
     * @param message what was found and what was expected
     * @param cause the underlying error
     */
    public BenchmarkFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file or folder the error is about. */
    public Path file() {
        return file;
    }
}
