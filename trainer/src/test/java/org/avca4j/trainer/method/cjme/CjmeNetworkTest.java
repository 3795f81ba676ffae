package org.avca4j.trainer.method.cjme;

import static org.avca4j.trainer.method.ReferenceMath.batchNorm;
import static org.avca4j.trainer.method.ReferenceMath.mlp;
import static org.avca4j.trainer.method.ReferenceMath.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.BatchNormSequence;
import org.avca4j.trainer.method.CheckpointRoundTrip;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.FiniteDifferences;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.method.OverrideErrors;
import org.avca4j.trainer.method.PairedBatch;
import org.avca4j.trainer.method.PairedInputs;
import org.avca4j.trainer.method.ReferenceMath;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.MethodGraph;
import org.avca4j.trainer.model.TrainingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** CJME's gradient, BatchNorm order, presets, overrides, inference and checkpoints. */
class CjmeNetworkTest {

    private static CjmeSettings tiny(double dropout) {
        return new CjmeSettings(
                dropout, 1.0, 7, 3, TripletWeighting.BROADCAST, TestBetaRule.MEAN_OF_THREE);
    }

    /** With dropout on, so that the masks (the E_train pass's included) are part of the check. */
    @Test
    void wholeLossGradientMatchesFiniteDifferences() {
        MethodContext c = PairedInputs.context(11);
        TrainingBatch batch = PairedInputs.batch(c, 6, 3);
        try (CjmeNetwork net = CjmeNetwork.create(c, tiny(0.2), DataType.DOUBLE)) {
            Map<String, float[]> in = PairedBatch.inputs(batch);
            assertEquals(List.of(), FiniteDifferences.failures(net.graph(), in, 6));
            double gateGrad =
                    net.graph()
                            .lossAndGradients(in, 6, 1)
                            .getGradients()
                            .get("g.fc.W")
                            .norm2Number()
                            .doubleValue();
            assertTrue(gateGrad > 0, "the triplet and attention terms reach ω");
        }
    }

    /**
     * One step updates the running statistics once per call in the reference's order: f_a(a),
     * f_v(v), f_t(w), f_a(a⁻), f_v(v⁻), f_t(w⁻), g([a‖v]), f_t(E_train) — computed here
     * independently from the weights before the step.
     */
    @Test
    void batchNormCallOrder() {
        MethodContext c = PairedInputs.context(11);
        TrainingBatch b = PairedInputs.batch(c, 5, 8);
        int n = b.size();
        try (CjmeNetwork net = CjmeNetwork.create(c, tiny(0), DataType.DOUBLE)) {
            MethodGraph g = net.graph();
            double[][] a = rows(b.audio(), n, c.audioDim());
            double[][] v = rows(b.video(), n, c.videoDim());
            double[][] av = new double[n][];
            for (int i = 0; i < n; i++) {
                av[i] = new double[a[i].length + v[i].length];
                System.arraycopy(a[i], 0, av[i], 0, a[i].length);
                System.arraycopy(v[i], 0, av[i], a[i].length, v[i].length);
            }
            ReferenceMath.Call aNeg = mlp(g, "f_a", rows(b.negAudio(), n, c.audioDim()));
            ReferenceMath.Call aPos = mlp(g, "f_a", a);
            BatchNormSequence expected =
                    new BatchNormSequence()
                            .call("f_a.bn1", aPos)
                            .call("f_v.bn1", mlp(g, "f_v", v))
                            .call("f_t.bn1", mlp(g, "f_t", rows(b.text(), n, c.textDim())))
                            .call("f_a.bn1", aNeg)
                            .call("f_v.bn1", mlp(g, "f_v", rows(b.negVideo(), n, c.videoDim())))
                            .call("f_t.bn1", mlp(g, "f_t", rows(b.negText(), n, c.textDim())))
                            .call("g.bn", batchNorm(g, "g.bn", av))
                            .call(
                                    "f_t.bn1",
                                    mlp(
                                            g,
                                            "f_t",
                                            rows(
                                                    c.trainClassText(),
                                                    c.trainClassCount(),
                                                    c.textDim())));
            BatchNormSequence swapped =
                    new BatchNormSequence().call("f_a.bn1", aNeg).call("f_a.bn1", aPos);
            net.step(b, 1e-3, 1);
            expected.assertMatches(g);
            assertNotEquals(
                    swapped.means().get("f_a.bn1")[0],
                    g.array("f_a.bn1.mean").getDouble(0),
                    1e-6,
                    "the order of the calls is visible in the statistics");
        }
    }

    @Test
    void presetsFollowThePublishedRuns() {
        Cjme m = new Cjme();
        for (FeatureSet f : FeatureSet.values()) {
            assertEquals(0.2, m.settings(DatasetName.UCF, f, Map.of()).dropout());
            assertEquals(0.2, m.settings(DatasetName.ACTIVITYNET, f, Map.of()).dropout());
            assertEquals(0.0, m.settings(DatasetName.VGGSOUND, f, Map.of()).dropout());
        }
        CjmeSettings s = m.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
        assertEquals(TripletWeighting.BROADCAST, s.weighting());
        assertEquals(TestBetaRule.MEAN_OF_THREE, m.testBetaRule(s));
        assertEquals(1.0, s.margin());
        assertEquals(1024, s.hidden());
        assertEquals(64, s.outDim());
        var t =
                m.trainingConfig(
                                DatasetName.VGGSOUND,
                                FeatureSet.MAIN,
                                org.avca4j.sdk.card.TextOrder.OWN)
                        .build();
        assertEquals(256, t.batchSize());
        assertEquals(0.0, t.weightDecay());
        assertEquals(1e-3, t.learningRate());
        assertEquals(50, t.epochs());
        assertEquals(500, t.batchesPerEpoch());
        assertEquals("CJME", Methods.of("CJME").displayName());
    }

    @Test
    void overridesAndTheirErrors() {
        Cjme m = new Cjme();
        CjmeSettings s =
                m.settings(
                        DatasetName.UCF,
                        FeatureSet.CLS,
                        Map.of("weighting", "per_sample", "test_beta", "both", "dropout", "0.1"));
        assertEquals(TripletWeighting.PER_SAMPLE, s.weighting());
        assertEquals(TestBetaRule.BOTH, m.testBetaRule(s));
        assertEquals(0.1, s.dropout());
        assertEquals("per_sample", s.asMap().get("weighting"));
        String unknown = OverrideErrors.message(m, "dropuot", "0");
        assertEquals(
                "method cjme has no setting 'dropuot': its settings are dropout, margin, hidden,"
                        + " out_dim, weighting, test_beta",
                unknown);
        String choice = OverrideErrors.message(m, "weighting", "mean");
        assertEquals(
                "method cjme: setting 'weighting' expects one of broadcast, per_sample, got"
                        + " 'mean'",
                choice);
        String range = OverrideErrors.message(m, "dropout", "1.5");
        assertTrue(range.contains("dropout"), range);
        assertTrue(range.contains("[0,1)"), range);
        OverrideErrors.message(m, "hidden", "wide");
    }

    /**
     * BOTH takes, per clip, d_v where the hard gate is 1 and d_a where it is 0; the gate is ω ≥ 0.5
     * of the inference-mode attention.
     */
    @Test
    void bothModeIsTheGatedChoice() {
        MethodContext c = PairedInputs.context(11);
        TrainingBatch b = PairedInputs.batch(c, 16, 9);
        try (CjmeNetwork net = CjmeNetwork.create(c, tiny(0), DataType.FLOAT)) {
            net.step(b, 1e-2, 1);
            Map<String, float[]> in =
                    Map.of(PairedBatch.AUDIO, b.audio(), PairedBatch.VIDEO, b.video());
            float[] omega =
                    net.graph().infer(in, List.of(CjmeNetwork.OMEGA)).get(CjmeNetwork.OMEGA);
            ModeDistances d = net.distances(b.audio(), b.video(), 16, c.trainClassText(), 3);
            int video = 0;
            for (int i = 0; i < 16; i++) {
                EvalMode chosen = omega[i] >= 0.5f ? EvalMode.VIDEO : EvalMode.AUDIO;
                video += chosen == EvalMode.VIDEO ? 1 : 0;
                for (int j = 0; j < 3; j++) {
                    assertEquals(d.get(chosen)[i * 3 + j], d.get(EvalMode.BOTH)[i * 3 + j], 0f);
                }
            }
            assertTrue(d.hasOwn(EvalMode.AUDIO) && d.hasOwn(EvalMode.VIDEO));
            assertTrue(video >= 0 && video <= 16);
        }
    }

    @Test
    void checkpointRoundTrip(@TempDir Path dir) throws Exception {
        MethodContext c = PairedInputs.context(11);
        Path file = dir.resolve("cjme.ckpt");
        CheckpointRoundTrip.assertSameDistancesAfterReload(
                () -> CjmeNetwork.create(c, tiny(0.2), DataType.FLOAT),
                c,
                PairedInputs.batch(c, 8, 2),
                file);
        try (CjmeNetwork other = CjmeNetwork.create(c, tiny(0.1), DataType.FLOAT)) {
            Exception e = assertThrows(java.io.IOException.class, () -> other.load(file));
            assertTrue(e.getMessage().contains("another method or architecture"), e.getMessage());
        }
    }
}
