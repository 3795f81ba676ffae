package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.avca4j.benchmarks.report.ResultsJson;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.BenchmarkReader;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.training.ProtocolResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reproduce} and {@code evaluate} on a tiny synthetic UCF in the published layout, two
 * seeds, two epochs of two batches, narrow layers.
 */
class ReproduceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path shared;

    private static Path data;
    private static Path out;
    private static String printed;
    private static JsonNode results;

    @TempDir Path dir;

    @BeforeAll
    static void reproduce() throws Exception {
        data = Tiny.writeUcf(shared.resolve("data"), 3);
        out = shared.resolve("out");
        printed = runReproduce(out);
        results = JSON.readTree(out.resolve("results.json").toFile());
    }

    private static String runReproduce(Path folder) {
        ReproduceCommand command = new ReproduceCommand();
        command.architecture = Tiny::narrow;
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(text, true));
        int rc =
                cli.execute(
                        "--data",
                        data.toString(),
                        "--dataset",
                        "UCF",
                        "--features",
                        "main",
                        "--seeds",
                        "42,43",
                        "--epochs",
                        "2",
                        "--batches",
                        "2",
                        "--batch-size",
                        "8",
                        "--out",
                        folder.toString());
        assertEquals(0, rc, text.toString());
        return text.toString();
    }

    private static String evaluate(String... extra) {
        StringWriter text = new StringWriter();
        CommandLine cli =
                new CommandLine(new EvaluateCommand()).setOut(new PrintWriter(text, true));
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--model",
                                out.resolve("UCF-main-seed42/model.onnx").toString(),
                                "--data",
                                data.toString(),
                                "--dataset",
                                "UCF"));
        args.addAll(List.of(extra));
        assertEquals(0, cli.execute(args.toArray(String[]::new)), text.toString());
        return text.toString();
    }

    @Test
    void writesEveryReportFileAndResultsJsonHasTheDocumentedKeys() throws Exception {
        for (String f : List.of("report.md", "results.json", "results.csv")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        for (String png : List.of("val-hm-ucf-main.png", "beta-ucf-main.png")) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png + " is a readable image");
        }
        for (long seed : List.of(42L, 43L)) {
            Path run = out.resolve("UCF-main-seed" + seed);
            assertTrue(Files.isRegularFile(run.resolve("model.onnx")), run + "/model.onnx");
            assertTrue(Files.isRegularFile(run.resolve("run.json")), run + "/run.json");
        }

        List<List<String>> tables = documentedKeys(ResultsJson.SCHEMA_MARKDOWN);
        assertEquals(Set.copyOf(tables.get(0)), fieldNames(results));
        assertEquals(1, results.get("datasets").size());
        JsonNode ucf = results.get("datasets").get(0);
        assertEquals(Set.copyOf(tables.get(1)), fieldNames(ucf));
        assertEquals("own", results.get("text_order").asText());
        assertEquals("UCF", ucf.get("dataset").asText());
        assertEquals("main", ucf.get("features").asText());
        assertEquals(List.of(42L, 43L), longs(ucf.get("seeds")));
        assertEquals(8, ucf.get("hyperparameters").get("batch_size").asInt());
        assertEquals(
                0.3,
                ucf.get("hyperparameters").get("r_proj").asDouble(),
                "UCF main preset (docs/method.md#hyper-parameters)");
        assertEquals(51.53, ucf.get("published").get("S").asDouble());

        Set<String> runKeys =
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
                        "beta_curve");
        double meanS = 0;
        for (JsonNode run : ucf.get("runs")) {
            assertEquals(runKeys, fieldNames(run));
            assertEquals(2, run.get("stage1_val_hm").size());
            assertEquals(2, run.get("stage2_val_hm").size());
            assertEquals(16, run.get("beta_curve").size());
            assertEquals(Set.of("beta", "S", "U", "HM"), fieldNames(run.get("beta_curve").get(0)));
            ProtocolResult protocol =
                    ProtocolResult.read(
                            out.resolve("UCF-main-seed" + run.get("seed").asLong())
                                    .resolve("run.json"));
            assertEquals(protocol.testEpoch(), run.get("best_epoch").asInt());
            assertEquals(protocol.testBeta(), run.get("beta").asDouble(), 1e-4);
            // The report's figures are the SDK's; on this data they equal the protocol's own test.
            assertEquals(100 * protocol.test().seen(), run.get("S").asDouble(), 1e-4);
            assertEquals(100 * protocol.test().unseen(), run.get("U").asDouble(), 1e-4);
            assertEquals(100 * protocol.test().harmonicMean(), run.get("HM").asDouble(), 1e-4);
            assertEquals(100 * protocol.test().zsl(), run.get("ZSL").asDouble(), 1e-4);
            meanS += run.get("S").asDouble() / 2;
        }
        assertEquals(meanS, ucf.get("mean").get("S").asDouble(), 2e-4);

        assertTrue(printed.contains("published"), printed);
        assertTrue(printed.contains("Report: " + out.resolve("report.md")), printed);
        assertTrue(printed.contains("UCF main seed 43"), printed);
    }

    @Test
    void evaluateGivesTheFiguresReproduceReportedForTheModel() throws Exception {
        JsonNode run = results.get("datasets").get(0).get("runs").get(0);
        assertEquals(42, run.get("seed").asInt());
        JsonNode e = JSON.readTree(evaluate("--json"));
        assertEquals(Set.of("dataset", "S", "U", "HM", "ZSL", "beta", "clips"), fieldNames(e));
        assertEquals("UCF", e.get("dataset").asText());
        for (String figure : List.of("S", "U", "HM", "ZSL")) {
            assertEquals(run.get(figure).asDouble(), e.get(figure).asDouble(), 5e-5, figure);
        }
        assertEquals(run.get("beta").asDouble(), e.get("beta").asDouble(), 5e-5);
        Benchmark b =
                BenchmarkReader.builder().setRoot(data).setDataset(DatasetName.UCF).build().read();
        assertEquals(b.test().size(), e.get("clips").asInt());

        // Another beta gives other figures at that beta, ZSL unchanged (it does not depend on
        // beta).
        JsonNode other = JSON.readTree(evaluate("--json", "--beta", "3.0"));
        assertEquals(3.0, other.get("beta").asDouble());
        assertEquals(e.get("ZSL").asDouble(), other.get("ZSL").asDouble());

        String table = evaluate();
        assertTrue(
                table.contains(
                        String.format(java.util.Locale.ROOT, "%.2f", e.get("HM").asDouble())),
                table);
    }

    @Test
    void sdkEvaluationEqualsTheMetricsOnTheClassifiersEmbeddings() throws Exception {
        // An independent route to the same figures: θv from embedBatch, θw from classEmbedding,
        // the metric's own distance matrix. SdkEvaluation builds its matrix from the classifier's
        // rankings instead; both must give exactly the same figures, at β* and at another β.
        Path model = out.resolve("UCF-main-seed42/model.onnx");
        Benchmark b =
                BenchmarkReader.builder().setRoot(data).setDataset(DatasetName.UCF).build().read();
        org.avca4j.trainer.data.ClipSet test = b.test();
        int[] ids = test.candidateClasses();
        boolean[] seen = new boolean[ids.length];
        try (org.avca4j.sdk.ZeroShotClassifier c =
                org.avca4j.sdk.ZeroShotClassifier.builder().setModel(model).build()) {
            int dim = c.card().embeddingDim();
            float[] thetaW = new float[ids.length * dim];
            for (int j = 0; j < ids.length; j++) {
                seen[j] = test.isSeen(ids[j]);
                System.arraycopy(
                        c.classEmbedding(b.classNames().get(ids[j])), 0, thetaW, j * dim, dim);
            }
            float[][] audio = new float[test.size()][];
            float[][] video = new float[test.size()][];
            for (int i = 0; i < test.size(); i++) {
                audio[i] =
                        java.util.Arrays.copyOfRange(
                                test.audio(), i * test.audioDim(), (i + 1) * test.audioDim());
                video[i] =
                        java.util.Arrays.copyOfRange(
                                test.video(), i * test.videoDim(), (i + 1) * test.videoDim());
            }
            float[][] theta = c.embedBatch(audio, video);
            float[] flat = new float[test.size() * dim];
            for (int i = 0; i < test.size(); i++) {
                System.arraycopy(theta[i], 0, flat, i * dim, dim);
            }
            org.avca4j.sdk.evaluation.DistanceMatrix d =
                    org.avca4j.sdk.evaluation.DistanceMatrix.euclidean(
                            flat, test.size(), thetaW, dim, ids, seen);
            for (double beta : new double[] {c.beta(), 0.4}) {
                org.avca4j.sdk.evaluation.GzslResult direct =
                        org.avca4j.sdk.evaluation.GzslEvaluator.evaluate(d, test.labels(), beta);
                SdkEvaluation.Result r = SdkEvaluation.evaluate(model, b, OptionalDouble.of(beta));
                assertEquals(direct, r.figures(), "beta " + beta);
                assertEquals(test.size(), r.clips());
                assertEquals(r.clips(), r.classifierAgreements());
            }
        }
    }

    @Test
    void evaluateRejectsABenchmarkThatIsNotTheModels() throws Exception {
        Path model = out.resolve("UCF-main-seed42/model.onnx");
        Benchmark moreClasses =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optClasses(9)
                        .optClipsPerClass(2)
                        .optWidths(Tiny.AUDIO_DIM, Tiny.VIDEO_DIM)
                        .optTextDim(Tiny.TEXT_DIM)
                        .optSeed(3)
                        .build()
                        .generate();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SdkEvaluation.evaluate(model, moreClasses, OptionalDouble.empty()));
        assertTrue(
                e.getMessage().contains("lists 8 classes") && e.getMessage().contains("has 9"),
                e.getMessage());

        Benchmark otherText = Tiny.ucf(4).generate(TextOrder.OWN);
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SdkEvaluation.evaluate(model, otherText, OptionalDouble.empty()));
        assertTrue(
                e.getMessage().contains("another text embedding for class 'class_000'"),
                e.getMessage());

        Benchmark reference = Tiny.ucf(3).generate(TextOrder.REFERENCE);
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SdkEvaluation.evaluate(model, reference, OptionalDouble.empty()));
        assertTrue(
                e.getMessage().contains("text_order 'own'")
                        && e.getMessage().contains("--text-order"),
                e.getMessage());
    }

    @Test
    void rerunAfterLosingTheLastCheckpointFinishesWithTheSameFigures() throws Exception {
        Path again = dir.resolve("again");
        TestFiles.copyTree(out, again);
        // Seed 42 "was killed" during the last epoch of stage 2: that epoch's checkpoint and the
        // later files are gone.
        Path seed42 = again.resolve("UCF-main-seed42");
        for (String f :
                List.of(
                        "stage2/checkpoint-epoch-001.bin",
                        "stage2/checkpoint-epoch-001.json",
                        "run.json",
                        "model.onnx")) {
            Files.delete(seed42.resolve(f));
        }
        Files.delete(again.resolve("results.json"));
        Path seed43Model = again.resolve("UCF-main-seed43/model.onnx");
        long seed43Written = Files.getLastModifiedTime(seed43Model).toMillis();

        runReproduce(again);

        assertSameFigures(JSON.readTree(again.resolve("results.json").toFile()));
        assertTrue(Files.isRegularFile(seed42.resolve("stage2/checkpoint-epoch-001.bin")));
        assertEquals(
                seed43Written,
                Files.getLastModifiedTime(seed43Model).toMillis(),
                "the finished seed 43 is reused");
    }

    @Test
    void rerunOfAFinishedRunWithADamagedCheckpointTrainsAgainToTheSameFigures() throws Exception {
        Path again = dir.resolve("again");
        TestFiles.copyTree(out, again);
        // Both runs finished (run.json), but a checkpoint that reusing them opens changed in place:
        // seed 42's tested stage-2 checkpoint (its model.onnx is gone too, so export must read
        // it), seed 43's stage-1 checkpoint of E* (the beta curve's).
        Path seed42 = again.resolve("UCF-main-seed42");
        Path seed43 = again.resolve("UCF-main-seed43");
        Path stage2 = checkpoint(seed42, "stage2");
        Path stage1 = checkpoint(seed43, "stage1");
        byte[] damaged2 = TestFiles.flipSigns(stage2);
        byte[] damaged1 = TestFiles.flipSigns(stage1);
        Files.delete(seed42.resolve("model.onnx"));
        Files.delete(again.resolve("results.json"));

        runReproduce(again);

        assertSameFigures(JSON.readTree(again.resolve("results.json").toFile()));
        assertTrue(!java.util.Arrays.equals(damaged2, Files.readAllBytes(stage2)), "rewritten");
        assertTrue(!java.util.Arrays.equals(damaged1, Files.readAllBytes(stage1)), "rewritten");
        for (Path run : List.of(seed42, seed43)) {
            assertEquals(
                    ProtocolResult.read(out.resolve(run.getFileName()).resolve("run.json"))
                            .withoutTiming(),
                    ProtocolResult.read(run.resolve("run.json")).withoutTiming(),
                    run.toString());
        }
    }

    /** The network file of the checkpoint of E* of a stage of a finished run. */
    private static Path checkpoint(Path run, String stage) throws Exception {
        int best = ProtocolResult.read(run.resolve("run.json")).testEpoch();
        return run.resolve(
                String.format(java.util.Locale.ROOT, "%s/checkpoint-epoch-%03d.bin", stage, best));
    }

    /** Asserts that a rerun's results.json has the figures of every run of the first one. */
    private static void assertSameFigures(JsonNode rerun) {
        JsonNode first = results.get("datasets").get(0).get("runs");
        JsonNode second = rerun.get("datasets").get(0).get("runs");
        for (int i = 0; i < 2; i++) {
            for (String key :
                    List.of(
                            "seed",
                            "S",
                            "U",
                            "HM",
                            "ZSL",
                            "beta",
                            "best_epoch",
                            "stage1_val_hm",
                            "stage2_val_hm",
                            "beta_curve")) {
                assertEquals(
                        first.get(i).get(key),
                        second.get(i).get(key),
                        "seed index " + i + " " + key);
            }
        }
    }

    /** The backticked keys of the first column of each table in the schema's Markdown. */
    static List<List<String>> documentedKeys(String markdown) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        Pattern key = Pattern.compile("`([a-z_0-9]+)`");
        for (String line : markdown.split("\n")) {
            if (line.startsWith("| key |")) {
                current = new ArrayList<>();
                tables.add(current);
            } else if (line.startsWith("| `") && current != null) {
                Matcher m = key.matcher(line.substring(1, line.indexOf('|', 1)));
                while (m.find()) {
                    current.add(m.group(1));
                }
            }
        }
        assertEquals(2, tables.size(), "two key tables in ResultsJson.SCHEMA_MARKDOWN");
        return tables;
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
