package org.avca4j.benchmarks.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.avca4j.sdk.card.TextOrder;

/** Builds {@code report.md}: the reproduction for people to read, with links to the plots. */
final class MarkdownReport {

    private MarkdownReport() {}

    /** The report as UTF-8 Markdown. */
    static byte[] build(ReproductionRun run, List<DatasetSummary> summaries) {
        StringBuilder md = new StringBuilder();
        md.append("# AVCA reproduction report\n\n");
        md.append(
                        "Test-set figures of the full protocol: stage 1 picks the epoch E* and the calibration β* on the ")
                .append(
                        "validation split, stage 2 re-trains on all training and validation classes, and the stage-2 ")
                .append(
                        "model of epoch E* is tested with β*. S and U are the mean per-class accuracies of the seen ")
                .append(
                        "and the unseen classes with all classes competing, HM their harmonic mean, ZSL the unseen ")
                .append(
                        "accuracy with only unseen classes competing. All figures are in percent.\n\n");
        md.append("## Text order: `").append(run.textOrder().label()).append("`\n\n");
        md.append(textOrderMeaning(run.textOrder())).append("\n\n");
        boolean methods = run.comparesMethods();
        results(md, summaries, methods);
        methodsTables(md, run, summaries);
        perSeed(md, summaries, methods);
        hyperparameters(md, summaries);
        plots(md, run, summaries);
        machine(md, run);
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What the text order means for the comparison with the paper. */
    static String textOrderMeaning(TextOrder order) {
        return switch (order) {
            case REFERENCE ->
                    "The reference implementation's order: class c received the text embedding of the c-th "
                            + "class name in the order of the sorted manual names, which for most classes is another class's "
                            + "vector (79 of 101 UCF, 8 of 200 ActivityNet and 205 of 309 VGGSound classes). The published "
                            + "figures were produced this way, so this run compares with them like for like.";
            case OWN ->
                    "Every class received the text embedding of its own name (the default). The published figures "
                            + "were produced with the reference implementation's order, in which most classes receive another "
                            + "class's vector, so the differences below mix the effect of that fix with any difference of the "
                            + "re-implementation. Run with the `reference` text order to compare like for like.";
        };
    }

    /**
     * The first cells of a row: the method (only when the report compares methods), dataset,
     * features.
     */
    private static String lead(DatasetSummary s, boolean methods) {
        return "| "
                + (methods ? PublishedResults.displayName(s.method()) + " | " : "")
                + s.dataset()
                + " | "
                + s.features()
                + " | ";
    }

    private static void methodsTables(
            StringBuilder md, ReproductionRun run, List<DatasetSummary> summaries) {
        List<MethodsTable> tables = ReportWriter.methodsTables(run, summaries);
        if (tables.isEmpty()) {
            return;
        }
        md.append("## Every method, as the paper's Table 2\n\n");
        md.append(
                        "Test figures in percent: this run's mean ± sample standard deviation over the seeds, the ")
                .append(
                        "published figures and the difference (this run − published, percentage points). ")
                .append(
                        "CJME and AVGZSLNet are tested at the mean of their audio, video and both βs, as the ")
                .append("reference does (docs/protocol.md#test-beta).\n\n");
        for (MethodsTable t : tables) {
            md.append("### ").append(t.features()).append(" features\n\n");
            md.append(t.markdown()).append('\n');
            md.append("![")
                    .append(t.features())
                    .append(
                            ": test HM per method and dataset, this run beside the published figure](")
                    .append(ReportPlots.methodsFile(t))
                    .append(")\n\n");
        }
        md.append(PublishedResults.METHODS_NOTE).append("\n\n");
        if (tables.stream().anyMatch(t -> t.methods().contains("tcaf"))) {
            md.append(PublishedResults.SUCCESSORS_NOTE).append("\n\n");
        }
    }

    private static void results(StringBuilder md, List<DatasetSummary> summaries, boolean methods) {
        md.append("## Results\n\n");
        md.append(
                        "Mean ± sample standard deviation (n − 1) over the seeds; with a single seed the deviation is ")
                .append(
                        "shown as ± 0.00 but is unknown. HM is the mean of the seeds' HM. Difference = this run − published, ")
                .append("in percentage points.\n\n");
        md.append(methods ? "| method " : "")
                .append("| dataset | features | row | S | U | HM | ZSL |\n");
        md.append(methods ? "|---" : "").append("|---|---|---|---:|---:|---:|---:|\n");
        for (DatasetSummary s : summaries) {
            String lead = lead(s, methods);
            double[] mean = s.mean().toArray();
            double[] std = s.std().toArray();
            md.append(lead)
                    .append("this run (")
                    .append(s.runs().size())
                    .append(s.runs().size() == 1 ? " seed" : " seeds")
                    .append(')');
            for (int i = 0; i < mean.length; i++) {
                md.append(" | ")
                        .append(Formats.fixed(mean[i], 2))
                        .append(" ± ")
                        .append(Formats.fixed(std[i], 2));
            }
            md.append(" |\n");
            row(md, lead + "published", s.published(), false);
            row(md, lead + "difference", s.difference(), true);
        }
        md.append('\n').append(PublishedResults.SOURCE_NOTE).append("\n\n");
    }

    private static void row(
            StringBuilder md, String lead, Optional<Scores> scores, boolean signed) {
        md.append(lead);
        for (int i = 0; i < Scores.NAMES.size(); i++) {
            md.append(" | ");
            if (scores.isEmpty() || Double.isNaN(scores.get().toArray()[i])) {
                md.append("–");
            } else {
                double v = scores.get().toArray()[i];
                md.append(signed ? Formats.signed(v, 2) : Formats.fixed(v, 2));
            }
        }
        md.append(" |\n");
    }

    private static void perSeed(StringBuilder md, List<DatasetSummary> summaries, boolean methods) {
        md.append("## Every seed\n\n");
        md.append(methods ? "| method " : "")
                .append(
                        "| dataset | features | seed | S | U | HM | ZSL | β* | E* (0-based) | validation HM at E* | time |\n");
        md.append(methods ? "|---" : "")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DatasetSummary s : summaries) {
            for (SeedRun r : s.runs()) {
                md.append(lead(s, methods)).append(r.seed());
                for (double v : r.test().scaled(100).toArray()) {
                    md.append(" | ").append(Formats.fixed(v, 2));
                }
                md.append(" | ")
                        .append(Formats.fixed(r.beta(), 2))
                        .append(" | ")
                        .append(r.bestEpoch())
                        .append(" | ")
                        .append(Formats.fixed(100 * r.bestValidationHm(), 2))
                        .append(" | ")
                        .append(duration(Duration.ofMillis(Math.round(r.seconds() * 1000))))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private static void hyperparameters(StringBuilder md, List<DatasetSummary> summaries) {
        md.append("## Hyper-parameters\n\n");
        for (DatasetSummary s : summaries) {
            md.append("- ")
                    .append(
                            s.method().equals("avca")
                                    ? ""
                                    : PublishedResults.displayName(s.method()) + " ")
                    .append(s.dataset())
                    .append(' ')
                    .append(s.features())
                    .append(": ");
            if (s.hyperparameters().isEmpty()) {
                md.append("(none recorded)");
            } else {
                md.append(
                        s.hyperparameters().entrySet().stream()
                                .map(MarkdownReport::hyperparameter)
                                .collect(Collectors.joining(", ")));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String hyperparameter(Map.Entry<String, Object> e) {
        return "`" + e.getKey() + "` = " + e.getValue();
    }

    private static void plots(
            StringBuilder md, ReproductionRun run, List<DatasetSummary> summaries) {
        md.append("## Plots\n\n");
        for (DatasetSummary s : summaries) {
            String name =
                    (run.comparesMethods() ? PublishedResults.displayName(s.method()) + " " : "")
                            + s.dataset()
                            + " "
                            + s.features();
            md.append("### ").append(name).append("\n\n");
            md.append("![")
                    .append(name)
                    .append(": validation HM per epoch](")
                    .append(ReportPlots.validationHmFile(s))
                    .append(")\n\n");
            md.append("![")
                    .append(name)
                    .append(": validation S, U and HM against β at E*](")
                    .append(ReportPlots.betaFile(s))
                    .append(")\n\n");
        }
    }

    private static void machine(StringBuilder md, ReproductionRun run) {
        md.append("## Machine, versions and time\n\n");
        md.append("| | |\n|---|---|\n");
        cell(md, "operating system", run.machine().os());
        cell(md, "architecture", run.machine().arch());
        cell(md, "cores", Integer.toString(run.machine().cores()));
        cell(md, "Java", run.machine().javaVersion());
        cell(md, "avca4j", run.versions().avca4j());
        cell(md, "ONNX Runtime", run.versions().onnxRuntime());
        cell(md, "ND4J", run.versions().nd4j());
        cell(md, "started", run.started().toString());
        cell(md, "finished", run.finished().toString());
        cell(md, "time taken", duration(run.duration()));
    }

    /**
     * One row of a two-column table; a '|' in the value would end the cell early, so it is escaped.
     */
    private static void cell(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    /** A duration as {@code 1 h 02 min 03 s}, {@code 2 min 05 s} or {@code 4.2 s}. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return Formats.fixed(d.toMillis() / 1000.0, 1) + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(
                Locale.ROOT, "%d h %02d min %02d s", s / 3600, (s % 3600) / 60, s % 60);
    }
}
