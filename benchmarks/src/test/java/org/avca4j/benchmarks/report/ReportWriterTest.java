package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Set<String> FILES =
            Set.of(
                    "results.json",
                    "results.csv",
                    "report.md",
                    "val-hm-ucf-main.png",
                    "beta-ucf-main.png",
                    "val-hm-vggsound-cls.png",
                    "beta-vggsound-cls.png");

    @TempDir static Path dir;

    @BeforeAll
    static void writeOnce() throws IOException {
        // twice: the second write replaces every file of the first
        ReportWriter.write(Fixtures.reproduction(), dir);
        List<Path> written = ReportWriter.write(Fixtures.reproduction(), dir);
        assertEquals(FILES.size(), written.size());
    }

    private static Set<String> names(Iterator<String> it) {
        Set<String> names = new TreeSet<>();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void writesExactlyTheReportFilesAndNoTemporaryOnes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    new TreeSet<>(FILES),
                    files.map(p -> p.getFileName().toString())
                            .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void resultsJsonHoldsTheDocumentedKeysAndFigures() throws IOException {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(
                Set.of(
                        "format_version",
                        "text_order",
                        "units",
                        "published_note",
                        "machine",
                        "versions",
                        "started",
                        "finished",
                        "seconds",
                        "datasets"),
                names(root.fieldNames()));
        assertEquals(1, root.get("format_version").asInt());
        assertEquals("reference", root.get("text_order").asText());
        assertEquals(3600.0, root.get("seconds").asDouble(), 0);
        assertEquals(
                Set.of("os", "arch", "cores", "java"), names(root.get("machine").fieldNames()));
        assertEquals(
                Set.of("avca4j", "onnxruntime", "nd4j"), names(root.get("versions").fieldNames()));
        assertEquals("1.0.0-M2.1", root.get("versions").get("nd4j").asText());

        JsonNode ucf = root.get("datasets").get(0);
        assertEquals(
                Set.of(
                        "dataset",
                        "features",
                        "seeds",
                        "hyperparameters",
                        "runs",
                        "mean",
                        "std",
                        "published",
                        "difference",
                        "plots"),
                names(ucf.fieldNames()));
        assertEquals("UCF", ucf.get("dataset").asText());
        assertEquals("main", ucf.get("features").asText());
        assertEquals("[1,2]", ucf.get("seeds").toString());
        assertEquals(256, ucf.get("hyperparameters").get("bs").asInt());
        assertEquals(51.0, ucf.get("mean").get("S").asDouble(), 1e-9);
        assertEquals(1.4142, ucf.get("std").get("HM").asDouble(), 1e-9);
        assertEquals(51.53, ucf.get("published").get("S").asDouble(), 0);
        assertEquals(-0.15, ucf.get("difference").get("HM").asDouble(), 1e-9);
        assertEquals("val-hm-ucf-main.png", ucf.get("plots").get("validation_hm").asText());

        JsonNode run = ucf.get("runs").get(0);
        assertEquals(
                Set.of(
                        "seed",
                        "S",
                        "U",
                        "HM",
                        "ZSL",
                        "beta",
                        "best_epoch",
                        "seconds",
                        "stage1_val_hm",
                        "stage2_val_hm",
                        "beta_curve"),
                names(run.fieldNames()));
        assertEquals(1, run.get("seed").asLong());
        assertEquals(50.0, run.get("S").asDouble(), 0);
        assertEquals(1.2, run.get("beta").asDouble(), 0);
        assertEquals(4, run.get("best_epoch").asInt());
        assertEquals(Fixtures.EPOCHS, run.get("stage1_val_hm").size());
        assertEquals(16, run.get("beta_curve").size());
        // fixture curve at β = 0.6 (i = 3): S = 0.6 - 0.09 = 51 %, U = 0.05 + 0.075 = 12.5 %
        JsonNode point = run.get("beta_curve").get(3);
        assertEquals(Set.of("beta", "S", "U", "HM"), names(point.fieldNames()));
        assertEquals(0.6, point.get("beta").asDouble(), 0);
        assertEquals(51.0, point.get("S").asDouble(), 0);
        assertEquals(12.5, point.get("U").asDouble(), 0);
    }

    @Test
    void everyJsonKeyIsInTheSchemaDocumentation() throws IOException {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        List<String> keys = new ArrayList<>();
        collectKeys(root, keys);
        for (String key : keys) {
            assertTrue(
                    ResultsJson.SCHEMA_MARKDOWN.contains("`" + key + "`"),
                    "undocumented key " + key);
        }
    }

    private static void collectKeys(JsonNode node, List<String> keys) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e -> {
                                keys.add(e.getKey());
                                // hyper-parameter names are data, not schema
                                if (!e.getKey().equals("hyperparameters")) {
                                    collectKeys(e.getValue(), keys);
                                }
                            });
        } else if (node.isArray()) {
            node.forEach(child -> collectKeys(child, keys));
        }
    }

    @Test
    void resultsCsvHasTheHeaderAndOneRowPerBenchmark() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals(
                List.of(
                        "dataset,features,text_order,seeds,S_mean,S_std,U_mean,U_std,HM_mean,HM_std,ZSL_mean,ZSL_std,"
                                + "S_published,U_published,HM_published,ZSL_published,"
                                + "S_difference,U_difference,HM_difference,ZSL_difference",
                        "UCF,main,reference,2,51.0000,1.4142,19.0000,1.4142,27.0000,1.4142,23.0000,1.4142,"
                                + "51.5300,18.4300,27.1500,20.0100,-0.5300,0.5700,-0.1500,2.9900",
                        "VGGSound,cls,reference,1,12.0000,0.0000,6.0000,0.0000,8.0000,0.0000,7.0000,0.0000,"
                                + "12.6300,6.1900,8.3100,6.9100,-0.6300,-0.1900,-0.3100,0.0900"),
                lines);
    }

    @Test
    void reportMdHoldsTheComparisonTableAndLinks() throws IOException {
        String md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("## Text order: `reference`"), md);
        assertTrue(
                md.contains(
                        "| UCF | main | this run (2 seeds) | 51.00 ± 1.41 | 19.00 ± 1.41 | 27.00 ± 1.41 | 23.00 ± 1.41 |"),
                md);
        assertTrue(md.contains("| UCF | main | published | 51.53 | 18.43 | 27.15 | 20.01 |"), md);
        assertTrue(md.contains("| UCF | main | difference | -0.53 | +0.57 | -0.15 | +2.99 |"), md);
        assertTrue(
                md.contains(
                        "| VGGSound | cls | this run (1 seed) | 12.00 ± 0.00 | 6.00 ± 0.00 | 8.00 ± 0.00 | 7.00 ± 0.00 |"),
                md);
        assertTrue(
                md.contains("| UCF | main | 2 | 52.00 | 18.00 | 26.00 | 24.00 | 1.20 | 4 |"), md);
        assertTrue(md.contains("`r_dec` = 0.5"), md);
        assertTrue(
                md.contains("(val-hm-ucf-main.png)") && md.contains("(beta-vggsound-cls.png)"), md);
        assertTrue(md.contains("| time taken | 1 h 00 min 00 s |"), md);
        assertTrue(md.contains("| ND4J | 1.0.0-M2.1 |"), md);
        assertTrue(md.contains("| operating system | Linux 6.1 \\| test |"), md);
    }

    @Test
    void plotsAreReadablePngsOfTheDocumentedSize() throws IOException {
        for (String name : FILES) {
            if (name.endsWith(".png")) {
                BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
                assertNotNull(image, name + " is not a readable image");
                assertEquals(ReportPlots.WIDTH, image.getWidth(), name);
                assertEquals(ReportPlots.HEIGHT, image.getHeight(), name);
            }
        }
    }

    @Test
    void plotsHaveOneSetOfLinesPerSeed() {
        DatasetSummary ucf = DatasetSummary.of(Fixtures.reproduction()).get(0);
        assertEquals(
                Set.of(
                        "stage 1, seed 1",
                        "stage 2, seed 1",
                        "E* = 4, seed 1",
                        "stage 1, seed 2",
                        "stage 2, seed 2",
                        "E* = 4, seed 2"),
                ReportPlots.validationHm(ucf).getSeriesMap().keySet());
        assertEquals(
                Set.of(
                        "S, seed 1",
                        "U, seed 1",
                        "HM, seed 1",
                        "\u03b2* = 1.20, seed 1",
                        "S, seed 2",
                        "U, seed 2",
                        "HM, seed 2",
                        "\u03b2* = 1.20, seed 2"),
                ReportPlots.beta(ucf).getSeriesMap().keySet());
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("4.2 s", MarkdownReport.duration(Duration.ofMillis(4200)));
        assertEquals("2 min 05 s", MarkdownReport.duration(Duration.ofSeconds(125)));
        assertEquals("1 h 02 min 03 s", MarkdownReport.duration(Duration.ofSeconds(3723)));
    }
}
