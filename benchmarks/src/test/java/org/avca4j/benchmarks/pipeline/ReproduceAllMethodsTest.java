package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.avca4j.benchmarks.report.PublishedResults;
import org.avca4j.benchmarks.report.ResultsJson;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.export.ModelCards;
import org.avca4j.trainer.method.Methods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reproduce --methods all --dataset UCF --features main} on a tiny synthetic UCF with a
 * reduced protocol (2 epochs of 2 batches of 8 clips; AVCA narrowed, f-VAEGAN-D2 with few
 * synthesised features and classifier epochs): every registered method is trained by its protocol,
 * exported and evaluated through the SDK with the trainer's figures; report.md holds every row of
 * Table 2, the HM-per-method plot exists, results.json holds the documented keys, and a second run
 * reuses every method's run folder.
 */
class ReproduceAllMethodsTest {

    @TempDir Path dir;

    @Test
    void everyMethodIsTrainedExportedAndReported() throws Exception {
        Path data = Tiny.writeUcf(dir.resolve("data"), 3);
        Path out = dir.resolve("out");
        StringWriter text = new StringWriter();
        assertEquals(0, reproduce(data, out, text), text.toString());

        // Every method exported a model the SDK read, with the scoring rule of its family.
        for (String id : MethodChoice.parse("all")) {
            Path folder = folder(out, id);
            ModelCard card = ModelCards.read(folder.resolve(SeedRunner.MODEL_FILE));
            ScoringRule expected =
                    switch (id) {
                        case "fvaegan" -> ScoringRule.FIXED_CLASSES;
                        case "cjme" -> ScoringRule.GATED;
                        case "avgzslnet" -> ScoringRule.SUM_OF_DISTANCES;
                        default -> ScoringRule.EMBEDDING_DISTANCE;
                    };
            assertEquals(expected, card.scoringRule(), id);
            if (!id.equals("avca")) {
                assertEquals(id, card.training().get("method"), id);
            }
        }
        assertTrue(
                !text.toString().contains("SDK and protocol differ"),
                "the SDK's figures are the trainer's:\n" + text);

        String md = Files.readString(out.resolve("report.md"));
        for (String id : Methods.PAPER_IDS) {
            String name = PublishedResults.displayName(id);
            assertTrue(md.contains("| " + name + " | ours (1 seed) |"), name + " row\n" + md);
        }
        assertTrue(md.contains("stage1-validation"), "the report names the epoch selection\n" + md);
        assertNotNull(ImageIO.read(out.resolve("hm-methods-main.png").toFile()));

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        List<List<String>> tables =
                ReproduceCommandTest.documentedKeys(ResultsJson.SCHEMA_MARKDOWN);
        Set<String> top = new HashSet<>(tables.get(0));
        top.addAll(Set.of("methods", "methods_note", "methods_plots"));
        assertEquals(top, ReproduceCommandTest.fieldNames(results));
        Set<String> perDataset = new HashSet<>(tables.get(1));
        perDataset.addAll(Set.of("method", "test_beta_rule"));
        assertEquals(MethodChoice.parse("all").size(), results.get("datasets").size());
        for (JsonNode d : results.get("datasets")) {
            assertEquals(perDataset, ReproduceCommandTest.fieldNames(d), d.get("method").asText());
        }
        assertSecondRunReuses(data, out);
    }

    /** Resumable per method: a second run trains and exports nothing and reports the same. */
    private static void assertSecondRunReuses(Path data, Path out) throws Exception {
        List<Path> written = new java.util.ArrayList<>();
        for (String id : MethodChoice.parse("all")) {
            Path folder = folder(out, id);
            written.add(folder.resolve(SeedRunner.MODEL_FILE));
            written.add(folder.resolve(id.equals("fvaegan") ? "fvaegan.json" : "run.json"));
        }
        List<java.nio.file.attribute.FileTime> before = new java.util.ArrayList<>();
        for (Path p : written) {
            before.add(Files.getLastModifiedTime(p));
        }
        String report = Files.readString(out.resolve("report.md"));
        StringWriter again = new StringWriter();
        assertEquals(0, reproduce(data, out, again), again.toString());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(
                    before.get(i), Files.getLastModifiedTime(written.get(i)), "" + written.get(i));
        }
        // The same table: only the timing lines may differ.
        assertEquals(table(report), table(Files.readString(out.resolve("report.md"))));
    }

    private static Path folder(Path out, String id) {
        return out.resolve(Reproduction.runFolderName(id, DatasetName.UCF, FeatureSet.MAIN, 42));
    }

    /** The rows of the Table-2 section of a report. */
    private static List<String> table(String md) {
        return md.lines()
                .filter(l -> l.contains("| ours (") || l.contains("| published |"))
                .toList();
    }

    private static int reproduce(Path data, Path out, StringWriter text) {
        ReproduceCommand command = new ReproduceCommand();
        command.architecture = Tiny::narrow;
        return new CommandLine(command)
                .setOut(new PrintWriter(text, true))
                .execute(
                        "--data", data.toString(),
                        "--methods", "all",
                        "--dataset", "UCF",
                        "--features", "main",
                        "--epochs", "2",
                        "--batches", "2",
                        "--batch-size", "8",
                        "--set", "fvaegan.syn_num=20",
                        "--set", "fvaegan.nepoch_classifier=3",
                        "--set", "fvaegan.latent_size=30",
                        "--set", "fvaegan.ndh=32",
                        "--set", "fvaegan.encoder_hidden=32",
                        "--set", "fvaegan.decoder_hidden=32",
                        "--out", out.toString());
    }
}
