package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.method.avca.AvcaMethod;
import org.avca4j.trainer.method.avca.AvcaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol takes the method's β grid and stage-2 length ({@link GzslMethod#betaGrid}, {@link
 * GzslMethod#stage2Epochs}): on {@link ScriptedProtocol}'s benchmark, AVCA's network searched over
 * {0, 0.15, 0.5, 1.1, 3} with stage 2 trained for E*+1 epochs.
 */
class MethodGridProtocolTest {

    private static final double[] GRID = {0, 0.15, 0.5, 1.1, 3};

    /**
     * The first grid value above 2 s_k (ScriptedProtocol): 2 s_k = 0.1, 0.9, 0.5 (not above 0.5),
     * 0.3, – (U = 0: β 0), 0.1, 0.1.
     */
    private static final double[] VAL_BETA = {0.15, 1.1, 1.1, 0.5, 0, 0.15, 0.15};

    @TempDir Path dir;

    @Test
    void validationSearchesTheMethodsGridAndStage2TrainsBestPlusOneEpochs() throws Exception {
        TrainingConfig config = ScriptedProtocol.trainingConfig();
        AvcaMethod avca =
                new AvcaMethod(
                        (model, seed, wd) ->
                                new FakeNetwork(
                                        model,
                                        seed,
                                        config.batchesPerEpoch(),
                                        ScriptedProtocol.SCRIPT));
        Trainer trainer =
                Trainer.builder()
                        .setMethod(new GridMethod(avca), AvcaSettings.of(FakeNetwork.smallConfig()))
                        .setTrainingConfig(config)
                        .build();

        ProtocolResult r = new ProtocolRunner(trainer).run(ScriptedProtocol.benchmark(), dir);

        assertEquals(ScriptedProtocol.EPOCHS, r.stage1().history().size());
        for (int k = 0; k < ScriptedProtocol.EPOCHS; k++) {
            EpochRecord e = r.stage1().history().get(k);
            assertEquals(VAL_BETA[k], e.beta(), 1e-9, "stage 1 epoch " + k);
            assertEquals(ScriptedProtocol.VAL_HM[k], e.valHm(), 1e-9, "stage 1 epoch " + k);
        }
        assertEquals(ScriptedProtocol.BEST_EPOCH, r.testEpoch());
        // Stage 2: E* + 1 = 2 epochs, each checkpointed (.bin + .json).
        assertEquals(ScriptedProtocol.BEST_EPOCH + 1, r.stage2().history().size());
        try (Stream<Path> files = Files.list(dir.resolve("stage2"))) {
            assertEquals(2 * (ScriptedProtocol.BEST_EPOCH + 1), files.count());
        }
        // The test at β* = 1.1 gives the figures ScriptedProtocol works out at β = 1 (every
        // decision there holds for β in (0.6, 1.5)).
        assertEquals(1.1, r.testBeta(), 1e-9);
        assertEquals(ScriptedProtocol.TEST_SEEN, r.test().seen(), 1e-9);
        assertEquals(ScriptedProtocol.TEST_UNSEEN, r.test().unseen(), 1e-9);
        assertEquals(ScriptedProtocol.TEST_HM, r.test().harmonicMean(), 1e-9);
    }

    /** AVCA with GRID and stage 2 of E*+1 epochs. */
    private static final class GridMethod implements GzslMethod {
        private final AvcaMethod avca;

        GridMethod(AvcaMethod avca) {
            this.avca = avca;
        }

        @Override
        public String id() {
            return avca.id();
        }

        @Override
        public String displayName() {
            return avca.displayName();
        }

        @Override
        public MethodSettings settings(
                DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
            return avca.settings(dataset, features, overrides);
        }

        @Override
        public TrainingConfig.Builder trainingConfig(
                DatasetName dataset, FeatureSet features, TextOrder textOrder) {
            return avca.trainingConfig(dataset, features, textOrder);
        }

        @Override
        public TestBetaRule testBetaRule(MethodSettings settings) {
            return avca.testBetaRule(settings);
        }

        @Override
        public MethodNetwork create(MethodContext context, MethodSettings settings) {
            return avca.create(context, settings);
        }

        @Override
        public MethodNetwork create(
                MethodContext context, MethodSettings settings, TrainingConfig training) {
            return avca.create(context, settings, training);
        }

        @Override
        public double[] betaGrid(MethodSettings settings) {
            return GRID.clone();
        }

        @Override
        public int stage2Epochs(MethodSettings settings, int bestEpoch, int epochs) {
            return bestEpoch + 1;
        }
    }
}
