package org.avca4j.benchmarks.perf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.avca4j.benchmarks.JvmRelaunch;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.NativeThreading;
import org.avca4j.trainer.training.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: milliseconds per AVCA training step, to compare with the reference PyTorch step
 * timed on the same machine ({@code docs/performance.md} says how).
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Times AVCA training steps (UCF main shapes: 512/512 inputs, published dropouts) on random "
                        + "batches. ND4J's OpenMP threads wait passively unless OMP_WAIT_POLICY says otherwise.")
public final class PerfTrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--batch",
            defaultValue = "256",
            description = "Clips per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--steps",
            defaultValue = "20",
            description = "Timed steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--warmup",
            defaultValue = "15",
            description =
                    "Untimed steps first; SameDiff and the JIT need 10-15 (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--profile",
            description =
                    "Also print the time per step of each op type (SameDiff: through a listener; fast:"
                            + " through ND4J's op profiler; either slows the step a little).")
    boolean profile;

    @Option(
            names = "--network",
            paramLabel = "fast|samediff",
            defaultValue = "fast",
            description =
                    "AVCA's network: fast (hand-differentiated ND4J array ops, what training uses by"
                            + " default) or samediff (the SameDiff graph) (default ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--method",
            paramLabel = "NAME",
            description =
                    "Time another registered method's step (avca, devise, …) with its published UCF main"
                            + " settings (TCaF: UCF cls, on sequences of 5-11 rows), at its published"
                            + " batch size unless --batch is given (default: AVCA).")
    String method;

    @Override
    public Integer call() throws Exception {
        double[] ms;
        OpTimes ops = null;
        String methodId = method == null ? "avca" : Methods.of(method).id();
        TrainingStepBenchmark.Network net = TrainingStepBenchmark.Network.of(network);
        if (!methodId.equals("avca")) {
            if (profile) {
                throw new IllegalArgumentException(
                        "--profile times AVCA's ops only; drop it with --method " + method);
            }
            GzslMethod m = Methods.of(methodId);
            if (!spec.commandLine().getParseResult().hasMatchedOption("--batch")) {
                batch = MethodStepBenchmark.publishedBatchSize(m);
            }
            ms = MethodStepBenchmark.measure(m, batch, warmup, steps).millis();
        } else {
            AvcaConfig config = Presets.of(DatasetName.UCF, FeatureSet.MAIN).avcaConfig(512, 512);
            ops = profile ? new OpTimes() : null;
            ms = TrainingStepBenchmark.measure(config, batch, warmup, steps, net, ops).millis();
        }
        if (ops != null && net == TrainingStepBenchmark.Network.SAMEDIFF) {
            printProfile(ops, Arrays.stream(ms).sum());
        } else if (ops != null) {
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.println("ND4J op time over the " + steps + " timed steps (fast network):");
            out.println(TrainingStepBenchmark.fusedProfile());
            out.flush();
        }
        long[] sortedNs = Arrays.stream(ms).mapToLong(m -> Math.round(m * 1e6)).sorted().toArray();
        double median = new TrainingStepBenchmark.Timings(ms).median();
        double p90 = InferenceBenchmark.percentile(sortedNs, 0.90);
        double p99 = InferenceBenchmark.percentile(sortedNs, 0.99);
        double clipsPerSecond = batch / (Arrays.stream(ms).average().orElseThrow() / 1e3);
        Map<String, Object> m = new LinkedHashMap<>();
        if (method != null) {
            m.put("method", methodId);
        }
        if (method == null) {
            m.put("network", net.name().toLowerCase(java.util.Locale.ROOT));
        }
        m.put("ms_per_step_median", median);
        m.put("ms_p90", p90);
        m.put("ms_p99", p99);
        m.put("clips_per_s", clipsPerSecond);
        m.put("batch", batch);
        m.put("steps", steps);
        m.put("warmup", warmup);
        m.put("omp_wait_policy", NativeThreading.waitPolicy());
        m.put("gc", JvmRelaunch.collector());
        m.put("op_threads", NativeThreading.prepareNd4j());
        m.put("blas_threads", org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads());
        PerfOutput.print(
                spec,
                json,
                m,
                String.format(
                        java.util.Locale.ROOT,
                        (method == null ? network + " network, " : methodId + ", ")
                                + "batch %d, %d steps after %d warm-up: "
                                + "median %.1f ms/step, p90 %.1f ms, p99 %.1f ms, %.0f clips/s"
                                + (methodId.equals("avca")
                                        ? " (time the reference PyTorch step on the same"
                                                + " machine to compare: docs/performance.md)"
                                        : ""),
                        batch,
                        steps,
                        warmup,
                        median,
                        p90,
                        p99,
                        clipsPerSecond));
        return 0;
    }

    /** The op types by time per step, then the time spent outside ops (Java, dispatch, Adam). */
    private void printProfile(OpTimes ops, double totalMs) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        double inOps = 0;
        out.println("op type                        ms/step   calls/step");
        for (OpTimes.Entry e : ops.entries()) {
            double ms = e.nanos() / 1e6 / steps;
            inOps += ms;
            out.println(
                    String.format(
                            java.util.Locale.ROOT,
                            "%-28s %9.1f %12.1f",
                            e.op(),
                            ms,
                            e.count() / (double) steps));
        }
        double perStep = totalMs / steps;
        out.println(
                String.format(
                        java.util.Locale.ROOT,
                        "in ops %.1f ms/step (%d op types), outside ops %.1f ms/step",
                        inOps,
                        ops.entries().size(),
                        perStep - inOps));
        out.flush();
    }
}
