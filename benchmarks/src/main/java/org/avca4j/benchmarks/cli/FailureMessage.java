package org.avca4j.benchmarks.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The one line the command line prints for a failure. Messages of the project's exceptions name the
 * file and the reason already and are printed as they are; errors of the JVM ({@link
 * OutOfMemoryError}, {@link StackOverflowError}, a native library that does not load) are put in
 * words with what to do, and programming errors say how to see the stack trace.
 */
public final class FailureMessage {

    private FailureMessage() {}

    /** The failure's message on one line, without the {@code error: } prefix. */
    public static String of(Throwable failure) {
        Throwable t = unwrap(failure);
        String text;
        if (t instanceof OutOfMemoryError) {
            text =
                    String.format(
                            Locale.ROOT,
                            "out of memory (%s; this JVM may use at most %d MiB): the input needs"
                                    + " more memory than that; give the JVM more with java -Xmx<size>"
                                    + " -jar ..., or use a smaller input",
                            message(t, "OutOfMemoryError"),
                            Runtime.getRuntime().maxMemory() >> 20);
        } else if (t instanceof StackOverflowError) {
            text =
                    "stack overflow: the input is nested too deeply to be processed"
                            + " (StackOverflowError; --verbose shows where)";
        } else if (t instanceof LinkageError) {
            text =
                    "a library cannot be loaded on this machine: "
                            + message(t, t.getClass().getSimpleName())
                            + " ("
                            + t.getClass().getSimpleName()
                            + "; --verbose shows the stack trace)";
        } else if (t instanceof Error) {
            text =
                    "internal error of the JVM: "
                            + t.getClass().getSimpleName()
                            + (t.getMessage() == null ? "" : ": " + t.getMessage())
                            + " (--verbose shows the stack trace)";
        } else if (expected(t)) {
            text = message(t, t.getClass().getSimpleName());
        } else {
            text =
                    "internal error: "
                            + t.getClass().getSimpleName()
                            + (t.getMessage() == null ? "" : ": " + t.getMessage())
                            + " (please report it; --verbose shows the stack trace)";
        }
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Exceptions that describe bad input or a failed operation, not a defect of the program. */
    private static boolean expected(Throwable t) {
        return t instanceof IOException
                || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException;
    }

    /** The exception that says what happened, below wrappers that only carry it. */
    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null
                && (current instanceof UncheckedIOException
                        || current instanceof ExceptionInInitializerError
                        || current.getMessage() == null
                        || current.getMessage().equals(current.getCause().toString()))) {
            current = current.getCause();
        }
        return current;
    }

    private static String message(Throwable t, String fallback) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? fallback : m;
    }
}
