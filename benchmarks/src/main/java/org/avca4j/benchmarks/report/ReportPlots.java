package org.avca4j.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.evaluation.GzslResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
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
        // Plots are drawn off screen; without this a JVM on a machine with no display may fail in
        // AWT.
        // An explicit setting by the user is kept.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Distinct colours (matplotlib's tab10), used per seed or per figure. */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
                new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
                new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)
    };

    /** Line styles that tell seeds apart where colour tells figures apart. */
    private static final BasicStroke[] SEED_STYLES = {
        SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT
    };

    private ReportPlots() {}

    /** File name of the validation-HM plot, e.g. {@code val-hm-ucf-main.png}. */
    static String validationHmFile(DatasetSummary summary) {
        return "val-hm-" + summary.fileStem() + ".png";
    }

    /** File name of the β plot, e.g. {@code beta-ucf-main.png}. */
    static String betaFile(DatasetSummary summary) {
        return "beta-" + summary.fileStem() + ".png";
    }

    /**
     * Validation HM after every epoch, one colour per seed, stage 1 solid and stage 2 dashed, with
     * E* marked on stage 1.
     */
    static XYChart validationHm(DatasetSummary summary) {
        XYChart chart =
                newChart(
                        summary.dataset()
                                + " "
                                + summary.features()
                                + ": validation HM per epoch (E* marked on stage 1)",
                        "epoch (0-based)",
                        "validation HM (%)");
        List<SeedRun> runs = summary.runs();
        for (int i = 0; i < runs.size(); i++) {
            SeedRun run = runs.get(i);
            Color colour = PALETTE[i % PALETTE.length];
            addLine(
                    chart,
                    "stage 1, seed " + run.seed(),
                    epochs(run.stage1ValidationHm().size()),
                    percent(run.stage1ValidationHm()),
                    SeriesLines.SOLID,
                    colour);
            if (!run.stage2ValidationHm().isEmpty()) {
                addLine(
                        chart,
                        "stage 2, seed " + run.seed(),
                        epochs(run.stage2ValidationHm().size()),
                        percent(run.stage2ValidationHm()),
                        SeriesLines.DASH_DASH,
                        colour);
            }
            addPoint(
                    chart,
                    "E* = " + run.bestEpoch() + ", seed " + run.seed(),
                    run.bestEpoch(),
                    100 * run.bestValidationHm(),
                    colour);
        }
        return chart;
    }

    /**
     * Validation S, U and HM against β at stage-1 epoch E*: one colour per figure, one line style
     * per seed, β* marked on the HM line.
     */
    static XYChart beta(DatasetSummary summary) {
        XYChart chart =
                newChart(
                        summary.dataset()
                                + " "
                                + summary.features()
                                + ": validation S, U and HM against \u03b2 at E* of stage 1",
                        "calibration \u03b2",
                        "validation accuracy (%)");
        List<SeedRun> runs = summary.runs();
        for (int i = 0; i < runs.size(); i++) {
            SeedRun run = runs.get(i);
            List<GzslResult.BetaPoint> curve = run.betaCurve();
            double[] beta = curve.stream().mapToDouble(GzslResult.BetaPoint::beta).toArray();
            String seed = ", seed " + run.seed();
            BasicStroke style = SEED_STYLES[i % SEED_STYLES.length];
            addLine(
                    chart,
                    "S" + seed,
                    beta,
                    percent(curve, GzslResult.BetaPoint::seen),
                    style,
                    PALETTE[0]);
            addLine(
                    chart,
                    "U" + seed,
                    beta,
                    percent(curve, GzslResult.BetaPoint::unseen),
                    style,
                    PALETTE[1]);
            addLine(
                    chart,
                    "HM" + seed,
                    beta,
                    percent(curve, GzslResult.BetaPoint::harmonicMean),
                    style,
                    PALETTE[2]);
            // the curve point nearest β*: β* may be 1e-10 standing for 0 (docs/protocol.md)
            GzslResult.BetaPoint best =
                    curve.stream()
                            .min(Comparator.comparingDouble(p -> Math.abs(p.beta() - run.beta())))
                            .orElseThrow();
            addPoint(
                    chart,
                    String.format(Locale.ROOT, "\u03b2* = %.2f%s", run.beta(), seed),
                    best.beta(),
                    100 * best.harmonicMean(),
                    Color.BLACK);
        }
        return chart;
    }

    /** File name of the plot of HM per method and dataset, e.g. {@code hm-methods-main.png}. */
    static String methodsFile(MethodsTable table) {
        return "hm-methods-" + table.features().label() + ".png";
    }

    /**
     * Test HM of every method on every dataset of a feature set as bars, this run's mean beside the
     * published figure (a missing published HM is drawn as 0).
     */
    static CategoryChart methods(MethodsTable table) {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(
                                table.features()
                                        + " features: test HM per method and dataset, this run"
                                        + " beside published")
                        .xAxisTitle("method / dataset")
                        .yAxisTitle("test HM (%)")
                        .build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setYAxisMin(0.0);
        styler.setYAxisDecimalPattern("0.#");
        styler.setXAxisLabelRotation(45);
        styler.setLocale(Locale.ROOT);
        List<String> labels = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> published = new ArrayList<>();
        for (String m : table.methods()) {
            for (DatasetName d : table.datasets()) {
                Optional<DatasetSummary> s = table.cell(m, d);
                if (s.isEmpty()) {
                    continue;
                }
                labels.add(PublishedResults.displayName(m) + " / " + d);
                ours.add(s.get().mean().harmonicMean());
                double p = table.published(m, d).map(Scores::harmonicMean).orElse(Double.NaN);
                published.add(Double.isNaN(p) ? 0 : p);
            }
        }
        chart.addSeries("this run", labels, ours).setFillColor(PALETTE[0]);
        chart.addSeries("published", labels, published).setFillColor(PALETTE[7]);
        return chart;
    }

    /**
     * A category chart as PNG bytes.
     *
     * @throws IOException if the image cannot be encoded
     */
    static byte[] png(CategoryChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
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
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(11);
        styler.setYAxisMin(0.0);
        styler.setYAxisDecimalPattern("0.#");
        styler.setLocale(Locale.ROOT); // axis numbers in ASCII digits whatever the machine's locale
        return chart;
    }

    private static void addLine(
            XYChart chart, String name, double[] x, double[] y, BasicStroke style, Color colour) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineStyle(style);
        series.setLineColor(colour);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static void addPoint(XYChart chart, String name, double x, double y, Color colour) {
        XYSeries point = chart.addSeries(name, new double[] {x}, new double[] {y});
        point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        point.setMarker(SeriesMarkers.DIAMOND);
        point.setMarkerColor(colour);
    }

    private static double[] epochs(int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] percent(List<Double> fractions) {
        return fractions.stream().mapToDouble(v -> 100 * v).toArray();
    }

    private static double[] percent(
            List<GzslResult.BetaPoint> curve, ToDoubleFunction<GzslResult.BetaPoint> figure) {
        return curve.stream().mapToDouble(figure).map(v -> 100 * v).toArray();
    }
}
