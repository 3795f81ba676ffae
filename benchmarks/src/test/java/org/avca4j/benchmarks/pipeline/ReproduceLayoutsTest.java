package org.avca4j.benchmarks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code reproduce --methods avca,tcaf,clipclap} over synthetic data in the three layouts, each
 * method reading its own ({@code --data LAYOUT=ROOT}): three rows in the report, each beside its
 * published figures, each exported and equal through the SDK; AVCA's text width taken from its
 * benchmark. A method whose layout has no root, and an override that contradicts the data, fail
 * before anything is trained.
 */
class ReproduceLayoutsTest {

    @TempDir Path dir;

    /** Tiny synthetic UCF (cls) in each layout: 8 classes, 6 clips per class and folder. */
    private Map<DataLayout, Path> writeLayouts() throws Exception {
        Map<DataLayout, Path> roots = new HashMap<>();
        for (DataLayout layout : DataLayout.values()) {
            Path root = dir.resolve(layout.label());
            SyntheticBenchmark.Builder b =
                    SyntheticBenchmark.builder().setDataset(DatasetName.UCF).optSeed(3);
            if (layout == DataLayout.CLIPCLAP) {
                b.optLayout(layout); // cls features in cls_split
            } else {
                b.optFeatureSet(FeatureSet.CLS).optSplit(SplitName.CLS);
            }
            SyntheticBenchmark synthetic =
                    b.optClasses(8)
                            .optClipsPerClass(6)
                            .optWidths(Tiny.AUDIO_DIM, Tiny.VIDEO_DIM)
                            .optTextDim(layout == DataLayout.CLIPCLAP ? 36 : Tiny.TEXT_DIM)
                            .build();
            if (layout == DataLayout.TCAF) {
                synthetic.writeSequences(root, new SyntheticSequences(1, 4, 0.3, 3));
            } else {
                synthetic.write(root);
            }
            roots.put(layout, root);
        }
        return roots;
    }

    /**
     * {@code reproduce --methods <methods>} on UCF cls, narrowed, with {@link Tiny#OVERRIDES}; {rc,
     * stdout, stderr}.
     */
    private static Object[] reproduce(Path out, String methods, String... more) {
        List<String> args =
                new ArrayList<>(List.of("reproduce", "--dataset", "UCF", "--features", "cls"));
        args.addAll(Tiny.overrideOptions());
        args.addAll(List.of("--out", out.toString(), "--methods", methods));
        List<String> narrow =
                new ArrayList<>(
                        List.of(
                                "avca.encoder_hidden=24",
                                "avca.proj_hidden=24",
                                "avca.out_dim=12",
                                "avca.mlp_dim=12",
                                "clipclap.latent_dim=16",
                                "clipclap.decoder_hidden=16",
                                "clipclap.embed_dim=8"));
        Tiny.TCAF_NARROW.forEach((k, v) -> narrow.add("tcaf." + k + "=" + v));
        for (String s : narrow) {
            if (List.of(methods.split(",")).contains(s.substring(0, s.indexOf('.')))) {
                args.addAll(List.of("--set", s));
            }
        }
        args.addAll(List.of(more));
        return ReproduceMethodsTest.execute(args.toArray(String[]::new));
    }

    private static String[] data(Map<DataLayout, Path> roots, DataLayout... layouts) {
        List<String> args = new ArrayList<>();
        for (DataLayout l : layouts) {
            args.addAll(List.of("--data", l.label() + "=" + roots.get(l)));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void oneRunCoversTheThreeLayoutsAndWritesThreeRows() throws Exception {
        Map<DataLayout, Path> roots = writeLayouts();
        Path out = dir.resolve("out");
        Object[] r = reproduce(out, "avca,tcaf,clipclap", data(roots, DataLayout.values()));
        assertEquals(0, r[0], r[2] + "\n" + r[1]);
        String console = (String) r[1];
        assertFalse(console.contains("SDK and protocol differ"), console);
        for (String id : List.of("avca", "tcaf", "clipclap")) {
            Path folder =
                    out.resolve(
                            Reproduction.runFolderName(id, DatasetName.UCF, FeatureSet.CLS, 42));
            assertTrue(Files.isRegularFile(folder.resolve(SeedRunner.MODEL_FILE)), id);
        }

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode d : results.get("datasets")) {
            rows.put(d.get("method").asText(), d);
        }
        assertEquals(3, rows.size(), results.toString());
        // Each beside its published UCF cls figures (docs/protocol.md, SUCCESSORS-SPEC §1.7, §2.5).
        assertEquals(50.78, rows.get("tcaf").get("published").get("HM").asDouble(), 1e-9);
        assertEquals(55.97, rows.get("clipclap").get("published").get("HM").asDouble(), 1e-9);
        assertFalse(rows.get("avca").get("published").isNull(), rows.get("avca").toString());
        // AVCA's text and attention widths follow its benchmark (30 = 3 heads of 10), recorded.
        JsonNode hp = rows.get("avca").get("hyperparameters");
        assertEquals(Tiny.TEXT_DIM, hp.get("text_dim").asInt(), hp.toString());
        assertEquals(Tiny.TEXT_DIM / 3, hp.get("head_dim").asInt(), hp.toString());
        String md = Files.readString(out.resolve("report.md"));
        for (String name : List.of("AVCA", "TCaF", "ClipClap-GZSL")) {
            assertTrue(md.contains("| " + name + " | ours (1 seed) |"), name + "\n" + md);
        }
    }

    @Test
    void aMethodWithoutARootOfItsLayoutFailsBeforeAnythingIsTrained() throws Exception {
        Map<DataLayout, Path> roots = writeLayouts();
        Path out = dir.resolve("out");
        Object[] r = reproduce(out, "avca,tcaf", data(roots, DataLayout.AVCA));
        assertEquals(1, r[0]);
        assertEquals(
                "error: method tcaf reads the TCaF layout, but no data root of it was given: pass"
                        + " --data tcaf=ROOT (given: avca="
                        + roots.get(DataLayout.AVCA)
                        + ")\n",
                r[2]);
        assertFalse(Files.exists(out), "refused before the output folder is created");

        // A plain root in another layout than the method reads: named, with the option to pass.
        Object[] plain = reproduce(out, "tcaf", "--data", roots.get(DataLayout.AVCA).toString());
        assertEquals(1, plain[0]);
        assertTrue(
                ((String) plain[2])
                        .contains(
                                "method tcaf expected the TCaF layout, found the AVCA layout: name a"
                                        + " root in the TCaF layout with --data tcaf=ROOT"),
                (String) plain[2]);
        // A word before '=' must be a layout; two plain roots are refused.
        Object[] typo = reproduce(out, "avca", "--data", "avcx=" + roots.get(DataLayout.AVCA));
        assertEquals(2, typo[0], "a usage error");
        assertTrue(((String) typo[2]).contains("unknown data layout 'avcx'"), (String) typo[2]);
        Object[] twice = reproduce(out, "avca", "--data", "a", "--data", "b");
        assertEquals(1, twice[0]);
        assertTrue(
                ((String) twice[2]).startsWith("error: --data: two plain roots, a and b"),
                (String) twice[2]);
    }

    @Test
    void anOverrideContradictingTheDataFailsBeforeAnythingIsTrained() throws Exception {
        Map<DataLayout, Path> roots = writeLayouts();
        Path out = dir.resolve("out");
        // AVCA on ClipClap's CLIP/CLAP folder (a plain root in a layout AVCA reads) with the
        // published word2vec width.
        Object[] r =
                reproduce(
                        out,
                        "avca",
                        "--data",
                        roots.get(DataLayout.CLIPCLAP).toString(),
                        "--set",
                        "avca.text_dim=300");
        assertEquals(1, r[0]);
        assertEquals(
                "error: method avca: setting 'text_dim' contradicts the data: the text embeddings of"
                        + " UCF cls are 36 wide, expected text_dim 36, found 300 (without the override"
                        + " AVCA takes the data's width)\n",
                r[2]);
        assertFalse(Files.exists(out.resolve("UCF-cls-seed42")), "nothing was trained");
    }
}
