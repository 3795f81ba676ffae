package org.avca4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every failure, errors of the JVM included, is one {@code error:} line and exit status 1; the
 * stack trace only with {@code --verbose}.
 */
class MainFailureTest {

    @TempDir Path dir;

    @Command(name = "oom")
    static final class OutOfMemory implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Command(name = "deep")
    static final class Deep implements Callable<Integer> {
        @Override
        public Integer call() {
            return depth(0);
        }

        private static int depth(int n) {
            return depth(n + 1) + 1; // a real StackOverflowError
        }
    }

    /** The exit status and what the command line printed on its error stream. */
    private record Outcome(int code, String err) {}

    private static Outcome run(String... args) {
        CommandLine cl =
                Main.commandLine()
                        .addSubcommand("oom", new OutOfMemory())
                        .addSubcommand("deep", new Deep());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, err.toString());
    }

    @Test
    void anOutOfMemoryErrorIsOneLineWithWhatToDo() {
        Outcome o = run("oom");
        assertEquals(1, o.code());
        assertTrue(
                o.err()
                        .startsWith(
                                "error: out of memory (Java heap space; this JVM may use at most "),
                o.err());
        assertTrue(o.err().contains("-Xmx"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }

    @Test
    void aStackOverflowIsOneLineAndVerboseAddsTheStackTrace() {
        Outcome o = run("deep");
        assertEquals(1, o.code());
        assertEquals(
                "error: stack overflow: the input is nested too deeply to be processed"
                        + " (StackOverflowError; --verbose shows where)",
                o.err().strip());

        for (String[] args : new String[][] {{"--verbose", "deep"}, {"deep", "--verbose"}}) {
            Outcome verbose = run(args);
            assertEquals(1, verbose.code());
            assertTrue(verbose.err().startsWith("error: stack overflow"), verbose.err());
            assertTrue(verbose.err().contains("java.lang.StackOverflowError"), verbose.err());
            assertTrue(verbose.err().contains("\tat "), "stack trace follows");
        }
    }

    @Test
    void badInputIsItsOwnMessageWithoutAStackTrace() {
        Path missing = dir.resolve("nowhere");
        Outcome o = run("inspect", "--data", missing.toString(), "--dataset", "UCF");
        assertEquals(1, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("error: ") && o.err().contains(missing.toString()), o.err());
        assertFalse(o.err().contains("\tat "));

        Outcome verbose =
                run("inspect", "--data", missing.toString(), "--dataset", "UCF", "--verbose");
        assertTrue(verbose.err().contains("\tat "), verbose.err());
    }

    @Test
    void aProgrammingErrorSaysSoAndHowToSeeMore() {
        assertEquals(
                "internal error: NullPointerException: x is null (please report it; --verbose"
                        + " shows the stack trace)",
                org.avca4j.benchmarks.cli.FailureMessage.of(new NullPointerException("x is null")));
        assertEquals(
                "cannot write a/b: No space left on device",
                org.avca4j.benchmarks.cli.FailureMessage.of(
                        new java.io.UncheckedIOException(
                                new java.io.IOException(
                                        "cannot write a/b: No space left on device"))));
    }
}
