/**
 * The report of the {@code reproduce} command: {@code results.json}, {@code results.csv}, {@code
 * report.md} and PNG plots, written from the outcome of every (dataset, features, seed) run and
 * compared with the published figures.
 *
 * <p>Callers fill {@link org.avca4j.benchmarks.report.SeedRun} and {@link
 * org.avca4j.benchmarks.report.ReproductionRun} and hand them to {@link
 * org.avca4j.benchmarks.report.ReportWriter}.
 */
package org.avca4j.benchmarks.report;
