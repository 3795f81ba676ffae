package org.avca4j.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.benchmarks.Main;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.BenchmarkReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthInspectCommandTest {

    @TempDir Path dir;

    /** Runs the command line and returns what it printed on standard output. */
    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute(args);
            assertEquals(0, code, "exit code of " + String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** The arguments of {@code synth} writing a UCF of 10 invented classes into {@code root}. */
    static String[] synthUcf(Path root, int clipsPerClass, String... more) {
        return withMore(
                List.of(
                        "synth",
                        "--out",
                        root.toString(),
                        "--dataset",
                        "UCF",
                        "--classes",
                        "10",
                        "--clips-per-class",
                        String.valueOf(clipsPerClass)),
                more);
    }

    /** What {@code inspect --json} prints about the UCF under {@code root}, parsed. */
    static JsonNode inspectUcfJson(Path root, String... more) throws Exception {
        return new ObjectMapper()
                .readTree(
                        run(
                                withMore(
                                        List.of(
                                                "inspect",
                                                "--data",
                                                root.toString(),
                                                "--dataset",
                                                "ucf",
                                                "--json"),
                                        more)));
    }

    private static String[] withMore(List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void inspectReadsTheClipClapLayoutThatSynthWrote() throws Exception {
        run(synthUcf(dir, 2, "--layout", "clipclap"));
        assertTrue(
                Files.isRegularFile(
                        dir.resolve(
                                "UCF/features/cls_features_non_averaged/text/"
                                        + "wavcaps_word_embeddings_ucf_normed.npy")));
        for (String[] more :
                List.of(
                        new String[] {"--features", "cls"},
                        new String[] {"--features", "cls", "--layout", "clipclap"})) {
            JsonNode json = inspectUcfJson(dir, more);
            JsonNode test = json.get("sets").get("test");
            assertEquals((8 + 2) * 2, test.get("clips").asInt());
            assertEquals(1024, test.get("audio_dim").asInt(), "CLAP audio");
            assertEquals(512, test.get("video_dim").asInt(), "CLIP video");
            assertEquals("cls_split", json.get("split").asText());
        }
    }

    @Test
    void inspectReadsTheTcafLayoutThatSynthWrote() throws Exception {
        run(synthUcf(dir, 2, "--layout", "tcaf", "--max-rows", "4"));
        JsonNode json = inspectUcfJson(dir);
        assertEquals("tcaf", json.get("layout").asText());
        JsonNode test = json.get("sets").get("test");
        assertEquals((8 + 2) * 2, test.get("clips").asInt());
        assertEquals(512, test.get("audio_dim").asInt());
        int max = test.get("video_rows_min_max").get(1).asInt();
        assertTrue(max >= 1 && max <= 4, test.toString());
        String table = run("inspect", "--data", dir.toString(), "--dataset", "ucf");
        assertTrue(table.contains("layout tcaf"), table);
        assertTrue(table.contains("audio_rows"), table);
    }

    @Test
    void inspectJsonDescribesWhatSynthWrote() throws Exception {
        run(synthUcf(dir, 3, "--seed", "5"));
        assertTrue(Files.isRegularFile(dir.resolve("UCF/class-split/all_class.txt")));
        JsonNode json = inspectUcfJson(dir);
        assertEquals("UCF", json.get("dataset").asText());
        // Invented split of 10 classes: 2 test-unseen, 2 val-unseen, 6 stage-1 train (= val-seen),
        // stage-2 train = 8 classes (= test-seen); 3 clips per class and folder.
        JsonNode sets = json.get("sets");
        assertEquals(
                List.of("stage1_train", "stage1_val", "stage2_train", "test"), fieldNames(sets));
        assertSet(sets.get("stage1_train"), 6 * 3, 6, 0);
        assertSet(sets.get("stage1_val"), (6 + 2) * 3, 6, 2);
        assertSet(sets.get("stage2_train"), (6 + 6 + 2) * 3, 8, 0);
        assertSet(sets.get("test"), (8 + 2) * 3, 8, 2);
        assertEquals(512, sets.get("test").get("audio_dim").asInt());
        assertEquals(512, sets.get("test").get("video_dim").asInt());
        assertEquals(0, json.get("warnings").size());
    }

    @Test
    void textDimSetsTheWidthOfTheInventedEmbeddings() throws Exception {
        run(synthUcf(dir, 2, "--text-dim", "7"));
        Benchmark read =
                BenchmarkReader.builder().setRoot(dir).setDataset(DatasetName.UCF).build().read();
        assertEquals(7, read.textDim());
    }

    @Test
    void inspectTableNamesEverySet() {
        run(
                "synth",
                "--out",
                dir.toString(),
                "--dataset",
                "ActivityNet",
                "--classes",
                "10",
                "--clips-per-class",
                "2",
                "--features",
                "cls_features");
        String table =
                run(
                        "inspect",
                        "--data",
                        dir.toString(),
                        "--dataset",
                        "ActivityNet",
                        "--features",
                        "cls");
        for (String set : List.of("stage1_train", "stage1_val", "stage2_train", "test")) {
            assertTrue(table.contains(set), table);
        }
        assertTrue(table.contains("128") && table.contains("4096"), table);
    }

    @Test
    void missingDataFolderFailsWithItsName() {
        Path missing = dir.resolve("nowhere");
        int code =
                Main.commandLine()
                        .execute("inspect", "--data", missing.toString(), "--dataset", "UCF");
        assertNotEquals(0, code);
    }

    private static void assertSet(JsonNode set, int clips, int seen, int unseen) {
        assertEquals(clips, set.get("clips").asInt(), set.toString());
        assertEquals(seen, set.get("seen_classes").asInt(), set.toString());
        assertEquals(unseen, set.get("unseen_classes").asInt(), set.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
