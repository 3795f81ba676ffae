package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.method.apn.ApnSettings;
import org.avca4j.trainer.method.devise.DeviseLoss;
import org.avca4j.trainer.method.devise.DeviseSettings;
import org.avca4j.trainer.training.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * The presets of the published runs of ALE, SJE, DEVISE and APN per dataset and feature set
 * (docs/baselines.md), their overrides, and the errors of bad overrides.
 */
class SingleEmbeddingSettingsTest {

    @Test
    void deviseFamilyPresets() {
        for (String id : List.of("ale", "sje", "devise")) {
            GzslMethod m = Methods.of(id);
            DeviseLoss loss = DeviseLoss.valueOf(id.toUpperCase(java.util.Locale.ROOT));
            for (DatasetName d : DatasetName.values()) {
                for (FeatureSet f : FeatureSet.values()) {
                    double dropout = d == DatasetName.VGGSOUND ? 0.0 : 0.2;
                    assertEquals(
                            new DeviseSettings(loss, dropout, f == FeatureSet.CLS, 1.0, false),
                            m.settings(d, f, Map.of()),
                            id + " " + d + " " + f);
                }
            }
            assertEquals(
                    TestBetaRule.BOTH,
                    m.testBetaRule(m.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of())));
        }
    }

    @Test
    void apnPresets() {
        GzslMethod m = Methods.of("apn");
        for (DatasetName d : DatasetName.values()) {
            assertEquals(new ApnSettings(false, false), m.settings(d, FeatureSet.MAIN, Map.of()));
            assertEquals(new ApnSettings(true, false), m.settings(d, FeatureSet.CLS, Map.of()));
        }
        assertEquals(
                List.of("norm_inputs", "ce_on_logits"),
                List.copyOf(
                        m.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of()).asMap().keySet()));
    }

    @Test
    void everyMethodTrainsWithBatch256AndNoWeightDecay() {
        for (String id : List.of("ale", "sje", "devise", "apn")) {
            TrainingConfig c =
                    Methods.of(id)
                            .trainingConfig(DatasetName.VGGSOUND, FeatureSet.MAIN, TextOrder.OWN)
                            .build();
            assertEquals(256, c.batchSize(), id);
            assertEquals(0.0, c.weightDecay(), id);
            assertEquals(1e-3, c.learningRate(), id);
            assertEquals(50, c.epochs(), id);
            assertEquals(500, c.batchesPerEpoch(), id);
        }
    }

    @Test
    void overridesReplaceSettingsByName() {
        Map<String, String> o =
                SettingValues.parse(" dropout = 0.5, honour_margin=TRUE,margin=0.3");
        assertEquals(
                new DeviseSettings(DeviseLoss.SJE, 0.5, false, 0.3, true),
                Methods.of("sje").settings(DatasetName.UCF, FeatureSet.MAIN, o));
        assertEquals(
                0.3, new DeviseSettings(DeviseLoss.SJE, 0.5, false, 0.3, true).effectiveMargin());
        assertEquals(
                0.1, new DeviseSettings(DeviseLoss.SJE, 0.5, false, 0.3, false).effectiveMargin());
        assertEquals(
                new ApnSettings(false, true),
                Methods.of("apn")
                        .settings(
                                DatasetName.UCF,
                                FeatureSet.CLS,
                                Map.of("norm_inputs", "false", "ce_on_logits", "true")));
    }

    @Test
    void badOverridesFailWithClearMessages() {
        GzslMethod devise = Methods.of("devise");
        assertMessage(
                "method devise has no setting 'dropot': its settings are dropout, norm_inputs,"
                        + " margin, honour_margin",
                () -> devise.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of("dropot", "0.1")));
        assertMessage(
                "method devise: setting 'dropout' expects a finite number, got 'lots'",
                () -> devise.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of("dropout", "lots")));
        assertMessage(
                "method devise: setting 'dropout' must be in [0, 1), got 1.0",
                () -> devise.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of("dropout", "1")));
        assertMessage(
                "method apn: setting 'ce_on_logits' expects true or false, got 'yes'",
                () ->
                        Methods.of("apn")
                                .settings(
                                        DatasetName.UCF,
                                        FeatureSet.MAIN,
                                        Map.of("ce_on_logits", "yes")));
        // APN has no dropout: the reference's flag has no effect on it, so it is refused here
        assertMessage(
                "method apn has no setting 'dropout': its settings are norm_inputs, ce_on_logits",
                () ->
                        Methods.of("apn")
                                .settings(
                                        DatasetName.UCF,
                                        FeatureSet.MAIN,
                                        Map.of("dropout", "0.2")));
        assertMessage(
                "setting override 'dropout' is not of the form name=value (in 'dropout')",
                () -> SettingValues.parse("dropout"));
        assertMessage(
                "setting 'margin' is given twice in 'margin=1,margin=2'",
                () -> SettingValues.parse("margin=1,margin=2"));
    }

    @Test
    void settingValuesParseByTheTypeOfTheDefault() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("n", 3);
        defaults.put("seed", 7L);
        defaults.put("name", "x");
        defaults.put("mode", EvalMode.BOTH);
        SettingValues v =
                SettingValues.of("m", defaults, Map.of("n", "5", "seed", "9", "name", " y "));
        assertEquals(5, v.integer("n"));
        assertEquals(Map.of("n", 5, "seed", 9L, "name", "y", "mode", EvalMode.BOTH), v.asMap());
        assertEquals(
                EvalMode.AUDIO,
                SettingValues.of("m", defaults, Map.of("mode", "audio"))
                        .choice("mode", EvalMode.class));
        assertMessage(
                "method m: setting 'mode' expects one of audio, video, both, got 'all'",
                () -> SettingValues.of("m", defaults, Map.of("mode", "all")));
        assertMessage(
                "method m: setting 'n' expects an integer, got '2.5'",
                () -> SettingValues.of("m", defaults, Map.of("n", "2.5")));
        assertMessage("method m has no Double setting 'n'", () -> v.number("n"));
        assertEquals(Map.of(), SettingValues.parse("  "));
    }

    @Test
    void settingsOfAnotherMethodAreRefused() {
        MethodContext c = org.avca4j.trainer.testing.TinyInputs.context();
        MethodSettings apn = Methods.of("apn").settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
        MethodSettings sje = Methods.of("sje").settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> Methods.of("devise").create(c, apn));
        assertTrue(e.getMessage().startsWith("method devise cannot use settings"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Methods.of("devise").create(c, sje));
        assertThrows(IllegalArgumentException.class, () -> Methods.of("apn").create(c, sje));
    }

    private static void assertMessage(
            String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
