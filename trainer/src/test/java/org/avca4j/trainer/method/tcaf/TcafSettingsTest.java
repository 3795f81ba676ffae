package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.junit.jupiter.api.Test;

class TcafSettingsTest {

    @Test
    void presetsGiveThePublishedParameterCounts() {
        // SUCCESSORS-SPEC §1.2: PyTorch's counts of the six published models (VGGish 128 / C3D
        // 4096 on cls, SeLaVi 512 / 512 on main, word2vec 300)
        assertEquals(7_269_972L, count(DatasetName.UCF, FeatureSet.CLS, 128, 4096));
        assertEquals(7_269_972L, count(DatasetName.ACTIVITYNET, FeatureSet.CLS, 128, 4096));
        assertEquals(8_655_028L, count(DatasetName.VGGSOUND, FeatureSet.CLS, 128, 4096));
        assertEquals(4_521_764L, count(DatasetName.UCF, FeatureSet.MAIN, 512, 512));
        assertEquals(5_161_908L, count(DatasetName.ACTIVITYNET, FeatureSet.MAIN, 512, 512));
        assertEquals(8_848_308L, count(DatasetName.VGGSOUND, FeatureSet.MAIN, 512, 512));
    }

    private static long count(DatasetName d, FeatureSet f, int audio, int video) {
        return TcafWeights.initial(audio, video, 300, TcafSettings.published(d, f), 1)
                .trainableCount();
    }

    @Test
    void presetsFollowTheTable() {
        TcafSettings an = TcafSettings.published(DatasetName.ACTIVITYNET, FeatureSet.MAIN);
        assertEquals(128, an.encoderHidden());
        assertEquals(3, an.heads());
        assertEquals(128, an.headDim());
        assertEquals(60, an.trainWindow());
        assertEquals(300, an.evalWindow());
        TcafSettings vgg = TcafSettings.published(DatasetName.VGGSOUND, FeatureSet.CLS);
        assertEquals(0.5, vgg.attentionDropout());
        assertEquals(0.1, vgg.embeddingDropout());
        assertEquals(0, vgg.trainWindow());
        assertEquals(
                6e-5, TcafSettings.publishedLearningRate(DatasetName.VGGSOUND, FeatureSet.CLS));
        assertEquals(5e-5, TcafSettings.publishedLearningRate(DatasetName.UCF, FeatureSet.MAIN));
        assertTrue(TcafSettings.publishedPlateau(DatasetName.UCF, FeatureSet.CLS));
        assertFalse(TcafSettings.publishedPlateau(DatasetName.UCF, FeatureSet.MAIN));
        assertTrue(TcafSettings.publishedPlateau(DatasetName.ACTIVITYNET, FeatureSet.MAIN));
        assertEquals(TimeCodes.INDEX_AT_INFERENCE, vgg.timeCodes());
        assertEquals(Stage2Length.REFERENCE, vgg.stage2Length());
    }

    @Test
    void overridesParseAndAreChecked() {
        TcafSettings s =
                TcafSettings.published(DatasetName.UCF, FeatureSet.CLS)
                        .with(Map.of("depth", "2", "time_codes", "rated"));
        assertEquals(2, s.depth());
        assertEquals(TimeCodes.RATED, s.timeCodes());
        assertEquals("rated", s.asMap().get("time_codes"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TcafSettings.published(DatasetName.UCF, FeatureSet.CLS)
                                        .with(Map.of("lr", "1")));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        TcafSettings.published(DatasetName.UCF, FeatureSet.CLS)
                                .with(Map.of("attention_dropout", "1.0")));
    }

    @Test
    void stageTwoLengthKeepsTheReferenceRuleAndItsFix() {
        assertEquals(8, Stage2Length.REFERENCE.epochs(7, 50));
        assertEquals(50, Stage2Length.REFERENCE.epochs(0, 50));
        assertEquals(1, Stage2Length.BEST_PLUS_ONE.epochs(0, 50));
        assertEquals(50, Stage2Length.BEST_PLUS_ONE.epochs(49, 50));
        assertThrows(IllegalArgumentException.class, () -> Stage2Length.REFERENCE.epochs(50, 50));
    }

    @Test
    void tcafMethodTrainsStageTwoAsItsSettingsSay() {
        // SUCCESSORS-SPEC §0: stage 2 trains E*+1 epochs, all of them when E* = 0 (quirk 6)
        TcafMethod m = new TcafMethod();
        TcafSettings s = m.settings(DatasetName.UCF, FeatureSet.CLS, Map.of());
        assertEquals(8, m.stage2Epochs(s, 7, 50));
        assertEquals(50, m.stage2Epochs(s, 0, 50), "E* = 0 trains every epoch");
        TcafSettings fixed = s.with(Map.of("stage2_length", "best_plus_one"));
        assertEquals(1, m.stage2Epochs(fixed, 0, 50));
        assertEquals(8, m.stage2Epochs(fixed, 7, 50));
        assertThrows(IllegalArgumentException.class, () -> m.stage2Epochs(s, 50, 50));
    }
}
