package org.avca4j.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.io.AtomicFiles;

/**
 * Writes the report of a reproduction into a folder: {@value #RESULTS_JSON} (schema in {@link
 * ResultsJson}), {@value #RESULTS_CSV}, {@value #REPORT_MD} and for every dataset and feature set
 * the PNG plots {@code val-hm-<dataset>-<features>.png} and {@code beta-<dataset>-<features>.png}
 * (dataset in lower case, the method first for methods other than AVCA), and, when the reproduction
 * compares methods, {@code hm-methods-<features>.png} per feature set. Each file is written to a
 * temporary file in the folder and moved into place atomically; existing files of the same name are
 * replaced.
 */
public final class ReportWriter {

    /** Machine-readable results. */
    public static final String RESULTS_JSON = "results.json";

    /** One row per dataset and feature set. */
    public static final String RESULTS_CSV = "results.csv";

    /** The human-readable report. */
    public static final String REPORT_MD = "report.md";

    private ReportWriter() {}

    /**
     * Writes every report file into {@code folder}, creating it if needed.
     *
     * @param run the reproduction
     * @param folder the output folder
     * @return the files written, in the order written: the plots, then results.json, results.csv,
     *     report.md
     * @throws IOException if the folder cannot be created or a file cannot be written
     * @throws IllegalArgumentException if the seeds of one benchmark ran with different
     *     hyper-parameters
     */
    public static List<Path> write(ReproductionRun run, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<DatasetSummary> summaries = DatasetSummary.of(run);
        List<Path> written = new ArrayList<>();
        // Plots first: once report.md and results.json are in place, everything they link to
        // exists.
        for (DatasetSummary s : summaries) {
            written.add(
                    write(
                            folder.resolve(ReportPlots.validationHmFile(s)),
                            ReportPlots.png(ReportPlots.validationHm(s))));
            written.add(
                    write(
                            folder.resolve(ReportPlots.betaFile(s)),
                            ReportPlots.png(ReportPlots.beta(s))));
        }
        for (MethodsTable table : methodsTables(run, summaries)) {
            written.add(
                    write(
                            folder.resolve(ReportPlots.methodsFile(table)),
                            ReportPlots.png(ReportPlots.methods(table))));
        }
        written.add(
                write(
                        folder.resolve(RESULTS_JSON),
                        ResultsJson.bytes(ResultsJson.build(run, summaries))));
        written.add(write(folder.resolve(RESULTS_CSV), ResultsCsv.build(run, summaries)));
        written.add(write(folder.resolve(REPORT_MD), MarkdownReport.build(run, summaries)));
        return List.copyOf(written);
    }

    /**
     * The table of every method per feature set, main first, when the reproduction compares
     * methods; none for an AVCA-only one (its report keeps the files it always had).
     */
    static List<MethodsTable> methodsTables(ReproductionRun run, List<DatasetSummary> summaries) {
        List<MethodsTable> tables = new ArrayList<>();
        if (!run.comparesMethods()) {
            return tables;
        }
        for (FeatureSet f : FeatureSet.values()) {
            MethodsTable t = MethodsTable.of(f, run.methods(), summaries);
            if (!t.isEmpty()) {
                tables.add(t);
            }
        }
        return tables;
    }

    private static Path write(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
        return target;
    }
}
