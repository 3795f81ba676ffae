package org.avca4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built fat jar in a JVM of its own, as a user would, for the integration tests that need
 * a fresh process (JVM options, native libraries, the relaunch).
 */
final class FatJarProcess {

    /** The longest a fat-jar command of these tests may take before the test fails. */
    private static final long TIMEOUT_S = 180;

    /** What a finished command left: its exit status, its standard output, and both streams. */
    record Run(int status, String stdout, String output) {}

    private FatJarProcess() {}

    /** The fat jar Maven built ({@code avca4j.jar} property, else {@code target/avca4j.jar}). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("avca4j.jar", "target/avca4j.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is not built");
        return jar;
    }

    /** {@code java <jvmOptions> -jar avca4j.jar <args>}, this JVM's {@code java}. */
    static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    /**
     * Runs {@code command} with its streams in files under {@code dir}, and fails the test if it
     * does not end within {@value #TIMEOUT_S} s (the process is then killed).
     */
    static Run run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
        boolean ended = p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(stdout);
        String all = out + Files.readString(stderr);
        assertTrue(ended, () -> "the fat jar did not end within " + TIMEOUT_S + " s:\n" + all);
        return new Run(p.exitValue(), out, all);
    }
}
