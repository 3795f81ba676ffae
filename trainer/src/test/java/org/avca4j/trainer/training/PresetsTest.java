package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.model.AvcaConfig;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void publishedRunsOfSpecSection6() {
        // dataset / features | bs | r_enc | r_proj | r_dec | m
        assertEquals(
                new Preset(256, 0.2, 0.3, 0.5, 0.1), Presets.of(DatasetName.UCF, FeatureSet.MAIN));
        assertEquals(
                new Preset(256, 0.2, 0.3, 0.5, 0.99), Presets.of(DatasetName.UCF, FeatureSet.CLS));
        assertEquals(
                new Preset(256, 0.2, 0.2, 0.1, 0.99),
                Presets.of(DatasetName.ACTIVITYNET, FeatureSet.MAIN));
        assertEquals(
                new Preset(256, 0.2, 0.2, 0.1, 0.99),
                Presets.of(DatasetName.ACTIVITYNET, FeatureSet.CLS));
        assertEquals(
                new Preset(64, 0.0, 0.0, 0.1, 0.1),
                Presets.of(DatasetName.VGGSOUND, FeatureSet.MAIN));
        assertEquals(
                new Preset(256, 0.0, 0.0, 0.0, 0.99),
                Presets.of(DatasetName.VGGSOUND, FeatureSet.CLS));
    }

    @Test
    void presetFillsTheArchitectureWithTheDataWidths() {
        AvcaConfig c = Presets.of(DatasetName.UCF, FeatureSet.CLS).avcaConfig(128, 4096);
        assertEquals(
                new AvcaConfig(128, 4096, 300, 512, 512, 64, 3, 100, 64, 0.2, 0.3, 0.5, 0.99), c);
    }

    @Test
    void presetTrainingConfigHasThePublishedSettingsAndIsOverridable() {
        TrainingConfig t =
                Presets.of(DatasetName.VGGSOUND, FeatureSet.MAIN)
                        .trainingConfig(TextOrder.REFERENCE)
                        .build();
        assertEquals(
                new TrainingConfig(
                        1e-3, 50, 500, 64, 42, 1e-5, PlateauConfig.DEFAULT, TextOrder.REFERENCE),
                t);
        assertEquals(new PlateauConfig(0.1, 3, 1e-4, 0, 0, 1e-8), t.plateau());
        TrainingConfig shorter = t.toBuilder().optEpochs(3).optSeed(7).build();
        assertEquals(3, shorter.epochs());
        assertEquals(7, shorter.seed());
        assertEquals(64, shorter.batchSize());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FeatureSet.parse("selavi"));
        assertTrue(
                e.getMessage().contains("'selavi'") && e.getMessage().contains("main_features"),
                e.getMessage());
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> TrainingConfig.builder().build());
        assertTrue(missing.getMessage().contains("batchSize"), missing.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingConfig.builder().setBatchSize(8).optEpochs(0).build());
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new PlateauConfig(1.0, 3, 1e-4, 0, 0, 1e-8));
        assertTrue(e.getMessage().contains("plateau.factor"), e.getMessage());
    }
}
