package org.avca4j.benchmarks.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.avca4j.benchmarks.cli.BenchmarkOptions;
import org.avca4j.benchmarks.report.DatasetSummary;
import org.avca4j.benchmarks.report.PublishedResults;
import org.avca4j.benchmarks.report.ReportWriter;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.io.OutputFolder;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.training.BestEpochRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reproduce}: the full protocol of the paper for some methods (AVCA by default; {@code all}:
 * every registered method of Table 2, each by its own protocol; the successors TCaF and ClipClap by
 * id), each reading its datasets in its own layout ({@code --data LAYOUT=ROOT}, {@link DataRoots}),
 * and one or all datasets over several seeds, each tested model exported and evaluated through the
 * SDK, and the report (report.md, results.json, results.csv, plots) compared with the published
 * table.
 */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {
            "Reproduce the published table: for each dataset and seed the two-stage protocol, export of "
                    + "the tested model to ONNX and its evaluation through the SDK; then report.md, results.json, "
                    + "results.csv and plots in --out.",
            "Resumable: run the same command again to reuse finished seeds and continue unfinished ones."
        })
public final class ReproduceCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "[LAYOUT=]ROOT",
            converter = DataRootConverter.class,
            description = {
                "Data root holding <Dataset>/ folders (repeatable; docs/results.md#data-roots)."
                        + " LAYOUT=ROOT (avca, tcaf or clipclap) names the root of one layout, read"
                        + " in that layout by the methods whose data are in it: tcaf the TCaF layout,"
                        + " clipclap the ClipClap layout, the others the AVCA layout. A plain ROOT"
                        + " serves every method without a root of its own layout, in the layout its"
                        + " dataset folder holds if the method reads it (vector methods: AVCA or"
                        + " ClipClap, e.g. AVCA on ClipClap's CLIP/CLAP features; tcaf: TCaF)."
                        + " A method left without a root fails before anything is read."
            })
    List<DataRoots.Entry> data;

    @Option(
            names = "--methods",
            defaultValue = "avca",
            paramLabel = "IDS",
            completionCandidates = MethodChoice.Ids.class,
            description =
                    "Comma-separated methods, of ${COMPLETION-CANDIDATES}; or all: every registered"
                            + " method of the paper's Table 2, not the successors (default:"
                            + " ${DEFAULT-VALUE}). Each has its own run folders; f-VAEGAN-D2 takes"
                            + " --epochs, --batches and --batch-size as nepoch, n_batches and"
                            + " batch_size.")
    String methods;

    @Option(
            names = "--set",
            paramLabel = "NAME=VALUE",
            description =
                    "Override a setting of the methods' published presets (repeatable); METHOD.NAME=VALUE"
                            + " changes one method only. The run folders record the settings.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--best-epoch",
            defaultValue = "reference",
            paramLabel = "RULE",
            converter = BestEpochRuleConverter.class,
            description =
                    "How stage 1 chooses E*: reference (default: a better HM, or any epoch while the best HM"
                            + " is 0, as the reference code does) or first-maximum (docs/protocol.md#best-epoch).")
    BestEpochRule bestEpochRule;

    @Option(
            names = "--dataset",
            required = true,
            paramLabel = "NAME",
            description = "UCF, ActivityNet, VGGSound or all.")
    String dataset;

    @Option(
            names = "--features",
            defaultValue = "main",
            paramLabel = "SET",
            converter = BenchmarkOptions.FeatureSetConverter.class,
            description = "main or cls (default: ${DEFAULT-VALUE}); the class split follows.")
    FeatureSet features;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "42",
            paramLabel = "N",
            description = "Comma-separated seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(
            names = "--text-order",
            defaultValue = "own",
            paramLabel = "ORDER",
            converter = BenchmarkOptions.TextOrderConverter.class,
            description =
                    "own (default) or reference: the reference code's order, which the published numbers used (docs/protocol.md#text-order).")
    TextOrder textOrder;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Epochs per stage (default: the preset's, 50).")
    Integer epochs;

    @Option(
            names = "--batches",
            paramLabel = "N",
            description = "Batches per epoch (default: the preset's, 500).")
    Integer batches;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Clips per batch (default: the preset's).")
    Integer batchSize;

    @Option(
            names = "--out",
            defaultValue = "reproduce-out",
            paramLabel = "DIR",
            description =
                    "Run folders and report (default: ${DEFAULT-VALUE}); locked while the command runs.")
    Path out;

    /**
     * Architecture change for tests (narrow layers); the command line always trains the published
     * one.
     */
    UnaryOperator<AvcaConfig> architecture = UnaryOperator.identity();

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        List<DatasetName> datasets =
                "all".equalsIgnoreCase(dataset.trim())
                        ? List.of(DatasetName.UCF, DatasetName.ACTIVITYNET, DatasetName.VGGSOUND)
                        : List.of(DatasetName.parse(dataset.trim()));
        FeatureSet featureSet = features;
        List<GzslMethod> chosen = MethodChoice.methods(MethodChoice.parse(methods));
        PresetChanges changes =
                new PresetChanges(
                        new TrainingOverrides(
                                epochs,
                                batches,
                                batchSize,
                                bestEpochRule == BestEpochRule.REFERENCE ? null : bestEpochRule),
                        architecture,
                        settings);
        MethodChoice.checkOverrides(chosen, datasets, featureSet, changes);
        Reproduction.Builder reproduction =
                dataRoots(Reproduction.builder())
                        .optMethods(chosen)
                        .setDatasets(datasets)
                        .setFeatureSet(featureSet)
                        .setOut(out)
                        .optSeeds(seeds)
                        .optTextOrder(textOrder)
                        .optPresetChanges(changes);
        console.printf(
                Locale.ROOT,
                "Reproducing %s on %s %s from %s, seeds %s, text order %s%s; output in %s%n",
                chosen.stream().map(GzslMethod::displayName).toList(),
                datasets,
                featureSet,
                data.stream()
                        .map(e -> (e.layout() == null ? "" : e.layout().label() + "=") + e.root())
                        .toList(),
                seeds,
                textOrder.label(),
                overridesText(),
                out);
        Reproduction run = reproduction.build();
        // A method without a root of its layout is refused before the output folder exists.
        run.checkDataRoots();
        Reproduction.Result result;
        try (OutputFolder lock = OutputFolder.lock(out)) {
            result = run.run();
        }

        List<String> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (SeedOutcome o : result.outcomes()) {
            labels.add(
                    (o.seedRun().method().equals("avca")
                                    ? ""
                                    : PublishedResults.displayName(o.seedRun().method()) + " ")
                            + o.seedRun().dataset()
                            + " "
                            + o.seedRun().features()
                            + " seed "
                            + o.seedRun().seed()
                            + String.format(
                                    Locale.ROOT,
                                    // β* of the grid with one decimal, a mean of three βs with four
                                    o.protocol().testBetaRule() == TestBetaRule.BOTH
                                            ? " (E* %d, beta %.1f)"
                                            : " (E* %d, beta %.4f)",
                                    o.protocol().testEpoch(),
                                    o.protocol().testBeta()));
            rows.add(o.percent());
        }
        console.println();
        console.println(
                "Test figures per seed (percent; through the SDK where the model was exported):");
        console.print(Tables.figures(52, labels, rows));
        for (SeedOutcome o : result.outcomes()) {
            if (!o.exported()) {
                continue;
            }
            if (o.maxDeviation() > SeedRunner.AGREEMENT_TOLERANCE
                    || o.sdk().classifierAgreements() != o.sdk().clips()) {
                console.printf(
                        Locale.ROOT,
                        "note: %s: SDK and protocol differ by up to %.2e (%d of %d SDK labels "
                                + "agree); see the log%n",
                        o.runFolder().getFileName(),
                        o.maxDeviation(),
                        o.sdk().classifierAgreements(),
                        o.sdk().clips());
            }
        }
        console.println();
        console.println(
                "Mean ± std over the seeds vs published (percent), text order "
                        + textOrder.label()
                        + ":");
        console.print(Tables.summary(DatasetSummary.of(result.run())));
        console.println();
        console.println(
                "Report: "
                        + out.resolve(ReportWriter.REPORT_MD)
                        + " (with results.json, results.csv and plots in "
                        + out
                        + ")");
        return 0;
    }

    /**
     * The {@code --data} roots into the builder.
     *
     * @throws IllegalArgumentException if two plain roots, or two roots of one layout, are given
     */
    private Reproduction.Builder dataRoots(Reproduction.Builder b) {
        Path plain = null;
        for (DataRoots.Entry e : data) {
            if (e.layout() != null) {
                b.optLayoutRoot(e.layout(), e.root());
            } else if (plain != null) {
                throw new IllegalArgumentException(
                        "--data: two plain roots, "
                                + plain
                                + " and "
                                + e.root()
                                + ": name the layout of each (--data LAYOUT=ROOT, LAYOUT one of "
                                + String.join(", ", DataLayout.labels())
                                + ")");
            } else {
                plain = e.root();
                b.setDataRoot(plain);
            }
        }
        return b;
    }

    /** Parses {@code ROOT} or {@code LAYOUT=ROOT} ({@link DataRoots.Entry#parse}). */
    static final class DataRootConverter implements CommandLine.ITypeConverter<DataRoots.Entry> {
        @Override
        public DataRoots.Entry convert(String value) {
            try {
                return DataRoots.Entry.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code reference} or {@code first-maximum}. */
    static final class BestEpochRuleConverter implements CommandLine.ITypeConverter<BestEpochRule> {
        @Override
        public BestEpochRule convert(String value) {
            for (BestEpochRule r : BestEpochRule.values()) {
                if (label(r).equalsIgnoreCase(value.trim())) {
                    return r;
                }
            }
            throw new CommandLine.TypeConversionException(
                    "expected reference or first-maximum, got '" + value + "'");
        }

        static String label(BestEpochRule r) {
            return r.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private String overridesText() {
        StringBuilder sb = new StringBuilder();
        if (epochs != null) {
            sb.append(", epochs ").append(epochs);
        }
        if (batches != null) {
            sb.append(", batches ").append(batches);
        }
        if (batchSize != null) {
            sb.append(", batch size ").append(batchSize);
        }
        if (bestEpochRule != BestEpochRule.REFERENCE) {
            sb.append(", best epoch ").append(BestEpochRuleConverter.label(bestEpochRule));
        }
        settings.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
