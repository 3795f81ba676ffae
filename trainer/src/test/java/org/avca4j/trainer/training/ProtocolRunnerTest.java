package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.avca4j.sdk.card.TextOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolRunnerTest {

    private static final double EPS = 1e-9;

    @TempDir Path dir;

    @Test
    void picksEpochAndBetaOnStage1AndTestsTheStage2CheckpointOfThatEpoch() throws Exception {
        ProtocolResult r =
                new ProtocolRunner(ScriptedProtocol.trainer(TrainingListener.NONE))
                        .run(ScriptedProtocol.benchmark(), dir);

        for (StageResult stage : List.of(r.stage1(), r.stage2())) {
            assertEquals(ScriptedProtocol.EPOCHS, stage.history().size());
            for (int k = 0; k < ScriptedProtocol.EPOCHS; k++) {
                EpochRecord e = stage.history().get(k);
                String at = stage.stage().id() + " epoch " + k;
                assertEquals(k, e.epoch(), at);
                assertEquals(stage.stage(), e.stage(), at);
                assertEquals(1.0, e.valSeen(), EPS, at);
                assertEquals(ScriptedProtocol.REACHABLE[k] / 4.0, e.valUnseen(), EPS, at);
                assertEquals(ScriptedProtocol.VAL_HM[k], e.valHm(), EPS, at);
                assertEquals(ScriptedProtocol.VAL_BETA[k], e.beta(), EPS, at);
                assertEquals(1.0, e.valZsl(), EPS, at); // class 2 is the only unseen candidate
                assertEquals(ScriptedProtocol.LR[k], e.lr(), 1e-15, at);
            }
            assertEquals(ScriptedProtocol.BEST_EPOCH, stage.bestEpoch());
            assertEquals(1e-4, stage.finalLearningRate(), 1e-15);
        }
        assertEquals(ScriptedProtocol.BEST_EPOCH, r.testEpoch());
        assertEquals(1.0, r.testBeta(), EPS);
        assertEquals(1.0, r.test().beta(), EPS);
        assertEquals(ScriptedProtocol.TEST_SEEN, r.test().seen(), EPS);
        assertEquals(ScriptedProtocol.TEST_UNSEEN, r.test().unseen(), EPS);
        assertEquals(ScriptedProtocol.TEST_HM, r.test().harmonicMean(), EPS);
        assertEquals(ScriptedProtocol.TEST_ZSL, r.test().zsl(), EPS);
        assertEquals(2.0 / 3, r.test().perClassAccuracy().get(3), EPS);
        assertEquals(TextOrder.OWN, r.textOrder());

        // Stage 1 keeps its latest and its best checkpoint, stage 2 every epoch's.
        assertEquals(
                Set.of(
                        "checkpoint-epoch-001.bin",
                        "checkpoint-epoch-001.json",
                        "checkpoint-epoch-006.bin",
                        "checkpoint-epoch-006.json"),
                files(dir.resolve("stage1")));
        assertEquals(14, files(dir.resolve("stage2")).size());
        assertTrue(files(dir).containsAll(Set.of("metrics.jsonl", "run.json")));
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));

        ProtocolResult read = ProtocolResult.read(dir.resolve(ProtocolResult.FILE_NAME));
        assertEquals(r, read);
    }

    @Test
    void betaStarOfZeroIsTestedAtZero() throws Exception {
        // Every clip sits on its class, so validation HM is 1 from β = 0 on: β* = 0 (first
        // maximum), E* = 0.
        // The test's class-2 clip (seen) sits at 24.95, between 2 and unseen 3: d2 = 4.95 + β < d3
        // = 5.05
        // only for β < 0.1, so S = 1 at β = 0 and 2/3 at any other β of the grid.
        FakeNetwork.Script onClass =
                (epoch, audio, trained) -> new float[] {audio[1] == 30 ? 24.95f : 10 * audio[0], 0};
        var scripted = ScriptedProtocol.benchmark();
        var test =
                TestClips.labelled(
                        "test",
                        new int[][] {{0, 0}, {1, 0}, {2, 30}, {3, 0}, {4, 0}},
                        new int[] {0, 1, 2},
                        new int[] {3, 4});
        var benchmark =
                TestClips.benchmark(
                        5,
                        scripted.stage1Train(),
                        scripted.stage1Val(),
                        scripted.stage2Train(),
                        test);
        TrainingConfig config = ScriptedProtocol.trainingConfig().toBuilder().optEpochs(2).build();
        Trainer trainer =
                Trainer.builder()
                        .setNetworkFactory(
                                (m, s, wd) ->
                                        new FakeNetwork(m, s, config.batchesPerEpoch(), onClass))
                        .setModelConfig(FakeNetwork.smallConfig())
                        .setTrainingConfig(config)
                        .build();
        ProtocolResult r = new ProtocolRunner(trainer).run(benchmark, dir);
        assertEquals(0, r.testEpoch());
        assertEquals(0.0, r.testBeta());
        assertEquals(0.0, r.test().beta());
        assertEquals(1.0, r.test().seen(), EPS);
        assertEquals(1.0, r.test().harmonicMean(), EPS);
    }

    @Test
    void metricsFileHoldsOneParsableLinePerEpochWithEveryKey() throws Exception {
        new ProtocolRunner(ScriptedProtocol.trainer(TrainingListener.NONE))
                .run(ScriptedProtocol.benchmark(), dir);
        List<String> lines = Files.readAllLines(dir.resolve(MetricsLog.FILE_NAME));
        assertEquals(2 * ScriptedProtocol.EPOCHS, lines.size());
        Set<String> keys =
                Set.of(
                        "stage",
                        "epoch",
                        "loss",
                        "lossRec",
                        "lossCt",
                        "lossW",
                        "lossT",
                        "lossR",
                        "lr",
                        "valSeen",
                        "valUnseen",
                        "valHm",
                        "valZsl",
                        "beta",
                        "seconds");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = Json.MAPPER.readTree(lines.get(i));
            Set<String> names = new TreeSet<>();
            node.fieldNames().forEachRemaining(names::add);
            assertEquals(new TreeSet<>(keys), names, "line " + (i + 1));
            assertEquals(
                    i < ScriptedProtocol.EPOCHS ? "stage1" : "stage2", node.get("stage").asText());
            assertEquals(i % ScriptedProtocol.EPOCHS, node.get("epoch").asInt());
            assertEquals(
                    ScriptedProtocol.VAL_HM[i % ScriptedProtocol.EPOCHS],
                    node.get("valHm").asDouble(),
                    EPS);
            double terms =
                    node.get("lossRec").asDouble()
                            + node.get("lossCt").asDouble()
                            + node.get("lossW").asDouble()
                            + node.get("lossT").asDouble()
                            + node.get("lossR").asDouble();
            assertEquals(node.get("loss").asDouble(), terms, 1e-9, "line " + (i + 1));
            assertTrue(node.get("seconds").asDouble() >= 0);
        }
        List<EpochRecord> records = MetricsLog.read(dir.resolve(MetricsLog.FILE_NAME));
        assertEquals(2 * ScriptedProtocol.EPOCHS, records.size());
    }

    @Test
    void listenerSeesEveryStepAndEpoch() throws Exception {
        List<String> events = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void onEpochStart(Stage stage, int epoch, int epochs) {
                        events.add("start " + stage.id() + " " + epoch + "/" + epochs);
                    }

                    @Override
                    public void onStep(
                            int step, int of, org.avca4j.trainer.model.StepLosses losses) {
                        events.add("step " + step + "/" + of);
                    }

                    @Override
                    public void onEpochEnd(EpochRecord record) {
                        events.add("end " + record.stage().id() + " " + record.epoch());
                    }
                };
        ScriptedProtocol.trainer(listener).train(Stage.STAGE_1, ScriptedProtocol.benchmark(), dir);
        assertEquals(ScriptedProtocol.EPOCHS * 5, events.size());
        assertEquals(
                List.of("start stage1 0/7", "step 1/3", "step 2/3", "step 3/3", "end stage1 0"),
                events.subList(0, 5));
    }

    @Test
    void refusesABenchmarkOfAnotherTextOrder() {
        Trainer trainer =
                Trainer.builder()
                        .setNetworkFactory(
                                (m, s, wd) -> new FakeNetwork(m, s, 3, ScriptedProtocol.SCRIPT))
                        .setModelConfig(FakeNetwork.smallConfig())
                        .setTrainingConfig(
                                ScriptedProtocol.trainingConfig().toBuilder()
                                        .optTextOrder(TextOrder.REFERENCE)
                                        .build())
                        .build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> trainer.train(Stage.STAGE_1, ScriptedProtocol.benchmark(), dir));
        assertTrue(e.getMessage().contains("textOrder REFERENCE"), e.getMessage());
    }

    private static Set<String> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
