package org.avca4j.benchmarks.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.util.List;
import org.avca4j.sdk.evaluation.GzslResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two plots of a benchmark: validation HM per epoch of both stages, and validation S, U and HM
 * against β at E*. One set of lines per seed; figures in percent.
 */
final class ReportPlots {

    /** Width of every plot in pixels. */
    static final int WIDTH = 900;
    /** Height of every plot in pixels. */
    static final int HEIGHT = 540;

    static {
        // Plots are drawn off screen; without this a JVM on a machine with no display may fail in AWT.
        // An explicit setting by the user is kept.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportPlots() {
    }

    /** File name of the validation-HM plot, e.g. {@code val-hm-ucf-main.png}. */
    static String validationHmFile(DatasetSummary summary) {
        return "val-hm-" + summary.fileStem() + ".png";
    }

    /** File name of the β plot, e.g. {@code beta-ucf-main.png}. */
    static String betaFile(DatasetSummary summary) {
        return "beta-" + summary.fileStem() + ".png";
    }

    /** Validation HM after every epoch, stage 1 solid and stage 2 dashed, with E* marked. */
    static XYChart validationHm(DatasetSummary summary) {
        XYChart chart = newChart(summary.dataset() + " " + summary.features()
                        + ": validation HM per epoch (E* marked on stage 1)", "epoch (0-based)",
                "validation HM (%)");
        for (SeedRun run : summary.runs()) {
            addLine(chart, "stage 1, seed " + run.seed(), run.stage1ValidationHm(), SeriesLines.SOLID);
            if (!run.stage2ValidationHm().isEmpty()) {
                addLine(chart, "stage 2, seed " + run.seed(), run.stage2ValidationHm(), SeriesLines.DASH_DASH);
            }
            addPoint(chart, "E* = " + run.bestEpoch() + ", seed " + run.seed(), run.bestEpoch(),
                    100 * run.bestValidationHm());
        }
        return chart;
    }

    /** Validation S, U and HM against β at stage-1 epoch E*, with β* marked on the HM line. */
    static XYChart beta(DatasetSummary summary) {
        XYChart chart = newChart(summary.dataset() + " " + summary.features()
                + ": validation S, U and HM against \u03b2 at E* of stage 1", "calibration \u03b2", "validation accuracy (%)");
        for (SeedRun run : summary.runs()) {
            List<GzslResult.BetaPoint> curve = run.betaCurve();
            double[] beta = curve.stream().mapToDouble(GzslResult.BetaPoint::beta).toArray();
            String seed = ", seed " + run.seed();
            chart.addSeries("S" + seed, beta, percent(curve.stream().mapToDouble(GzslResult.BetaPoint::seen).toArray()));
            chart.addSeries("U" + seed, beta, percent(curve.stream().mapToDouble(GzslResult.BetaPoint::unseen).toArray()));
            XYSeries hm = chart.addSeries("HM" + seed, beta,
                    percent(curve.stream().mapToDouble(GzslResult.BetaPoint::harmonicMean).toArray()));
            hm.setLineStyle(SeriesLines.DASH_DASH);
            GzslResult.BetaPoint best = curve.stream().min((a, b) -> Double.compare(
                    Math.abs(a.beta() - run.beta()), Math.abs(b.beta() - run.beta()))).orElseThrow();
            addPoint(chart, String.format(java.util.Locale.ROOT, "\u03b2* = %.2f%s", run.beta(), seed),
                    best.beta(), 100 * best.harmonicMean());
        }
        return chart;
    }

    /**
     * The chart as PNG bytes.
     *
     * @throws IOException if the image cannot be encoded
     */
    static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setMarkerSize(5);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.#");
        return chart;
    }

    private static void addLine(XYChart chart, String name, List<Double> fractions, BasicStroke style) {
        double[] x = new double[fractions.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        XYSeries series = chart.addSeries(name, x, percent(fractions.stream().mapToDouble(Double::doubleValue).toArray()));
        series.setLineStyle(style);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static void addPoint(XYChart chart, String name, double x, double y) {
        XYSeries point = chart.addSeries(name, new double[] {x}, new double[] {y});
        point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        point.setMarker(SeriesMarkers.DIAMOND);
    }

    private static double[] percent(double[] fractions) {
        double[] p = new double[fractions.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 100 * fractions[i];
        }
        return p;
    }
}
