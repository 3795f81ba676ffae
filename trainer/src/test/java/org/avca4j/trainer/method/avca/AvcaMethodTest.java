package org.avca4j.trainer.method.avca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.method.OverrideErrors;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.training.NetworkFactory;
import org.avca4j.trainer.training.Presets;
import org.junit.jupiter.api.Test;

/** AVCA as a registered method: presets, overrides, and distances as the validation computes. */
class AvcaMethodTest {

    @Test
    void isRegisteredFirst() {
        assertEquals("avca", Methods.ids().get(0));
        assertInstanceOf(AvcaMethod.class, Methods.of(" AVCA "));
        assertTrue(Methods.isRegistered("avca"));
        assertEquals(8, Methods.PAPER_IDS.size());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Methods.of("nope"));
        assertTrue(e.getMessage().startsWith("unknown method 'nope': expected one of avca"));
    }

    @Test
    void settingsAreThePresetsWithOverrides() {
        AvcaMethod m = new AvcaMethod();
        AvcaSettings ucf = m.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
        assertEquals(
                AvcaSettings.of(Presets.of(DatasetName.UCF, FeatureSet.MAIN).avcaConfig(1, 1)),
                ucf);
        assertEquals(0.2, ucf.asMap().get("r_enc"));
        assertEquals(0.5, ucf.asMap().get("r_dec"));
        assertEquals(0.1, ucf.asMap().get("momentum"));
        AvcaSettings changed =
                m.settings(
                        DatasetName.VGGSOUND,
                        FeatureSet.MAIN,
                        Map.of("r_dec", "0.4", "out_dim", "32"));
        assertEquals(0.4, changed.dropoutDec());
        assertEquals(32, changed.outDim());
        assertEquals(0.0, changed.dropoutEnc());
        assertEquals(
                64,
                m.trainingConfig(DatasetName.VGGSOUND, FeatureSet.MAIN, TextOrder.OWN)
                        .build()
                        .batchSize());
        assertEquals(TestBetaRule.BOTH, m.testBetaRule(ucf));

        String unknown = OverrideErrors.message(m, "margin", "1");
        assertTrue(
                unknown.startsWith(
                        "method avca has no setting 'margin': its settings are r_enc, r_proj,"
                                + " r_dec, momentum"),
                unknown);
        String invalid = OverrideErrors.message(m, "r_enc", "1");
        assertEquals("dropout must be in [0,1), got 1.0", invalid);
    }

    @Test
    void distancesAreTheEuclideanMatrixOfThetaVAndThetaWBitForBit() {
        AvcaConfig config = new AvcaConfig(5, 4, 6, 7, 5, 4, 3, 2, 3, 0.1, 0.2, 0.3, 0.1);
        SplittableRandom r = new SplittableRandom(3);
        int n = 9;
        int c = 4;
        float[] audio = gaussian(r, n * 5);
        float[] video = gaussian(r, n * 4);
        float[] text = gaussian(r, c * 6);
        int[] ids = {0, 1, 2, 3};
        boolean[] seen = {true, false, true, false};
        float[] trainText = gaussian(r, 2 * 6);
        AvcaMethod method = new AvcaMethod(NetworkFactory.standard());
        try (MethodNetwork network =
                        method.create(
                                new MethodContext(5, 4, 6, 11, new int[] {0, 2}, trainText),
                                AvcaSettings.of(config));
                AvcaNetwork direct = NetworkFactory.standard().create(config, 11, 1e-5)) {
            ModeDistances d = network.distances(audio, video, n, text, c);
            DistanceMatrix expected =
                    DistanceMatrix.euclidean(
                            direct.embedVideo(audio, video, n),
                            n,
                            direct.embedText(text, c),
                            config.outDim(),
                            ids,
                            seen);
            float[] want = new float[n * c];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    want[i * c + j] = expected.get(i, j);
                }
            }
            assertArrayEquals(want, d.get(EvalMode.BOTH));
            assertArrayEquals(want, d.get(EvalMode.AUDIO));
            assertTrue(!d.hasOwn(EvalMode.AUDIO) && !d.hasOwn(EvalMode.VIDEO));
        }
    }

    @Test
    void refusesSettingsOfAnotherTextWidth() {
        AvcaSettings s = AvcaSettings.of(AvcaConfig.defaults(4, 4));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new AvcaMethod()
                                        .create(
                                                new MethodContext(
                                                        4, 4, 6, 1, new int[] {0}, new float[6]),
                                                s));
        assertEquals(
                "the text embeddings have width 6 but the AVCA settings have text_dim 300",
                e.getMessage());
    }

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
