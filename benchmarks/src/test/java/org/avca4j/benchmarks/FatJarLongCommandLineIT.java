package org.avca4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fat jar ({@code avca4j.jar}, built before Failsafe runs this in {@code
 * integration-test}) in a JVM whose command line is over 8 KB. ONNX Runtime 1.29.0 crashed such a
 * JVM (SIGSEGV, exit 139, no message) when it loaded its native library, so {@code evaluate} and
 * {@code reproduce} died with a long {@code --data} or {@code --out}. {@code perf infer} loads ONNX
 * Runtime, creates sessions on a random-weight model and runs it.
 */
class FatJarLongCommandLineIT {

    @TempDir Path dir;

    @Test
    void fatJarRunsOnnxRuntimeWithAnOver8KbCommandLine() throws IOException, InterruptedException {
        List<String> command =
                FatJarProcess.command(
                        // A long -D option crashed 1.29.0 exactly like a long program argument.
                        List.of("-Davca4j.padding=" + "x".repeat(9000)),
                        List.of(
                                "perf",
                                "infer",
                                "--iterations",
                                "3",
                                "--warmup",
                                "1",
                                "--batch",
                                "2",
                                "--json"));
        int length = String.join(" ", command).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(length > 8192, "command line of " + length + " bytes");

        FatJarProcess.Run r = FatJarProcess.run(command, dir);
        String out = r.output();
        assertEquals(0, r.status(), () -> "exit " + r.status() + " (139: SIGSEGV):\n" + out);

        // stdout is the one JSON object of --json; the log goes to stderr.
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertEquals(2, json.path("batch").asInt(), out);
        assertTrue(json.path("clips_per_s").asDouble() > 0, out);
    }
}
