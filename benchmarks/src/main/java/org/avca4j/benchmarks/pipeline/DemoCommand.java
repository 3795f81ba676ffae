package org.avca4j.benchmarks.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.avca4j.benchmarks.cli.ConsoleProgress;
import org.avca4j.benchmarks.report.MachineInfo;
import org.avca4j.benchmarks.report.ReportWriter;
import org.avca4j.benchmarks.report.ReproductionRun;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.Precision;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.BenchmarkReader;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.export.ModelCards;
import org.avca4j.trainer.io.OutputFolder;
import org.avca4j.trainer.model.AvcaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole tool chain in a few minutes on invented data — a synthetic UCF-shaped
 * benchmark written in the published layout, the two-stage protocol, ONNX export, classification of
 * the test clips through the SDK (including classes never seen in training) and a report.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "End-to-end demo on synthetic data (no download): write a UCF-shaped benchmark with invented "
                    + "classes, train AVCA with the two-stage protocol, export it to ONNX, classify the test clips "
                    + "through the SDK and write a report.",
            "Takes a few minutes on two cores."
        })
public final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    private static final int HEADS = 3;

    @Option(
            names = "--out",
            defaultValue = "demo-out",
            paramLabel = "DIR",
            description =
                    "Output folder: data/, run/ (checkpoints, model.onnx), report/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the data and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--precision",
            defaultValue = "fp32",
            converter = org.avca4j.benchmarks.perf.PerfInferCommand.PrecisionConverter.class,
            description =
                    "int8: also export the model with INT8 weights and compare its test figures with FP32's (default ${DEFAULT-VALUE}).")
    Precision precision;

    // The demo's size: about two minutes of training on two cores, with clear transfer to unseen
    // classes.
    // Package-private so that a smoke test can shrink it. The text embeddings are 30-d instead of
    // the
    // real 300-d (the architecture follows: 3 heads of 10): the invented classes have random
    // embeddings, and an unseen class can only be recognised from what the training classes taught
    // where its embedding lies mostly in their span — 32 training classes span most of 30-d, but
    // little of 300-d (measured: ZSL about 4x chance with 30-d, barely above chance with 300-d).
    int classes = 40;
    int clipsPerClass = 16;
    int audioDim = 512;
    int videoDim = 512;
    int textDim = 30;
    int epochs = 3;
    int batches = 25;
    int batchSize = 64;
    UnaryOperator<AvcaConfig> architecture = UnaryOperator.identity();

    @Override
    public Integer call() throws Exception {
        try (OutputFolder lock = OutputFolder.lock(out)) {
            return demo();
        }
    }

    private int demo() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Instant started = Instant.now();
        Path data = out.resolve("data");
        Path runFolder = out.resolve("run");
        Path reportFolder = out.resolve("report");

        step(
                console,
                1,
                "Writing a synthetic UCF-shaped benchmark to "
                        + data
                        + ": "
                        + classes
                        + " invented classes, "
                        + clipsPerClass
                        + " clips per class and folder, "
                        + audioDim
                        + "-d audio and "
                        + videoDim
                        + "-d video");
        SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optClasses(classes)
                .optClipsPerClass(clipsPerClass)
                .optWidths(audioDim, videoDim)
                .optTextDim(textDim)
                .optSeed(seed)
                .build()
                .write(data);

        step(console, 2, "Reading it back as a benchmark");
        Benchmark benchmark =
                BenchmarkReader.builder()
                        .setRoot(data)
                        .setDataset(DatasetName.UCF)
                        .optTextOrder(TextOrder.OWN)
                        .build()
                        .read();
        ClipSet test = benchmark.test();
        console.printf(
                Locale.ROOT,
                "   stage-1 training: %d clips of %d classes; validation: %d + %d classes; "
                        + "test: %d clips, %d seen + %d unseen classes%n",
                benchmark.stage1Train().size(),
                benchmark.stage1Train().seenClasses().length,
                benchmark.stage1Val().seenClasses().length,
                benchmark.stage1Val().unseenClasses().length,
                test.size(),
                test.seenClasses().length,
                test.unseenClasses().length);

        step(
                console,
                3,
                "Training AVCA with the two-stage protocol in "
                        + runFolder
                        + ": "
                        + epochs
                        + " epochs of "
                        + batches
                        + " batches of "
                        + batchSize
                        + " per stage (UCF main preset otherwise; "
                        + textDim
                        + "-d text, "
                        + HEADS
                        + " attention heads of "
                        + textDim / HEADS
                        + ")");
        SeedRunner runner =
                SeedRunner.builder()
                        .setBenchmark(benchmark)
                        .setRunFolder(runFolder)
                        .optSeed(seed)
                        .optPresetChanges(
                                new PresetChanges(
                                        new TrainingOverrides(epochs, batches, batchSize),
                                        cfg -> architecture.apply(withTextDim(cfg, textDim))))
                        .optListener(new ConsoleProgress("demo"))
                        .build();
        SeedOutcome o = runner.run();
        SdkEvaluation.Result quantised = null;
        if (precision == Precision.INT8) {
            Path int8 = runFolder.resolve("model-int8.onnx");
            ModelCards.export(
                    runner.trainer(),
                    benchmark,
                    o.sharedResult(),
                    o.runFolder(),
                    int8,
                    Precision.INT8);
            quantised = SdkEvaluation.evaluate(int8, benchmark, OptionalDouble.empty());
        }

        step(console, 4, "Classifying the test clips through the SDK with " + o.model());
        printExamples(console, o.model(), benchmark);

        step(console, 5, "Writing the report to " + reportFolder);
        ReproductionRun run =
                new ReproductionRun(
                        List.of(o.seedRun()),
                        MachineInfo.current(),
                        Versions.current(),
                        started,
                        Instant.now());
        ReportWriter.write(run, reportFolder);

        int candidates = test.candidateClasses().length;
        int unseen = test.unseenClasses().length;
        console.println();
        console.printf(
                Locale.ROOT,
                "Test figures (percent; stage-2 model of epoch E* = %d, beta* = %.1f):%n",
                o.protocol().testEpoch(),
                o.protocol().testBeta());
        console.print(
                Tables.figures(
                        22,
                        quantised == null
                                ? List.of("AVCA (through the SDK)", "chance")
                                : List.of("AVCA (through the SDK)", "AVCA INT8 (SDK)", "chance"),
                        withChance(
                                quantised == null
                                        ? List.of(o.sdk().percent())
                                        : List.of(o.sdk().percent(), quantised.percent()),
                                candidates,
                                unseen)));
        if (quantised != null) {
            double[] f = o.sdk().percent();
            double[] q = quantised.percent();
            console.printf(
                    Locale.ROOT,
                    "INT8 - FP32 (points): S %+.2f, U %+.2f, HM %+.2f, ZSL %+.2f%n",
                    q[0] - f[0],
                    q[1] - f[1],
                    q[2] - f[2],
                    q[3] - f[3]);
        }
        console.printf(
                Locale.ROOT,
                "(chance: a uniform guess among the %d test candidates, or among the %d unseen "
                        + "classes for ZSL)%n",
                candidates,
                unseen);
        console.printf(
                Locale.ROOT,
                "The protocol's own test on the SameDiff network differs by at most %.1e "
                        + "(fraction); the SDK classifier's labels equal these predictions for %d of %d clips.%n",
                o.maxDeviation(),
                o.sdk().classifierAgreements(),
                o.sdk().clips());
        console.println();
        console.println("Model:  " + o.model());
        console.println(
                "Report: "
                        + reportFolder.resolve(ReportWriter.REPORT_MD)
                        + " (synthetic data: its comparison with the published UCF figures does not apply)");
        console.printf(
                Locale.ROOT,
                "Done in %.0f s.%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return 0;
    }

    /** The rows, then the chance row. */
    private static List<double[]> withChance(List<double[]> rows, int candidates, int unseen) {
        List<double[]> out = new ArrayList<>(rows);
        out.add(
                new double[] {
                    100.0 / candidates, 100.0 / candidates, 100.0 / candidates, 100.0 / unseen
                });
        return out;
    }

    /** One clip of every unseen test class, classified by the SDK among all test candidates. */
    private static void printExamples(PrintWriter console, Path model, Benchmark benchmark)
            throws java.io.IOException {
        ClipSet test = benchmark.test();
        List<String> candidates = new ArrayList<>();
        for (int id : test.candidateClasses()) {
            candidates.add(benchmark.classNames().get(id));
        }
        try (ZeroShotClassifier classifier =
                ZeroShotClassifier.builder()
                        .setModel(model)
                        .optCandidates(candidates)
                        .optTopK(3)
                        .build()) {
            console.printf(
                    Locale.ROOT,
                    "   %d candidate classes (%d never seen in training), beta %.1f from the "
                            + "model card; one clip of each unseen class:%n",
                    candidates.size(),
                    test.unseenClasses().length,
                    classifier.beta());
            for (int unseenId : test.unseenClasses()) {
                int clip = firstClipOf(test, unseenId);
                float[] audio =
                        Arrays.copyOfRange(
                                test.audio(), clip * test.audioDim(), (clip + 1) * test.audioDim());
                float[] video =
                        Arrays.copyOfRange(
                                test.video(), clip * test.videoDim(), (clip + 1) * test.videoDim());
                Prediction p = classifier.classify(audio, video);
                String truth = benchmark.classNames().get(unseenId);
                console.printf(
                        Locale.ROOT,
                        "   %-22s true %-10s -> %-10s (%s, distance %.3f) %s%n",
                        test.urls()[clip],
                        truth,
                        p.label(),
                        p.role(),
                        p.distance(),
                        p.label().equals(truth) ? "correct" : "wrong");
            }
        }
    }

    /**
     * The architecture for text embeddings of another width: the attention width follows the
     * text's.
     */
    private static AvcaConfig withTextDim(AvcaConfig c, int textDim) {
        return new AvcaConfig(
                c.audioDim(),
                c.videoDim(),
                textDim,
                c.encoderHidden(),
                c.projHidden(),
                c.outDim(),
                HEADS,
                textDim / HEADS,
                c.mlpDim(),
                c.dropoutEnc(),
                c.dropoutProj(),
                c.dropoutDec(),
                c.momentum());
    }

    private static int firstClipOf(ClipSet set, int classId) {
        for (int i = 0; i < set.size(); i++) {
            if (set.labels()[i] == classId) {
                return i;
            }
        }
        throw new IllegalStateException("no clip of class " + classId + " in " + set.name());
    }

    private static void step(PrintWriter console, int n, String what) {
        console.printf(Locale.ROOT, "[%d/5] %s%n", n, what);
        console.flush();
    }
}
