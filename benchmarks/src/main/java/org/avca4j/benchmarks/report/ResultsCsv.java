package org.avca4j.benchmarks.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@code results.csv}: one row per dataset and feature set, for spreadsheets; when the
 * reproduction compares methods, one per method, dataset and feature set, with a first column
 * {@code method}. Figures in percent with 4 decimals; the published and difference columns are
 * empty where the paper gives no figures. {@code *_std} is the sample standard deviation (n − 1), 0
 * for a single seed.
 */
final class ResultsCsv {

    /** The header line. */
    static final String HEADER = header();

    private ResultsCsv() {}

    /** The CSV text as UTF-8, header first, lines ending in {@code \n}. */
    static byte[] build(ReproductionRun run, List<DatasetSummary> summaries) {
        boolean methods = run.comparesMethods();
        StringBuilder csv = new StringBuilder(methods ? "method," + HEADER : HEADER).append('\n');
        for (DatasetSummary s : summaries) {
            List<String> row = new ArrayList<>();
            if (methods) {
                row.add(s.method());
            }
            row.add(s.dataset().folder());
            row.add(s.features().label());
            row.add(run.textOrder().label());
            row.add(Integer.toString(s.runs().size()));
            double[] mean = s.mean().toArray();
            double[] std = s.std().toArray();
            for (int i = 0; i < mean.length; i++) {
                row.add(Formats.fixed(mean[i], 4));
                row.add(Formats.fixed(std[i], 4));
            }
            addOptional(row, s.published());
            addOptional(row, s.difference());
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void addOptional(List<String> row, Optional<Scores> scores) {
        for (int i = 0; i < Scores.NAMES.size(); i++) {
            double v = scores.isPresent() ? scores.get().toArray()[i] : Double.NaN;
            row.add(Double.isNaN(v) ? "" : Formats.fixed(v, 4));
        }
    }

    private static String header() {
        List<String> columns =
                new ArrayList<>(List.of("dataset", "features", "text_order", "seeds"));
        for (String name : Scores.NAMES) {
            columns.add(name + "_mean");
            columns.add(name + "_std");
        }
        for (String name : Scores.NAMES) {
            columns.add(name + "_published");
        }
        for (String name : Scores.NAMES) {
            columns.add(name + "_difference");
        }
        return String.join(",", columns);
    }
}
