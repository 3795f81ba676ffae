package org.avca4j.benchmarks.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.avca4j.benchmarks.Main;
import org.avca4j.benchmarks.pipeline.FakeMethod;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code perf train --method}: any method's step on UCF main shapes. */
class MethodStepBenchmarkTest {

    @Test
    void timesEveryStepOfAMethodAtItsPublishedBatchSize() {
        FakeMethod fake = new FakeMethod();
        assertEquals(8, MethodStepBenchmark.publishedBatchSize(fake));
        double[] ms = MethodStepBenchmark.measure(fake, 8, 1, 4).millis();
        assertEquals(4, ms.length);
        for (double m : ms) {
            assertTrue(m >= 0, "a duration");
        }
    }

    @Test
    void anUnknownMethodIsAnErrorLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("perf", "train", "--method", "nope", "--steps", "1"));
        assertTrue(
                err.toString().startsWith("error: unknown method 'nope': expected one of avca"),
                err.toString());
    }

    /** Runs {@code perf train ARGS} and returns the last line it printed. */
    private static String lastLine(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out, true));
        String[] command = new String[args.length + 2];
        command[0] = "perf";
        command[1] = "train";
        System.arraycopy(args, 0, command, 2, args.length);
        assertEquals(0, cli.execute(command), String.join(" ", command));
        String[] lines = out.toString().trim().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void avcaByNameIsTheDefaultBenchmarkWithTheMethodInItsJson() throws Exception {
        com.fasterxml.jackson.databind.JsonNode json =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                lastLine(
                                        "--method",
                                        "AVCA",
                                        "--batch",
                                        "4",
                                        "--steps",
                                        "2",
                                        "--warmup",
                                        "0",
                                        "--json"));
        assertEquals("avca", json.get("method").asText());
        assertEquals(4, json.get("batch").asInt());
    }

    @Test
    void aSequenceMethodStepsOnSequencesAndNamesNoReferenceOfAnotherMethod() {
        String line = lastLine("--method", "tcaf", "--batch", "4", "--steps", "2", "--warmup", "0");
        assertTrue(line.startsWith("tcaf, batch 4, 2 steps after 0 warm-up: median "), line);
        assertTrue(!line.contains("reference PyTorch"), "AVCA's reference is not TCaF's: " + line);
    }
}
