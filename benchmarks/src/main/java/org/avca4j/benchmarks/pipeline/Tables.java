package org.avca4j.benchmarks.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.avca4j.benchmarks.report.DatasetSummary;
import org.avca4j.benchmarks.report.PublishedResults;
import org.avca4j.benchmarks.report.Scores;

/**
 * The console tables of the commands (percent, two decimals), in one place so that they look alike.
 */
final class Tables {

    private Tables() {}

    /**
     * Header and one row of S, U, HM, ZSL in percent, each row led by a label of the given width.
     */
    static String figures(int labelWidth, List<String> labels, List<double[]> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-" + labelWidth + "s %8s %8s %8s %8s%n",
                        "",
                        "S",
                        "U",
                        "HM",
                        "ZSL"));
        for (int i = 0; i < labels.size(); i++) {
            double[] r = rows.get(i);
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-" + labelWidth + "s %8.2f %8.2f %8.2f %8.2f%n",
                            labels.get(i),
                            r[0],
                            r[1],
                            r[2],
                            r[3]));
        }
        return sb.toString();
    }

    /** Mean ± std over the seeds, the published figures and the difference, per dataset. */
    static String summary(List<DatasetSummary> summaries) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-32s %-12s %15s %15s %15s %15s%n",
                        "benchmark",
                        "row",
                        "S",
                        "U",
                        "HM",
                        "ZSL"));
        for (DatasetSummary s : summaries) {
            String name =
                    (s.method().equals("avca")
                                    ? ""
                                    : PublishedResults.displayName(s.method()) + " ")
                            + s.dataset()
                            + " "
                            + s.features()
                            + " ("
                            + s.runs().size()
                            + (s.runs().size() == 1 ? " seed)" : " seeds)");
            double[] mean = s.mean().toArray();
            double[] std = s.std().toArray();
            sb.append(String.format(Locale.ROOT, "%-32s %-12s", name, "this run"));
            for (int i = 0; i < mean.length; i++) {
                sb.append(
                        String.format(
                                Locale.ROOT,
                                " %15s",
                                String.format(Locale.ROOT, "%.2f ± %.2f", mean[i], std[i])));
            }
            sb.append('\n');
            row(sb, "published", s.published(), "%.2f");
            row(sb, "difference", s.difference(), "%+.2f");
        }
        return sb.toString();
    }

    private static void row(
            StringBuilder sb, String label, Optional<Scores> scores, String format) {
        sb.append(String.format(Locale.ROOT, "%-32s %-12s", "", label));
        for (int i = 0; i < Scores.NAMES.size(); i++) {
            double v = scores.isPresent() ? scores.get().toArray()[i] : Double.NaN;
            String cell = Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
            sb.append(String.format(Locale.ROOT, " %15s", cell));
        }
        sb.append('\n');
    }
}
