package org.avca4j.benchmarks.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.avca4j.benchmarks.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PerfCommandTest {

    /** What the command prints, after checking that it exits with 0. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(args), String.join(" ", args));
        return out.toString();
    }

    private static JsonNode runJson(String... args) throws Exception {
        String[] lines = run(args).trim().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    private static void assertOrderedPercentiles(JsonNode json, String p50) {
        double a = json.get(p50).asDouble();
        double b = json.get("ms_p90").asDouble();
        double c = json.get("ms_p99").asDouble();
        assertTrue(0 < a && a <= b && b <= c, json.toString());
    }

    @Test
    void inferPrintsTheDocumentedJson() throws Exception {
        JsonNode json =
                runJson(
                        "perf",
                        "infer",
                        "--batch",
                        "3",
                        "--iterations",
                        "20",
                        "--warmup",
                        "2",
                        "--callers",
                        "4",
                        "--precision",
                        "int8",
                        "--json");
        assertEquals(
                List.of(
                        "precision",
                        "batch",
                        "ms_p50",
                        "ms_p90",
                        "ms_p99",
                        "clips_per_s",
                        "sdk_overhead_pct",
                        "sdk_overhead_paired_pct",
                        "callers",
                        "concurrent_clips_per_s"),
                names(json));
        assertEquals("int8", json.get("precision").asText());
        assertEquals(3, json.get("batch").asInt());
        assertEquals(4, json.get("callers").asInt());
        assertTrue(json.get("concurrent_clips_per_s").asDouble() > 0);
        assertOrderedPercentiles(json, "ms_p50");
        assertTrue(json.get("clips_per_s").asDouble() > 0);
    }

    @Test
    void trainPrintsTheDocumentedJson() throws Exception {
        JsonNode json =
                runJson("perf", "train", "--batch", "4", "--steps", "3", "--warmup", "0", "--json");
        assertEquals(
                List.of(
                        "network",
                        "ms_per_step_median",
                        "ms_p90",
                        "ms_p99",
                        "clips_per_s",
                        "batch",
                        "steps",
                        "warmup",
                        "omp_wait_policy",
                        "gc",
                        "op_threads",
                        "blas_threads"),
                names(json));
        assertEquals("fast", json.get("network").asText(), "the fast network is the default");
        // This JVM's collector by its short name (FatJarCollectorIT checks which one the jar gets).
        assertTrue(
                List.of("G1", "Parallel", "Serial", "ZGC", "Shenandoah", "Epsilon")
                        .contains(json.get("gc").asText()),
                json.toString());
        if (System.getenv("OMP_NUM_THREADS") == null) {
            assertEquals(1, json.get("op_threads").asInt(), "one thread unless the user sets one");
            assertEquals(1, json.get("blas_threads").asInt());
        }
        assertEquals(4, json.get("batch").asInt());
        assertEquals(3, json.get("steps").asInt());
        assertOrderedPercentiles(json, "ms_per_step_median");
    }

    @Test
    void trainProfileOfTheFastNetworkListsNd4jsOps() {
        String text = trainProfile("fast");
        // every linear layer and its backward are matmuls; the profile counts them
        assertTrue(text.contains("matmul"), text);
        assertTrue(text.contains("fast network"), text);
    }

    @Test
    void trainProfileListsTheOpTypesOfAStep() {
        String text = trainProfile("samediff");
        // every linear layer is a matmul in the forward pass and a matmul_bp in the backward pass
        assertTrue(text.contains("\nmatmul "), text);
        assertTrue(text.contains("\nmatmul_bp "), text);
        assertTrue(text.contains("outside ops"), text);
    }

    /** The op profile of two steps at batch 4 of a network. */
    private static String trainProfile(String network) {
        return run(
                ("perf train --batch 4 --steps 2 --warmup 0 --profile --network " + network)
                        .split(" "));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
