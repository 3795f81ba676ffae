package org.avca4j.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;

/**
 * The paper's Table 2 for one feature set: methods as rows, datasets as column groups of S, U, HM
 * and ZSL; for every method this run's mean ± std over the seeds, the published figures and the
 * difference. Datasets in the paper's column order (VGGSound, UCF, ActivityNet), only those run.
 */
final class MethodsTable {

    /** The paper's column order of the datasets. */
    static final List<DatasetName> COLUMN_ORDER =
            List.of(DatasetName.VGGSOUND, DatasetName.UCF, DatasetName.ACTIVITYNET);

    private final FeatureSet features;
    private final List<DatasetName> datasets;
    private final List<String> methods;
    private final List<DatasetSummary> summaries;

    private MethodsTable(
            FeatureSet features,
            List<DatasetName> datasets,
            List<String> methods,
            List<DatasetSummary> summaries) {
        this.features = features;
        this.datasets = datasets;
        this.methods = methods;
        this.summaries = summaries;
    }

    /**
     * The table of the summaries of one feature set.
     *
     * @param methods the methods in row order (those without a run of this feature set are left
     *     out)
     */
    static MethodsTable of(
            FeatureSet features, List<String> methods, List<DatasetSummary> summaries) {
        List<DatasetSummary> mine =
                summaries.stream().filter(s -> s.features() == features).toList();
        List<DatasetName> datasets =
                COLUMN_ORDER.stream()
                        .filter(d -> mine.stream().anyMatch(s -> s.dataset() == d))
                        .toList();
        List<String> rows =
                methods.stream()
                        .filter(m -> mine.stream().anyMatch(s -> s.method().equals(m)))
                        .toList();
        return new MethodsTable(features, datasets, rows, mine);
    }

    /** The feature set. */
    FeatureSet features() {
        return features;
    }

    /** The datasets, in column order. */
    List<DatasetName> datasets() {
        return datasets;
    }

    /** The methods, in row order. */
    List<String> methods() {
        return methods;
    }

    /** Whether the table has no row. */
    boolean isEmpty() {
        return methods.isEmpty();
    }

    /** The summary of a method on a dataset, if it ran. */
    Optional<DatasetSummary> cell(String method, DatasetName dataset) {
        return summaries.stream()
                .filter(s -> s.method().equals(method) && s.dataset() == dataset)
                .findFirst();
    }

    /** The published figures of a method on a dataset, if the paper gives them. */
    Optional<Scores> published(String method, DatasetName dataset) {
        return PublishedResults.of(method, dataset, features);
    }

    /** The table as Markdown: a header and three lines per method. */
    String markdown() {
        StringBuilder md = new StringBuilder("| method | row |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (DatasetName d : datasets) {
            for (String figure : Scores.NAMES) {
                md.append(' ').append(d).append(' ').append(figure).append(" |");
                rule.append("---:|");
            }
        }
        md.append('\n').append(rule).append('\n');
        for (String m : methods) {
            String name = PublishedResults.displayName(m);
            List<String> ours = new ArrayList<>();
            List<String> published = new ArrayList<>();
            List<String> difference = new ArrayList<>();
            int seeds = 0;
            for (DatasetName d : datasets) {
                Optional<DatasetSummary> s = cell(m, d);
                seeds = Math.max(seeds, s.map(x -> x.runs().size()).orElse(0));
                Optional<Scores> p = published(m, d);
                for (int i = 0; i < Scores.NAMES.size(); i++) {
                    int f = i;
                    ours.add(
                            s.map(
                                            x ->
                                                    Formats.fixed(x.mean().toArray()[f], 2)
                                                            + " ± "
                                                            + Formats.fixed(
                                                                    x.std().toArray()[f], 2))
                                    .orElse("–"));
                    published.add(
                            number(p.map(x -> x.toArray()[f]), false)
                                    + (p.isPresent() && PublishedResults.unverified(m, d, features)
                                            ? " (unverified)"
                                            : ""));
                    difference.add(
                            number(
                                    s.flatMap(
                                            x ->
                                                    p.map(
                                                            y ->
                                                                    x.mean().toArray()[f]
                                                                            - y.toArray()[f])),
                                    true));
                }
            }
            line(md, name, "ours (" + seeds + (seeds == 1 ? " seed)" : " seeds)"), ours);
            line(md, name, "published", published);
            line(md, name, "difference", difference);
        }
        return md.toString();
    }

    private static String number(Optional<Double> v, boolean signed) {
        if (v.isEmpty() || Double.isNaN(v.get())) {
            return "–";
        }
        return signed ? Formats.signed(v.get(), 2) : Formats.fixed(v.get(), 2);
    }

    private static void line(StringBuilder md, String method, String row, List<String> cells) {
        md.append("| ").append(method).append(" | ").append(row);
        for (String c : cells) {
            md.append(" | ").append(c);
        }
        md.append(" |\n");
    }
}
