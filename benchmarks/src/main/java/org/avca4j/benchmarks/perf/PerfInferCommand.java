package org.avca4j.benchmarks.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.trainer.export.AvcaOnnxExporter;
import org.avca4j.trainer.export.RandomWeights;
import org.avca4j.trainer.model.AvcaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code infer}: latency, throughput and SDK overhead of classification on an exported model. */
@Command(
        name = "infer",
        mixinStandardHelpOptions = true,
        description =
                "Times classification through the SDK (and a bare ONNX Runtime session) on an exported model.")
public final class PerfInferCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--batch",
            defaultValue = "1",
            description = "Clips per call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--iterations",
            defaultValue = "2000",
            description = "Timed calls (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "200",
            description = "Untimed calls first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description =
                    "ONNX Runtime intra-op threads; 0 lets it choose (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--spinning",
            description =
                    "Let ONNX Runtime's idle threads busy-wait (its own default; the SDK's default is off).")
    boolean spinning;

    @Option(
            names = "--callers",
            defaultValue = "1",
            description =
                    "Also time this many threads sharing one classifier, each making --iterations calls (default ${DEFAULT-VALUE}).")
    int callers;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description =
                    "An exported model; without it a random-weight model of the published shapes (512/512) is used.")
    Path model;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path file = model;
        Path temp = null;
        if (file == null) {
            temp = Files.createTempFile("avca4j-perf", ".onnx");
            new AvcaOnnxExporter()
                    .export(
                            RandomWeights.of(AvcaConfig.defaults(512, 512), 42),
                            randomCard(51),
                            temp);
            file = temp;
        }
        try {
            InferenceBenchmark.Result r =
                    new InferenceBenchmark(file, threads, spinning)
                            .run(batch, warmup, iterations, callers);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batch", r.batch());
            m.put("ms_p50", r.msP50());
            m.put("ms_p90", r.msP90());
            m.put("ms_p99", r.msP99());
            m.put("clips_per_s", r.clipsPerSecond());
            m.put("sdk_overhead_pct", r.sdkOverheadPct());
            m.put("callers", r.callers());
            m.put("concurrent_clips_per_s", r.concurrentClipsPerSecond());
            PerfOutput.print(
                    spec,
                    json,
                    m,
                    String.format(
                            java.util.Locale.ROOT,
                            "batch %d, %d calls: p50 %.4f ms, p90 %.4f ms, p99 %.4f ms, %.0f clips/s; "
                                    + "bare ONNX Runtime p50 %.4f ms, SDK overhead %.1f %%; "
                                    + "%d callers: %.0f clips/s",
                            r.batch(),
                            iterations,
                            r.msP50(),
                            r.msP90(),
                            r.msP99(),
                            r.clipsPerSecond(),
                            r.bareMsP50(),
                            r.sdkOverheadPct(),
                            r.callers(),
                            r.concurrentClipsPerSecond()));
            return 0;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static ModelCard randomCard(int classes) {
        Random random = new Random(43);
        ModelCard.Builder b =
                ModelCard.builder().setDataset("random", "main_features", "main_split");
        float[][] embeddings = RandomWeights.unitRows(classes, 300, random);
        for (int i = 0; i < classes; i++) {
            float[] e = embeddings[i];
            b.addClass("class_" + i, i, i % 3 == 0 ? ClassRole.UNSEEN : ClassRole.SEEN, e);
        }
        ObjectNode training =
                new ObjectMapper().createObjectNode().put("note", "random weights for timing");
        return b.optDims(512, 512, 300, 64).setBeta(0.4).optTraining(training).build();
    }
}
