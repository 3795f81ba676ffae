package org.avca4j.benchmarks.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.Precision;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.export.AvcaOnnxExporter;
import org.avca4j.trainer.export.ModelCards;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.training.NetworkFactory;
import picocli.CommandLine;
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
                    "An exported model; without it an untrained model of the published shapes (512/512) is used.")
    Path model;

    @Option(
            names = "--precision",
            defaultValue = "fp32",
            converter = PrecisionConverter.class,
            description =
                    "Weights of the untrained model: fp32 or int8 (dynamic quantisation); ignored with --model (default ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path file = model;
        Path temp = null;
        if (file == null) {
            temp = Files.createTempFile("avca4j-perf", ".onnx");
            // An untrained network of the published shapes, initialised as training starts: the
            // exported graph and its cost are those of a trained model; only the answers differ.
            try (AvcaNetwork untrained =
                    NetworkFactory.standard().create(AvcaConfig.defaults(512, 512), 42, 0)) {
                new AvcaOnnxExporter(precision).export(untrained.weights(), timingCard(51), temp);
            }
            file = temp;
        }
        try {
            InferenceBenchmark.Result r =
                    new InferenceBenchmark(file, threads, spinning)
                            .run(batch, warmup, iterations, callers);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", r.precision().label());
            m.put("batch", r.batch());
            m.put("ms_p50", r.msP50());
            m.put("ms_p90", r.msP90());
            m.put("ms_p99", r.msP99());
            m.put("clips_per_s", r.clipsPerSecond());
            m.put("sdk_overhead_pct", r.sdkOverheadPct());
            m.put("sdk_overhead_paired_pct", r.pairedOverheadPct());
            m.put("callers", r.callers());
            m.put("concurrent_clips_per_s", r.concurrentClipsPerSecond());
            PerfOutput.print(
                    spec,
                    json,
                    m,
                    String.format(
                            java.util.Locale.ROOT,
                            "%s, batch %d, %d calls: p50 %.4f ms, p90 %.4f ms, p99 %.4f ms, %.0f clips/s; "
                                    + "bare ONNX Runtime p50 %.4f ms, SDK overhead %.1f %% (paired %.1f %%); "
                                    + "%d callers: %.0f clips/s",
                            r.precision().label(),
                            r.batch(),
                            iterations,
                            r.msP50(),
                            r.msP90(),
                            r.msP99(),
                            r.clipsPerSecond(),
                            r.bareMsP50(),
                            r.sdkOverheadPct(),
                            r.pairedOverheadPct(),
                            r.callers(),
                            r.concurrentClipsPerSecond()));
            return 0;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Parses {@code --precision}. */
    public static final class PrecisionConverter implements CommandLine.ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return Precision.parse(value);
        }
    }

    /**
     * A card of {@code classes} classes whose text embeddings are distinct unit basis vectors: what
     * the vectors hold does not change the cost of classifying, so nothing random is needed.
     */
    private static ModelCard timingCard(int classes) {
        // A card needs a benchmark: the untrained model has the UCF main-features widths.
        ModelCards.Builder b =
                ModelCards.builder().setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN);
        for (int i = 0; i < classes; i++) {
            float[] e = new float[300];
            e[i % e.length] = 1f;
            b.addClass("class_" + i, i, i % 3 == 0 ? ClassRole.UNSEEN : ClassRole.SEEN, e);
        }
        return b.setDims(512, 512, 300, 64)
                .setBeta(0.4)
                .optTraining(Map.of("note", "untrained weights, for timing only"))
                .build();
    }
}
