package org.avca4j.trainer.method.avca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.training.Presets;
import org.junit.jupiter.api.Test;

/**
 * AVCA's text width and attention space follow the benchmark (AVCA-SPEC §3: the encoders map into
 * the text space, which is the transformer's, heads × head_dim wide): ClipClap's 1536-wide text
 * gives text_dim 1536 and head_dim 1536 / 3 = 512; an override that contradicts the data fails with
 * expected and found.
 */
class AvcaDataWidthsTest {

    private static final AvcaMethod AVCA = new AvcaMethod();

    /** A tiny UCF cls in ClipClap's layout: 1536-wide text (CLIP 512 ‖ CLAP 1024), 8-d features. */
    private static Benchmark clipClap() throws Exception {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optLayout(DataLayout.CLIPCLAP)
                .optClasses(8)
                .optClipsPerClass(2)
                .optWidths(8, 8)
                .build()
                .generate();
    }

    @Test
    void clipClapTextGivesTextDim1536AndHeadDim512() throws Exception {
        Benchmark b = clipClap();
        assertEquals(1536, b.textDim());
        AvcaSettings s = AVCA.settings(b, Map.of());
        AvcaSettings preset = AVCA.settings(DatasetName.UCF, FeatureSet.CLS, Map.of());
        assertEquals(300, preset.textDim());
        assertEquals(100, preset.headDim());
        assertEquals(preset.withTextDim(1536), s);
        assertEquals(1536, s.textDim());
        assertEquals(3, s.heads());
        assertEquals(512, s.headDim());
        assertEquals(1536, s.asMap().get("text_dim"));
        assertEquals(512, s.asMap().get("head_dim"));
        // The train command's architecture follows the data alike.
        assertEquals(s.config(8, 8), Presets.of(DatasetName.UCF, FeatureSet.CLS).avcaConfig(b));
        // Overrides that agree with the data, or choose other heads, are kept.
        assertEquals(s, AVCA.settings(b, Map.of("text_dim", "1536", "head_dim", "512")));
        assertEquals(384, AVCA.settings(b, Map.of("heads", "4")).headDim());
        assertEquals(128, AVCA.settings(b, Map.of("heads", "12", "head_dim", "128")).headDim());
    }

    @Test
    void overridesThatContradictTheDataAreNamed() throws Exception {
        Benchmark b = clipClap();
        assertEquals(
                "method avca: setting 'text_dim' contradicts the data: the text embeddings of UCF"
                        + " cls are 1536 wide, expected text_dim 1536, found 300 (without the"
                        + " override AVCA takes the data's width)",
                refusal(b, "text_dim", "300"));
        assertEquals(
                "method avca: heads · head_dim must equal text_dim (the attention space is the"
                        + " text space): expected 1536, found 3 · 100 = 300",
                refusal(b, "head_dim", "100"));
        assertEquals(
                "method avca: the attention space is the text space, text_dim = heads · head_dim:"
                        + " text_dim 1536 is not a multiple of heads 5; choose heads dividing it, or"
                        + " heads and head_dim with heads · head_dim = 1536",
                refusal(b, "heads", "5"));
    }

    /** The message of AVCA's refusal of one override on the benchmark. */
    private static String refusal(Benchmark b, String name, String value) {
        return assertThrows(
                        IllegalArgumentException.class, () -> AVCA.settings(b, Map.of(name, value)))
                .getMessage();
    }

    @Test
    void word2vecTextKeepsThePreset() throws Exception {
        Benchmark b =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optClasses(8)
                        .optClipsPerClass(2)
                        .optWidths(8, 8)
                        .optTextDim(300)
                        .build()
                        .generate();
        assertEquals(
                AVCA.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of()),
                AVCA.settings(b, Map.of()));
    }
}
