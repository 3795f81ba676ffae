package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.SplitName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split lists are checked against each other when read (docs/protocol.md), so that no
 * inconsistency survives into training; and names are matched in NFC.
 */
class ClassSplitsRolesTest {

    @TempDir Path root;
    private Path ucf;
    private Path split;

    @BeforeEach
    void writeSmallBenchmark() throws Exception {
        ucf = SmallBenchmark.write(root, 10);
        split = ucf.resolve("class-split/main_split");
    }

    private Path list(SplitStage s) {
        return split.resolve(s.fileBase() + ".txt");
    }

    private List<String> names(SplitStage s) throws Exception {
        return Files.readAllLines(list(s));
    }

    private void append(SplitStage s, String name) throws Exception {
        List<String> lines = new ArrayList<>(names(s));
        lines.add(name);
        Files.write(list(s), lines);
    }

    /** The whole reader fails, naming both lists, before any clip set exists to train on. */
    private void expectConflict(SplitStage file, SplitStage other, String cls, String rule) {
        SmallBenchmark.assertNames(
                SmallBenchmark.readFails(root),
                list(file),
                "'" + cls + "'",
                list(other).toString(),
                rule);
    }

    /**
     * Appends the first class of {@code from} to {@code to}; the error is then about that class in
     * {@code from}'s list, naming {@code to}'s.
     */
    private void appendConflict(SplitStage from, SplitStage to, String rule) throws Exception {
        String cls = names(from).get(0);
        append(to, cls);
        expectConflict(from, to, cls, rule);
    }

    @Test
    void syntheticAndRealSplitsPass() throws Exception {
        ClassSplits.read(ucf.resolve("class-split"), DatasetName.UCF, SplitName.MAIN);
        for (DatasetName d : DatasetName.values()) {
            for (SplitName s : SplitName.values()) {
                ClassSplits.read(Avgzsl.dataset(d).resolve("class-split"), d, s);
            }
        }
    }

    @Test
    void testUnseenClassInStageOneTrainIsRefused() throws Exception {
        appendConflict(
                SplitStage.STAGE_2_TEST_UNSEEN,
                SplitStage.STAGE_1_TRAIN,
                "a test-unseen class must never be trained on");
    }

    @Test
    void testUnseenClassInStageTwoTrainOrValUnseenIsRefused() throws Exception {
        appendConflict(
                SplitStage.STAGE_2_TEST_UNSEEN,
                SplitStage.STAGE_1_VAL_UNSEEN,
                "never be trained on");
    }

    @Test
    void classBothSeenAndUnseenInValidationIsRefused() throws Exception {
        appendConflict(
                SplitStage.STAGE_1_VAL_UNSEEN,
                SplitStage.STAGE_1_VAL_SEEN,
                "a class is either seen or unseen in the stage-1 validation");
    }

    @Test
    void valUnseenClassInStageOneTrainIsRefused() throws Exception {
        appendConflict(
                SplitStage.STAGE_1_VAL_UNSEEN,
                SplitStage.STAGE_1_TRAIN,
                "a stage-1 unseen class must not be trained on in stage 1");
    }

    @Test
    void classBothSeenAndUnseenInTestIsRefused() throws Exception {
        appendConflict(
                SplitStage.STAGE_2_TEST_UNSEEN,
                SplitStage.STAGE_2_TEST_SEEN,
                "a class is either seen or unseen in the test");
    }

    @Test
    void seenClassThatIsNeverTrainedIsRefused() throws Exception {
        List<String> train = new ArrayList<>(names(SplitStage.STAGE_1_TRAIN));
        String dropped = train.remove(0);
        Files.write(list(SplitStage.STAGE_1_TRAIN), train);
        expectConflict(
                SplitStage.STAGE_1_VAL_SEEN,
                SplitStage.STAGE_1_TRAIN,
                dropped,
                "a seen validation class must be a stage-1 training class");
    }

    @Test
    void nfdFileNamesAndListsMatchNfcNames() throws Exception {
        // Rename class_001 to "clåss_001": NFC in all_class.txt and the w2v table, NFD (a + U+030A)
        // in the split lists and in the .h5 file names, as macOS would write them.
        String nfc = "cl\u00e5ss_001";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertTrue(!nfc.equals(nfd) && nfd.length() == nfc.length() + 1);
        Path classSplit = ucf.resolve("class-split");
        replaceIn(classSplit.resolve("all_class.txt"), nfc);
        replaceIn(classSplit.resolve("ucf_w2v_class_names.csv"), nfc);
        try (Stream<Path> files = Files.walk(ucf)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".txt") && p.getParent().equals(split)
                        || name.endsWith(".csv") && p.getParent().equals(split)) {
                    replaceIn(p, nfd);
                } else if (name.equals("class_001.h5")) {
                    Files.move(p, p.resolveSibling(nfd + ".h5"));
                }
            }
        }
        Benchmark b =
                BenchmarkReader.builder().setRoot(root).setDataset(DatasetName.UCF).build().read();
        int id = b.classNames().indexOf(nfc);
        assertEquals(9, id, "the NFC name as all_class.txt writes it, sorted after class_009");
        ClassSplits s = ClassSplits.read(classSplit, DatasetName.UCF, SplitName.MAIN);
        assertEquals(id, s.findClassId(nfd));
        int clips = 0;
        for (ClipSet set : List.of(b.stage1Train(), b.stage1Val(), b.test())) {
            for (int label : set.labels()) {
                clips += label == id ? 1 : 0;
            }
        }
        assertTrue(clips > 0, "the class's clips were found through its NFD file names");
    }

    private static void replaceIn(Path file, String replacement) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("class_001", replacement), StandardCharsets.UTF_8);
    }
}
