package org.avca4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class JvmRelaunchTest {

    private static final UnaryOperator<String> NO_PROPERTIES = k -> null;

    private static Optional<String> keep(List<String> options, String collector) {
        return JvmRelaunch.keepReason(options, NO_PROPERTIES, collector);
    }

    @Test
    void aJvmWithTheDefaultG1AndPlainOptionsRelaunches() {
        assertEquals(Optional.empty(), keep(List.of(), "G1"));
        assertEquals(Optional.empty(), keep(List.of("-Xmx8g", "-Dfoo=bar"), "G1"));
    }

    @Test
    void theUsersCollectorIsKept() {
        assertEquals(
                Optional.of("the collector was chosen: -XX:+UseG1GC"),
                keep(List.of("-Xmx8g", "-XX:+UseG1GC"), "G1"));
        assertTrue(keep(List.of("-XX:-UseParallelGC"), "G1").isPresent());
        assertTrue(keep(List.of("-XX:+UseZGC"), "ZGC").isPresent());
        // an option that only looks like one does not count
        assertEquals(Optional.empty(), keep(List.of("-XX:+UseStringDeduplication"), "G1"));
        // nor a flag whose name only starts like a collector's (-XX:+Use…GC…)
        assertEquals(Optional.empty(), keep(List.of("-XX:+UseGCOverheadLimit"), "G1"));
    }

    @Test
    void aCollectorTheJvmChoseOtherThanG1IsKept() {
        assertEquals(Optional.of("the JVM chose the Serial collector"), keep(List.of(), "Serial"));
    }

    @Test
    void anythingAttachedToTheJvmKeepsIt() {
        for (String option :
                List.of(
                        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                        "-javaagent:agent.jar",
                        "-XX:StartFlightRecording=filename=run.jfr")) {
            assertEquals(
                    Optional.of("attached to this JVM: " + option),
                    keep(List.of(option), "G1"),
                    option);
        }
    }

    @Test
    void theSwitchAndTheRelaunchedJvmKeepIt() {
        assertEquals(
                Optional.of("-Davca4j.relaunch=false"),
                JvmRelaunch.keepReason(List.of(), Map.of(JvmRelaunch.SWITCH, "false")::get, "G1"));
        assertEquals(
                Optional.empty(),
                JvmRelaunch.keepReason(List.of(), Map.of(JvmRelaunch.SWITCH, "true")::get, "G1"));
        assertEquals(
                Optional.of("this is the relaunched JVM"),
                JvmRelaunch.keepReason(
                        List.of(), Map.of(JvmRelaunch.RELAUNCHED, "true")::get, "G1"));
    }

    @Test
    void theSecondJvmGetsTheSameOptionsClassPathAndArgumentsWithTheParallelCollector() {
        assertEquals(
                List.of(
                        "/jdk/bin/java",
                        "-Xmx8g",
                        "-Da=b c",
                        "-XX:+UseParallelGC",
                        "-Davca4j.relaunched=true",
                        "-cp",
                        "avca4j.jar",
                        "org.avca4j.benchmarks.Main",
                        "perf",
                        "train",
                        "--out",
                        "a folder"),
                JvmRelaunch.command(
                        "/jdk/bin/java",
                        List.of("-Xmx8g", "-Da=b c"),
                        "avca4j.jar",
                        new String[] {"perf", "train", "--out", "a folder"}));
    }

    @Test
    void thisJvmsCollectorHasAName() {
        String c = JvmRelaunch.collector();
        assertTrue(
                List.of("G1", "Parallel", "Serial", "ZGC", "Shenandoah", "Epsilon").contains(c), c);
    }
}
