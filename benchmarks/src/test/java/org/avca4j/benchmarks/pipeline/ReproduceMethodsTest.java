package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.avca4j.benchmarks.Main;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.training.ProtocolResult;
import org.avca4j.trainer.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reproduce} with several methods: the choice of methods and settings on the command line,
 * and a reproduction of AVCA beside a method without an exporter (a fake) on a tiny synthetic UCF,
 * with its per-method run folders, its report and a resume that trains nothing.
 */
class ReproduceMethodsTest {

    @TempDir Path dir;

    /** Runs the command line as {@code main} does; returns {status, stdout, stderr}. */
    static Object[] execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                Main.commandLine()
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true));
        int rc = cli.execute(args);
        return new Object[] {rc, out.toString(), err.toString()};
    }

    /** {@code reproduce --data <dir> --dataset UCF --set <setting>}. */
    private Object[] reproduceWithSetting(String setting) {
        return execute("reproduce", "--data", dir.toString(), "--dataset", "UCF", "--set", setting);
    }

    @Test
    void anUnknownMethodIsOneErrorLineListingTheValidIds() {
        Object[] r =
                execute(
                        "reproduce",
                        "--data",
                        dir.toString(),
                        "--dataset",
                        "UCF",
                        "--methods",
                        "avca,foo");
        assertEquals(1, r[0]);
        assertEquals(
                "error: --methods: unknown method 'foo': expected a comma-separated list of avca, ale,"
                        + " sje, devise, apn, fvaegan, cjme, avgzslnet, clipclap, tcaf, or all\n",
                r[2]);
    }

    @Test
    void helpListsEveryRegisteredMethodAndTheLayoutRoots() {
        Object[] r = execute("reproduce", "--help");
        assertEquals(0, r[0]);
        String help = ((String) r[1]).replaceAll("\\s+", " ");
        assertTrue(help.contains("of " + String.join(", ", Methods.ids()) + "; or all"), help);
        assertTrue(help.contains("tcaf"), help);
        assertTrue(help.contains("--data=[LAYOUT=]ROOT"), help);
    }

    @Test
    void aMethodNotInThisBuildIsNamed() {
        for (String id : MethodChoice.ids()) {
            if (Methods.isRegistered(id)) {
                continue;
            }
            Object[] r =
                    execute(
                            "reproduce",
                            "--data",
                            dir.toString(),
                            "--dataset",
                            "UCF",
                            "--methods",
                            id);
            assertEquals(1, r[0], id);
            assertTrue(
                    ((String) r[2])
                            .startsWith(
                                    "error: --methods: "
                                            + id
                                            + " is not available in this build (it has avca"),
                    (String) r[2]);
        }
        assertEquals(List.of("avca"), MethodChoice.parse(" AVCA ,avca"));
        // all: every registered method of Table 2, in the registry's order; the successors only
        // by id.
        assertEquals(
                List.of("avca", "ale", "sje", "devise", "apn", "fvaegan", "cjme", "avgzslnet"),
                MethodChoice.parse("all"));
        assertEquals(
                List.of(
                        "avca",
                        "ale",
                        "sje",
                        "devise",
                        "apn",
                        "fvaegan",
                        "cjme",
                        "avgzslnet",
                        "clipclap"),
                MethodChoice.parse("all,clipclap"));
        assertTrue(Methods.isRegistered("tcaf"));
        assertEquals(List.of("avca", "tcaf"), MethodChoice.parse("avca,tcaf"));
    }

    @Test
    void settingsAreCheckedBeforeAnythingIsTrained() {
        Object[] unknown = reproduceWithSetting("margin=0.1");
        assertEquals(1, unknown[0]);
        assertTrue(
                ((String) unknown[2])
                        .startsWith(
                                "error: method avca has no setting 'margin': its settings are r_enc, r_proj, r_dec, momentum"),
                (String) unknown[2]);
        Object[] badValue = reproduceWithSetting("avca.r_dec=high");
        assertEquals(1, badValue[0]);
        assertEquals(
                "error: method avca: setting 'r_dec' expects a finite number, got 'high'\n",
                badValue[2]);
        Object[] otherMethod = reproduceWithSetting("cjme.margin=1");
        assertEquals(1, otherMethod[0]);
        assertEquals(
                "error: --set cjme.margin: cjme is not one of the chosen methods avca\n",
                otherMethod[2]);
        Object[] noValue = reproduceWithSetting("r_dec");
        assertEquals(2, noValue[0], "a picocli usage error");
        assertTrue(((String) noValue[2]).contains("KEY=VALUE"), (String) noValue[2]);
        assertFalse(Files.exists(Path.of("reproduce-out")), "nothing was written");

        PresetChanges changes =
                new PresetChanges(
                        TrainingOverrides.NONE,
                        java.util.function.UnaryOperator.identity(),
                        Map.of("r_dec", "0.1", "avca.r_enc", "0.3", "cjme.margin", "2"));
        assertEquals(Map.of("r_dec", "0.1", "r_enc", "0.3"), changes.forMethod("avca"));
        assertEquals(Map.of("r_dec", "0.1", "margin", "2"), changes.forMethod("cjme"));
    }

    @Test
    void avcaBesideAMethodWithoutExporterGivesTheWholeReport() throws Exception {
        Path data = Tiny.writeUcf(dir.resolve("data"), 3);
        Path out = dir.resolve("out");
        Reproduction reproduction =
                Reproduction.builder()
                        .setDataRoot(data)
                        .setDatasets(List.of(DatasetName.UCF))
                        .setFeatureSet(FeatureSet.MAIN)
                        .setOut(out)
                        .optMethods(List.of(Methods.of("avca"), new FakeMethod()))
                        .optPresetChanges(
                                new PresetChanges(
                                        Tiny.OVERRIDES, Tiny::narrow, Map.of("fake.scale", "2")))
                        .optListeners(t -> TrainingListener.NONE)
                        .build();
        Reproduction.Result result = reproduction.run();
        assertEquals(2, result.outcomes().size());
        SeedOutcome avca = result.outcomes().get(0);
        SeedOutcome fake = result.outcomes().get(1);
        assertTrue(avca.exported());
        assertFalse(fake.exported());
        assertEquals(out.resolve("UCF-main-seed42"), avca.runFolder());
        assertEquals(out.resolve("fake-UCF-main-seed42"), fake.runFolder());

        ProtocolResult p = ProtocolResult.read(fake.runFolder().resolve("run.json"));
        assertEquals("fake", p.method());
        assertEquals(Map.of("scale", 2.0), p.spec().settings());
        assertEquals(TestBetaRule.MEAN_OF_THREE, p.testBetaRule());
        assertEquals(TestBetaRule.MEAN_OF_THREE, fake.seedRun().testBetaRule());
        assertEquals(100 * p.test().harmonicMean(), fake.percent()[2], 1e-9);
        assertEquals(2.0, fake.seedRun().hyperparameters().get("scale"));

        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("[\"avca\",\"fake\"]", root.get("methods").toString());
        assertEquals("fake", root.get("datasets").get(1).get("method").asText());
        assertTrue(root.get("datasets").get(1).get("published").isNull());
        assertNotNull(ImageIO.read(out.resolve("hm-methods-main.png").toFile()));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| fake | ours (1 seed) |"), md);

        // Resumable per method: a second run trains nothing and reports the same.
        Reproduction.Result again = reproduction.run();
        assertTrue(again.outcomes().stream().allMatch(SeedOutcome::reused));
        assertEquals(fake.seedRun().test(), again.outcomes().get(1).seedRun().test());
    }

    /**
     * {@code reproduce --methods avca,clipclap} on synthetic data in the ClipClap layout (detected
     * from the folder): both are trained (ClipClap's stage 2 for E*+1 epochs), exported and checked
     * through the SDK, and write their rows, ClipClap's beside its published figures.
     */
    @Test
    void clipClapOnItsOwnLayoutWritesItsRowBesideThePublishedFigures() throws Exception {
        Path data = dir.resolve("clipclap");
        SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optLayout(DataLayout.CLIPCLAP)
                .optClasses(8)
                .optClipsPerClass(6)
                .optWidths(Tiny.AUDIO_DIM, Tiny.VIDEO_DIM)
                .optTextDim(Tiny.TEXT_DIM)
                .build()
                .write(data);
        Path out = dir.resolve("out-clipclap");
        Reproduction.Result result =
                Reproduction.builder()
                        .setDataRoot(data)
                        .setDatasets(List.of(DatasetName.UCF))
                        .setFeatureSet(FeatureSet.CLS)
                        .setOut(out)
                        .optMethods(List.of(Methods.of("avca"), Methods.of("clipclap")))
                        .optPresetChanges(
                                new PresetChanges(
                                        Tiny.OVERRIDES,
                                        Tiny::narrow,
                                        Map.of(
                                                "clipclap.latent_dim", "16",
                                                "clipclap.decoder_hidden", "16",
                                                "clipclap.embed_dim", "8")))
                        .optListeners(t -> TrainingListener.NONE)
                        .build()
                        .run();
        assertEquals(2, result.outcomes().size());
        SeedOutcome clipclap = result.outcomes().get(1);
        assertEquals(out.resolve("clipclap-UCF-cls-seed42"), clipclap.runFolder());
        ProtocolResult p = ProtocolResult.read(clipclap.runFolder().resolve("run.json"));
        assertEquals("clipclap", p.method());
        // Stage 2 trained E*+1 epochs; the tested model was exported and the SDK gave the
        // protocol's figures.
        assertEquals(p.testEpoch() + 1, p.stage2().history().size());
        for (SeedOutcome o : result.outcomes()) {
            assertTrue(o.exported(), o.runFolder().toString());
            assertTrue(o.maxDeviation() <= 1e-4, "SDK vs protocol: " + o.maxDeviation());
        }
        assertTrue(Files.isRegularFile(clipclap.runFolder().resolve(SeedRunner.MODEL_FILE)));
        JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("[\"avca\",\"clipclap\"]", root.get("methods").toString());
        JsonNode row = root.get("datasets").get(1);
        assertEquals("clipclap", row.get("method").asText());
        assertEquals(55.97, row.get("published").get("HM").asDouble(), 1e-9, row.toString());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("ClipClap-GZSL"), md);
    }
}
