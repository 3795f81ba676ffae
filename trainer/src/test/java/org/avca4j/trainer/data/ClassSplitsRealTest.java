package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The class and text mapping on the real class lists and embeddings of the three benchmarks. */
class ClassSplitsRealTest {

    /** First two fields of a CSV line, quoted or not; written independently of {@code CsvTable}. */
    private static final Pattern TWO_FIELDS =
            Pattern.compile("^(\"[^\"]*\"|[^,]*),(\"[^\"]*\"|[^,]*)");

    @ParameterizedTest
    @CsvSource({
        "UCF,main_split,79",
        "UCF,cls_split,79",
        "ACTIVITYNET,main_split,8",
        "ACTIVITYNET,cls_split,8",
        "VGGSOUND,main_split,205",
        "VGGSOUND,cls_split,205"
    })
    void everyListedClassResolvesAndTextOrdersMatchSpec(
            DatasetName ds, String split, int referenceMoved) throws Exception {
        Path dsDir = Avgzsl.dataset(ds);
        ClassSplits s = ClassSplits.read(dsDir.resolve("class-split"), ds, SplitName.parse(split));
        Path npy = dsDir.resolve(BenchmarkLayout.embeddingsFile(ds));
        Map<String, float[]> dict = TextEmbeddings.read(npy);

        List<String> all = new ArrayList<>();
        for (String l : Files.readAllLines(dsDir.resolve("class-split/all_class.txt"))) {
            if (!l.isBlank()) {
                all.add(l.strip());
            }
        }
        all.sort(null);
        assertEquals(all, s.classNames());

        Map<String, String> manual = new HashMap<>();
        List<String> csv =
                Files.readAllLines(
                        dsDir.resolve("class-split/" + BenchmarkLayout.classNamesFile(ds)));
        for (String line : csv.subList(1, csv.size())) {
            Matcher m = TWO_FIELDS.matcher(line);
            assertTrue(m.find(), line);
            manual.put(key(ds, unquote(m.group(1))), unquote(m.group(2)));
        }

        for (SplitStage stage : SplitStage.values()) {
            List<String> listed =
                    Files.readAllLines(
                                    dsDir.resolve(
                                            "class-split/"
                                                    + split
                                                    + "/"
                                                    + stage.fileBase()
                                                    + ".txt"))
                            .stream()
                            .filter(l -> !l.isBlank())
                            .map(String::strip)
                            .toList();
            int[] ids = s.classes(stage);
            assertEquals(listed.size(), ids.length, stage.toString());
            for (int i = 0; i < ids.length; i++) {
                assertEquals(
                        key(ds, listed.get(i)),
                        key(ds, all.get(ids[i])),
                        stage + " " + listed.get(i));
                assertTrue(
                        dict.containsKey(manual.get(key(ds, listed.get(i)))),
                        "embedding for " + listed.get(i));
            }
        }

        float[][] own = s.assignEmbeddings(dict, TextOrder.OWN, npy);
        float[][] ref = s.assignEmbeddings(dict, TextOrder.REFERENCE, npy);
        int moved = 0;
        for (int c = 0; c < all.size(); c++) {
            assertSame(dict.get(manual.get(key(ds, all.get(c)))), own[c], all.get(c));
            if (!java.util.Arrays.equals(ref[c], own[c])) {
                moved++;
            }
        }
        assertEquals(
                referenceMoved,
                moved,
                "classes on another class's vector in the reference order (docs/protocol.md#text-order)");
    }

    @Test
    void ucfCliffDivingGetsCricketBowlingInReferenceOrder() throws Exception {
        Path dsDir = Avgzsl.dataset(DatasetName.UCF);
        ClassSplits s =
                ClassSplits.read(dsDir.resolve("class-split"), DatasetName.UCF, SplitName.MAIN);
        Path npy = dsDir.resolve(BenchmarkLayout.embeddingsFile(DatasetName.UCF));
        Map<String, float[]> dict = TextEmbeddings.read(npy);
        int cliff = s.classNames().indexOf("CliffDiving");
        assertSame(
                dict.get("Cricket Bowling"),
                s.assignEmbeddings(dict, TextOrder.REFERENCE, npy)[cliff]);
        assertSame(dict.get("Cliff Diving"), s.assignEmbeddings(dict, TextOrder.OWN, npy)[cliff]);
        // all_class.txt says HandstandPushups, the split lists HandStandPushups: same class.
        assertEquals(s.classNames().indexOf("HandstandPushups"), s.findClassId("HandStandPushups"));
    }

    private static String key(DatasetName ds, String s) {
        return ds == DatasetName.VGGSOUND ? s : s.toLowerCase(Locale.ROOT);
    }

    private static String unquote(String s) {
        return s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
