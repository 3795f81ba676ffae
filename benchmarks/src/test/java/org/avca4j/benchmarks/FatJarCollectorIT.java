package org.avca4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avca4j.benchmarks.FatJarProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar avca4j.jar} trains in a JVM with the parallel collector ({@link JvmRelaunch}),
 * unless the user chose a collector or switched the relaunch off; the exit status of the second JVM
 * is the command's. The tests run where the JVM's own choice is G1 (two CPUs or more); the JVM's
 * choice is read first, so that elsewhere they check that nothing is relaunched.
 */
class FatJarCollectorIT {

    @TempDir Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code perf train}'s JSON with {@code jvmOptions} before {@code -jar}. */
    private JsonNode perfTrain(String... jvmOptions) throws IOException, InterruptedException {
        Run r = run(List.of(jvmOptions), "perf", "train", "--steps", "1", "--warmup", "0");
        assertEquals(0, r.status(), r.output());
        return JSON.readTree(r.stdout());
    }

    private Run run(List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--batch", "4", "--json"));
        return FatJarProcess.run(FatJarProcess.command(jvmOptions, all), dir);
    }

    @Test
    void theDefaultCollectorIsReplacedAndAChosenOneKept() throws Exception {
        String own = perfTrain("-Davca4j.relaunch=false").path("gc").asText();
        String expected = own.equals("G1") ? "Parallel" : own;
        assertEquals(expected, perfTrain().path("gc").asText(), "the JVM's own choice: " + own);
        assertEquals("G1", perfTrain("-XX:+UseG1GC").path("gc").asText());
        assertEquals("Serial", perfTrain("-XX:+UseSerialGC").path("gc").asText());
    }

    @Test
    void theRelaunchedCommandsFailureIsTheExitStatus() throws Exception {
        Run r = run(List.of(), "perf", "train", "--steps", "0", "--warmup", "0");
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("error: "), r.output());
        assertEquals(
                1, r.output().split("error: ", -1).length - 1, "one error line: " + r.output());
    }
}
