package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.method.TestBetaRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of every method (the paper's Table 2 layout) and the files of a reproduction that
 * compares methods, from fixed results: AVCA (two seeds) and DEVISE (one) on UCF and VGGSound main,
 * CJME on UCF cls, tested at the mean of three βs.
 */
class MethodsTableTest {

    @TempDir Path dir;

    private static SeedRun run(
            String method, DatasetName d, FeatureSet f, long seed, Scores test, double beta) {
        return new SeedRun(
                d,
                f,
                seed,
                TextOrder.OWN,
                test,
                beta,
                4,
                Fixtures.hmPerEpoch(0.15),
                Fixtures.hmPerEpoch(0.2),
                Fixtures.curve(),
                1.5,
                Map.of("bs", 256),
                method,
                method.equals("cjme") ? TestBetaRule.MEAN_OF_THREE : TestBetaRule.BOTH);
    }

    static ReproductionRun reproduction() {
        return new ReproductionRun(
                List.of(
                        run(
                                "avca",
                                DatasetName.UCF,
                                FeatureSet.MAIN,
                                1,
                                scores(50, 20, 28, 22),
                                1.2),
                        run(
                                "avca",
                                DatasetName.UCF,
                                FeatureSet.MAIN,
                                2,
                                scores(52, 18, 26, 24),
                                1.2),
                        run(
                                "devise",
                                DatasetName.UCF,
                                FeatureSet.MAIN,
                                1,
                                scores(55, 15, 24, 16),
                                0.4),
                        run(
                                "devise",
                                DatasetName.VGGSOUND,
                                FeatureSet.MAIN,
                                1,
                                scores(30, 2, 3, 5),
                                0.6),
                        run(
                                "avca",
                                DatasetName.VGGSOUND,
                                FeatureSet.MAIN,
                                1,
                                scores(15, 4, 6, 6),
                                1.0),
                        run(
                                "cjme",
                                DatasetName.UCF,
                                FeatureSet.CLS,
                                1,
                                scores(34, 25, 29, 29),
                                0.6667)),
                new MachineInfo("Linux", "amd64", 2, "17"),
                new SoftwareVersions("0.1.0-test", "1.18.0", "1.0.0-M2.1"),
                Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:30:00Z"));
    }

    private static Scores scores(double s, double u, double hm, double zsl) {
        return new Scores(s / 100, u / 100, hm / 100, zsl / 100);
    }

    @Test
    void rowsAreMethodsInThePapersOrderAndColumnsDatasetGroups() {
        ReproductionRun run = reproduction();
        assertEquals(List.of("devise", "cjme", "avca"), run.methods());
        MethodsTable main = MethodsTable.of(FeatureSet.MAIN, run.methods(), DatasetSummary.of(run));
        assertEquals(List.of(DatasetName.VGGSOUND, DatasetName.UCF), main.datasets());
        assertEquals(List.of("devise", "avca"), main.methods());
        // By hand: AVCA UCF S mean (50+52)/2 = 51, std √2 = 1.41; published 51.53 → −0.53.
        // DEVISE VGGSound published 36.22 / 1.07 / 2.08 / 5.59; UCF 55.59 / 14.94 / 23.56 / 16.09.
        assertEquals(
                String.join(
                        "\n",
                        "| method | row | VGGSound S | VGGSound U | VGGSound HM | VGGSound ZSL | UCF S | UCF U | UCF HM | UCF ZSL |",
                        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                        "| DEVISE | ours (1 seed) | 30.00 ± 0.00 | 2.00 ± 0.00 | 3.00 ± 0.00 | 5.00 ± 0.00 | 55.00 ± 0.00 | 15.00 ± 0.00 | 24.00 ± 0.00 | 16.00 ± 0.00 |",
                        "| DEVISE | published | 36.22 | 1.07 | 2.08 | 5.59 | 55.59 | 14.94 | 23.56 | 16.09 |",
                        "| DEVISE | difference | -6.22 | +0.93 | +0.92 | -0.59 | -0.59 | +0.06 | +0.44 | -0.09 |",
                        "| AVCA | ours (2 seeds) | 15.00 ± 0.00 | 4.00 ± 0.00 | 6.00 ± 0.00 | 6.00 ± 0.00 | 51.00 ± 1.41 | 19.00 ± 1.41 | 27.00 ± 1.41 | 23.00 ± 1.41 |",
                        "| AVCA | published | 14.90 | 4.00 | 6.31 | 6.00 | 51.53 | 18.43 | 27.15 | 20.01 |",
                        "| AVCA | difference | +0.10 | +0.00 | -0.31 | +0.00 | -0.53 | +0.57 | -0.15 | +2.99 |",
                        ""),
                main.markdown());
    }

    @Test
    void figuresThePaperDoesNotGiveAreDashesAndNulls() throws Exception {
        ReproductionRun run = reproduction();
        MethodsTable cls = MethodsTable.of(FeatureSet.CLS, run.methods(), DatasetSummary.of(run));
        // CJME cls UCF is fully published; DEVISE cls would have – for S and U.
        assertTrue(
                cls.markdown().contains("| CJME | published | 33.89 | 24.82 | 28.65 | 29.01 |"),
                cls.markdown());
        assertEquals(
                Double.NaN,
                PublishedResults.of("devise", DatasetName.UCF, FeatureSet.CLS)
                        .orElseThrow()
                        .seen());
        assertTrue(PublishedResults.of("fvaegan", DatasetName.UCF, FeatureSet.CLS).isEmpty());
        assertEquals("f-VAEGAN-D2", PublishedResults.displayName("fvaegan"));

        ReproductionRun withDevise =
                new ReproductionRun(
                        List.of(
                                run(
                                        "devise",
                                        DatasetName.UCF,
                                        FeatureSet.CLS,
                                        3,
                                        scores(40, 30, 34, 33),
                                        0.2)),
                        run.machine(),
                        run.versions(),
                        run.started(),
                        run.finished());
        String md =
                MethodsTable.of(FeatureSet.CLS, withDevise.methods(), DatasetSummary.of(withDevise))
                        .markdown();
        assertTrue(md.contains("| DEVISE | published | – | – | 31.98 | 35.48 |"), md);
        assertTrue(md.contains("| DEVISE | difference | – | – | +2.02 | -2.48 |"), md);

        ReportWriter.write(withDevise, dir);
        JsonNode published =
                new ObjectMapper()
                        .readTree(dir.resolve("results.json").toFile())
                        .get("datasets")
                        .get(0)
                        .get("published");
        assertTrue(published.get("S").isNull());
        assertEquals(31.98, published.get("HM").asDouble());
    }

    @Test
    void aReproductionOfSeveralMethodsWritesTheTableThePlotAndTheMethodKeys() throws Exception {
        List<Path> written = ReportWriter.write(reproduction(), dir);
        for (String png : List.of("hm-methods-main.png", "hm-methods-cls.png")) {
            assertTrue(written.contains(dir.resolve(png)), png);
            assertNotNull(ImageIO.read(dir.resolve(png).toFile()), png);
        }
        assertTrue(Files.exists(dir.resolve("val-hm-devise-ucf-main.png")));
        assertTrue(Files.exists(dir.resolve("val-hm-ucf-main.png")), "AVCA keeps its names");

        String md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("## Every method, as the paper's Table 2"), md);
        assertTrue(md.contains("![main: test HM per method and dataset"), md);
        assertTrue(
                md.contains(
                        "| DEVISE | UCF | main | this run (1 seed) | 55.00 ± 0.00 | 15.00 ± 0.00 |"),
                md);

        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("[\"devise\",\"cjme\",\"avca\"]", root.get("methods").toString());
        assertEquals("hm-methods-main.png", root.get("methods_plots").get("main").asText());
        JsonNode cjme = root.get("datasets").get(2);
        assertEquals("cjme", cjme.get("method").asText());
        assertEquals("MEAN_OF_THREE", cjme.get("test_beta_rule").asText());
        assertEquals(0.6667, cjme.get("runs").get(0).get("beta").asDouble());
        for (String key :
                List.of("methods", "methods_note", "methods_plots", "method", "test_beta_rule")) {
            assertTrue(ResultsJson.SCHEMA_MARKDOWN.contains("`" + key + "`"), key);
        }

        List<String> csv = Files.readAllLines(dir.resolve("results.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.get(0).startsWith("method,dataset,features,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("devise,UCF,main,own,1,55.0000,"), csv.get(1));
    }
}
