package org.avca4j.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Runs the command line in a JVM with the parallel (throughput) garbage collector when the JVM was
 * started with the default one, G1, chosen by the JVM itself.
 *
 * <p>Why: ND4J leaves a few kilobytes of short-lived Java objects behind every array operation,
 * some ten megabytes per training step, and G1's write barriers, concurrent refinement and pauses
 * cost a training step about a tenth of its time on two cores (docs/performance.md has the
 * measurements). A {@code java -jar} command cannot choose its collector from inside, so the first
 * JVM starts a second one with {@code -XX:+UseParallelGC}, the same JVM options, class path and
 * arguments, and the same standard streams, waits for it and exits with its status. It does nothing
 * else: it does not load ND4J.
 *
 * <p>The JVM is kept as started when the user chose a collector ({@code -XX:+Use…GC}), when the JVM
 * chose another collector than G1 (one CPU or little memory), when an agent, a debugger or a flight
 * recording is attached to it (a second JVM would start a second one on the same port or file),
 * with {@code -Davca4j.relaunch=false}, and in the relaunched JVM itself.
 */
public final class JvmRelaunch {

    /** System property: {@code false} keeps the command in the JVM it was started in. */
    static final String SWITCH = "avca4j.relaunch";

    /** System property set in the second JVM, which never relaunches. */
    static final String RELAUNCHED = "avca4j.relaunched";

    /** The collector option the second JVM gets. */
    static final String COLLECTOR = "-XX:+UseParallelGC";

    /** A JVM option that chooses or rules out a collector: the user's choice is kept. */
    private static final Pattern COLLECTOR_OPTION = Pattern.compile("-XX:[+-]Use\\w*GC");

    /** JVM options that attach something to this JVM, which a second JVM would attach again. */
    private static final List<String> ATTACHED =
            List.of(
                    "-agentlib:",
                    "-agentpath:",
                    "-javaagent:",
                    "-Xrunjdwp",
                    "-Xdebug",
                    "-XX:StartFlightRecording",
                    "-XX:FlightRecorderOptions",
                    "-XX:+FlightRecorder");

    private JvmRelaunch() {}

    /**
     * Runs the command line in a second JVM if this one should not run it (see the class comment).
     *
     * @return the second JVM's exit status, or empty if the command should run in this JVM (also
     *     when the second JVM could not be started)
     */
    static OptionalInt runIfNeeded(String[] args) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (keepReason(jvmOptions, System::getProperty, collector()).isPresent()) {
            return OptionalInt.empty();
        }
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> command = command(javaCommand(), jvmOptions, classPath, args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty(); // the command runs here, with the collector it has
        }
        // A Ctrl-C reaches both JVMs; a signal sent to this one alone is passed on. Either way this
        // JVM ends after the second one, so its status and its last output come first.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    if (child.isAlive()) {
                                        child.destroy();
                                        waitQuietly(child);
                                    }
                                },
                                "avca4j-relaunch"));
        while (true) {
            try {
                return OptionalInt.of(child.waitFor());
            } catch (InterruptedException e) {
                // nothing interrupts the main thread on purpose: keep waiting for the child
            }
        }
    }

    private static void waitQuietly(Process child) {
        try {
            child.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Why a JVM with these options, system properties and collector runs the command itself, or
     * empty when it should relaunch it.
     */
    static Optional<String> keepReason(
            List<String> jvmOptions, UnaryOperator<String> property, String collector) {
        if (property.apply(RELAUNCHED) != null) {
            return Optional.of("this is the relaunched JVM");
        }
        if ("false".equalsIgnoreCase(property.apply(SWITCH))) {
            return Optional.of("-D" + SWITCH + "=false");
        }
        for (String option : jvmOptions) {
            if (COLLECTOR_OPTION.matcher(option).matches()) {
                return Optional.of("the collector was chosen: " + option);
            }
            for (String attached : ATTACHED) {
                if (option.startsWith(attached)) {
                    return Optional.of("attached to this JVM: " + option);
                }
            }
        }
        if (!"G1".equals(collector)) {
            return Optional.of("the JVM chose the " + collector + " collector");
        }
        return Optional.empty();
    }

    /** The second JVM's command line. */
    static List<String> command(
            String java, List<String> jvmOptions, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add(COLLECTOR);
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * This JVM's garbage collector: G1, Parallel, Serial, ZGC, Shenandoah, Epsilon, or the names of
     * its collector beans.
     */
    public static String collector() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(b.getName());
        }
        String all = String.join(", ", names);
        String lower = all.toLowerCase(Locale.ROOT);
        if (lower.startsWith("g1 ")) {
            return "G1";
        }
        if (lower.startsWith("ps ")) {
            return "Parallel";
        }
        if (lower.startsWith("copy") || lower.equals("marksweepcompact")) {
            return "Serial";
        }
        if (lower.startsWith("zgc")) {
            return "ZGC";
        }
        if (lower.startsWith("shenandoah")) {
            return "Shenandoah";
        }
        if (lower.startsWith("epsilon")) {
            return "Epsilon";
        }
        return all.isEmpty() ? "unknown" : all;
    }

    private static String javaCommand() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
