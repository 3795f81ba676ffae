package org.avca4j.trainer.method.avgzslnet;

import static org.avca4j.trainer.method.ReferenceMath.mlp;
import static org.avca4j.trainer.method.ReferenceMath.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** AVGZSLNet's gradient, BatchNorm order, presets, overrides, inference and checkpoints. */
class AvgzslNetNetworkTest {

    private static AvgzslNetNetwork network(MethodContext c, double dropout, DataType type) {
        return AvgzslNetNetwork.create(c, AvgzslNetLossTest.tiny(dropout), type);
    }

    @Test
    void wholeLossGradientMatchesFiniteDifferences() {
        MethodContext c = PairedInputs.context(13);
        TrainingBatch batch = PairedInputs.batch(c, 6, 4);
        try (AvgzslNetNetwork net = network(c, 0.3, DataType.DOUBLE)) {
            assertEquals(
                    List.of(),
                    FiniteDifferences.failures(net.graph(), PairedBatch.inputs(batch), 6));
        }
    }

    /**
     * One step updates the running statistics in the order f_a(a), f_v(v), f_t(w), f_a(a⁻),
     * f_v(v⁻), f_t(w⁻), D(a⁺), D(v⁺), D(t⁺), D(a⁻), D(v⁻), computed independently.
     */
    @Test
    void batchNormCallOrder() {
        MethodContext c = PairedInputs.context(13);
        TrainingBatch b = PairedInputs.batch(c, 5, 6);
        int n = b.size();
        try (AvgzslNetNetwork net = network(c, 0, DataType.DOUBLE)) {
            MethodGraph g = net.graph();
            ReferenceMath.Call a = mlp(g, "f_a", rows(b.audio(), n, c.audioDim()));
            ReferenceMath.Call v = mlp(g, "f_v", rows(b.video(), n, c.videoDim()));
            ReferenceMath.Call t = mlp(g, "f_t", rows(b.text(), n, c.textDim()));
            ReferenceMath.Call aN = mlp(g, "f_a", rows(b.negAudio(), n, c.audioDim()));
            ReferenceMath.Call vN = mlp(g, "f_v", rows(b.negVideo(), n, c.videoDim()));
            ReferenceMath.Call tN = mlp(g, "f_t", rows(b.negText(), n, c.textDim()));
            BatchNormSequence expected =
                    new BatchNormSequence()
                            .call("f_a.bn1", a)
                            .call("f_v.bn1", v)
                            .call("f_t.bn1", t)
                            .call("f_a.bn1", aN)
                            .call("f_v.bn1", vN)
                            .call("f_t.bn1", tN)
                            .call("D.bn1", mlp(g, "D", a.out()))
                            .call("D.bn1", mlp(g, "D", v.out()))
                            .call("D.bn1", mlp(g, "D", t.out()))
                            .call("D.bn1", mlp(g, "D", aN.out()))
                            .call("D.bn1", mlp(g, "D", vN.out()));
            net.step(b, 1e-3, 1);
            expected.assertMatches(g);
        }
    }

    @Test
    void presetsAndOverrides() {
        AvgzslNet m = new AvgzslNet();
        for (DatasetName d : DatasetName.values()) {
            for (FeatureSet f : FeatureSet.values()) {
                assertEquals(AvgzslNetSettings.published(), m.settings(d, f, Map.of()));
            }
        }
        AvgzslNetSettings s = AvgzslNetSettings.published();
        assertEquals(0.8, s.embeddingDropout());
        assertEquals(0.5, s.decoderDropout());
        assertEquals(TestBetaRule.MEAN_OF_THREE, m.testBetaRule(s));
        AvgzslNetSettings o =
                m.settings(
                        DatasetName.UCF,
                        FeatureSet.MAIN,
                        Map.of("test_beta", "both", "decoder_hidden", "32", "margin", "0.5"));
        assertEquals(TestBetaRule.BOTH, m.testBetaRule(o));
        assertEquals(32, o.decoderHidden());
        assertEquals(0.5, o.margin());
        String unknown = OverrideErrors.message(m, "dropout", "0");
        assertEquals(
                "method avgzslnet has no setting 'dropout': its settings are embedding_dropout,"
                        + " decoder_dropout, margin, hidden, decoder_hidden, out_dim, test_beta",
                unknown);
        String margin = OverrideErrors.message(m, "margin", "-1");
        assertEquals("AVGZSLNet margin must be positive and finite, got -1.0", margin);
        assertEquals("AVGZSLNet", Methods.of("avgzslnet").displayName());
        assertEquals(
                0,
                m.trainingConfig(
                                DatasetName.UCF, FeatureSet.MAIN, org.avca4j.sdk.card.TextOrder.OWN)
                        .build()
                        .weightDecay());
    }

    @Test
    void bothModeIsTheSumOfTheTwoDistances() {
        MethodContext c = PairedInputs.context(13);
        TrainingBatch b = PairedInputs.batch(c, 8, 2);
        try (AvgzslNetNetwork net = network(c, 0.3, DataType.FLOAT)) {
            net.step(b, 1e-2, 1);
            ModeDistances d = net.distances(b.audio(), b.video(), 8, c.trainClassText(), 3);
            for (int k = 0; k < 24; k++) {
                assertEquals(
                        d.get(EvalMode.AUDIO)[k] + d.get(EvalMode.VIDEO)[k],
                        d.get(EvalMode.BOTH)[k],
                        0f);
            }
            assertTrue(net.graph().arrayNames().contains("D.bn1.mean"));
        }
    }

    @Test
    void checkpointRoundTrip(@TempDir Path dir) throws Exception {
        MethodContext c = PairedInputs.context(13);
        CheckpointRoundTrip.assertSameDistancesAfterReload(
                () -> network(c, 0.3, DataType.FLOAT),
                c,
                PairedInputs.batch(c, 8, 2),
                dir.resolve("avgzslnet.ckpt"));
    }
}
