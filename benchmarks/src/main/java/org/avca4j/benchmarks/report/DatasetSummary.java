package org.avca4j.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;

/**
 * The runs of one benchmark (dataset and feature set) over all seeds, with their mean, their spread
 * and the comparison with the published figures. All figures are in percent.
 *
 * @param dataset the benchmark
 * @param features its feature set
 * @param runs its runs, in ascending seed order
 * @param hyperparameters the hyper-parameters shared by the runs
 * @param mean mean test figures over the seeds
 * @param std sample standard deviation (n − 1) over the seeds; 0 for one seed
 * @param published the published figures, if the paper gives them
 */
public record DatasetSummary(
        DatasetName dataset,
        FeatureSet features,
        List<SeedRun> runs,
        Map<String, Object> hyperparameters,
        Scores mean,
        Scores std,
        Optional<Scores> published) {

    /** Mean minus published, in percentage points, if there are published figures. */
    public Optional<Scores> difference() {
        return published.map(mean::minus);
    }

    /** The seeds in ascending order. */
    public List<Long> seeds() {
        return runs.stream().map(SeedRun::seed).toList();
    }

    /** The method of these runs. */
    public String method() {
        return runs.get(0).method();
    }

    /**
     * The stem of this benchmark's file names, e.g. {@code ucf-main}, with the method first for
     * methods other than AVCA ({@code devise-ucf-main}).
     */
    public String fileStem() {
        String stem = dataset.folder().toLowerCase(Locale.ROOT) + "-" + features.label();
        return method().equals("avca") ? stem : method() + "-" + stem;
    }

    /**
     * Groups the runs of a reproduction by method, dataset and feature set: methods in the order of
     * the paper's table, then UCF, ActivityNet, VGGSound and main before cls.
     *
     * @throws IllegalArgumentException if the seeds of one benchmark ran with different
     *     hyper-parameters
     */
    public static List<DatasetSummary> of(ReproductionRun reproduction) {
        List<SeedRun> sorted = new ArrayList<>(reproduction.runs());
        List<String> methods = reproduction.methods();
        sorted.sort(
                Comparator.<SeedRun>comparingInt(r -> methods.indexOf(r.method()))
                        .thenComparing(SeedRun::dataset)
                        .thenComparing(SeedRun::features)
                        .thenComparingLong(SeedRun::seed));
        Map<String, List<SeedRun>> byBenchmark = new LinkedHashMap<>();
        for (SeedRun r : sorted) {
            byBenchmark
                    .computeIfAbsent(
                            r.method() + "/" + r.dataset().name() + "/" + r.features().name(),
                            k -> new ArrayList<>())
                    .add(r);
        }
        List<DatasetSummary> summaries = new ArrayList<>();
        for (List<SeedRun> group : byBenchmark.values()) {
            summaries.add(summarise(group));
        }
        return summaries;
    }

    private static DatasetSummary summarise(List<SeedRun> group) {
        SeedRun first = group.get(0);
        for (SeedRun r : group) {
            if (!r.hyperparameters().equals(first.hyperparameters())) {
                throw new IllegalArgumentException(
                        first.method()
                                + " "
                                + first.dataset()
                                + "/"
                                + first.features()
                                + ": seed "
                                + r.seed()
                                + " ran with hyper-parameters "
                                + r.hyperparameters()
                                + " but seed "
                                + first.seed()
                                + " with "
                                + first.hyperparameters()
                                + "; one summary needs the same hyper-parameters");
            }
        }
        // byFigure[f][i]: figure f (S, U, HM, ZSL) of seed i, in percent
        double[][] byFigure = new double[Scores.NAMES.size()][group.size()];
        for (int i = 0; i < group.size(); i++) {
            double[] figures = group.get(i).test().scaled(100).toArray();
            for (int f = 0; f < figures.length; f++) {
                byFigure[f][i] = figures[f];
            }
        }
        double[] mean = new double[byFigure.length];
        double[] std = new double[byFigure.length];
        for (int f = 0; f < byFigure.length; f++) {
            mean[f] = Statistics.mean(byFigure[f]);
            std[f] = Statistics.sampleStd(byFigure[f]);
        }
        return new DatasetSummary(
                first.dataset(),
                first.features(),
                List.copyOf(group),
                first.hyperparameters(),
                Scores.fromArray(mean),
                Scores.fromArray(std),
                PublishedResults.of(first.method(), first.dataset(), first.features()));
    }
}
