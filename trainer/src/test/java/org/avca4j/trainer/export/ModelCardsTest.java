package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelFormatException;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.training.EpochRecord;
import org.avca4j.trainer.training.NetworkFactory;
import org.avca4j.trainer.training.ProtocolResult;
import org.avca4j.trainer.training.ProtocolRunner;
import org.avca4j.trainer.training.RunSpec;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.StageResult;
import org.avca4j.trainer.training.TestFigures;
import org.avca4j.trainer.training.Trainer;
import org.avca4j.trainer.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card of a protocol run and the export of its stage-2 epoch-E* model. */
class ModelCardsTest {

    private static final AvcaConfig MODEL =
            new AvcaConfig(8, 12, 30, 16, 16, 8, 3, 10, 8, 0.2, 0.3, 0.5, 0.1);

    @TempDir Path dir;

    private static Benchmark benchmark(int classes, long seed) throws Exception {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optClasses(classes)
                .optClipsPerClass(3)
                .optWidths(8, 12)
                .optTextDim(30)
                .optSeed(seed)
                .build()
                .generate(TextOrder.OWN);
    }

    private static TrainingConfig training(int epochs) {
        return TrainingConfig.builder()
                .setBatchSize(6)
                .optEpochs(epochs)
                .optBatchesPerEpoch(2)
                .optSeed(9)
                .build();
    }

    private static EpochRecord epoch(Stage stage, int epoch, double hm, double beta) {
        return new EpochRecord(stage, epoch, 1, 0, 0, 0, 0, 0, 1e-3, 0.5, hm / 2, hm, 0.4, beta, 1);
    }

    /** A protocol result written by hand: E* = 1, β* = 0.6. */
    private static ProtocolResult result(Benchmark b) {
        List<EpochRecord> h1 =
                List.of(epoch(Stage.STAGE_1, 0, 0.2, 0.4), epoch(Stage.STAGE_1, 1, 0.3, 0.6));
        List<EpochRecord> h2 =
                List.of(epoch(Stage.STAGE_2, 0, 0.5, 0.0), epoch(Stage.STAGE_2, 1, 0.7, 0.2));
        return new ProtocolResult(
                RunSpec.of(b, MODEL, training(2)),
                new StageResult(Stage.STAGE_1, h1, 1, 0.3, 0.6, 1e-3),
                new StageResult(Stage.STAGE_2, h2, 1, 0.7, 0.2, 1e-3),
                1,
                0.6,
                new TestFigures(0.5, 0.25, 1.0 / 3, 0.45, 0.6, Map.of()));
    }

    @Test
    void cardHoldsEveryClassWithItsRoleAndEmbeddingAndTheRunsFigures() throws Exception {
        Benchmark b = benchmark(10, 1);
        ModelCard card = ModelCards.of(b, result(b));

        assertEquals(DatasetName.UCF, card.dataset());
        assertEquals(FeatureSet.MAIN, card.featureSet());
        assertEquals(SplitName.MAIN, card.split());
        assertEquals(TextOrder.OWN, card.textOrder());
        assertEquals(9, card.seed());
        assertEquals(0.6, card.beta());
        // The classes that stage 2 trains on are those with clips in its training set; every other
        // class is unseen.
        Set<Integer> trained = new HashSet<>();
        ClipSet stage2 = b.stage2Train();
        Arrays.stream(stage2.labels()).forEach(trained::add);
        assertEquals(10, card.classes().size());
        int unseen = 0;
        for (int id = 0; id < 10; id++) {
            ModelCard.CardClass c = card.classes().get(id);
            assertEquals(id, c.id());
            assertEquals(String.format("class_%03d", id), c.name());
            assertEquals(
                    trained.contains(id) ? ClassRole.SEEN : ClassRole.UNSEEN, c.role(), c.name());
            assertArrayEquals(b.embeddings()[id], c.embedding(), c.name());
            unseen += c.role() == ClassRole.UNSEEN ? 1 : 0;
        }
        // 10 invented classes: 2 test-unseen, 2 val-unseen (trained in stage 2), 6 stage-1 training
        // classes.
        assertEquals(2, unseen);
        for (int id : b.test().unseenClasses()) {
            assertEquals(ClassRole.UNSEEN, card.classes().get(id).role());
        }

        assertEquals(2, card.training().get("epochs"));
        assertEquals(6, card.training().get("batchSize"));
        assertEquals(30, ((Map<?, ?>) card.training().get("model")).get("textDim"));
        assertEquals(1, card.validation().get("epoch"));
        assertEquals(0.3, card.validation().get("harmonic_mean"));
        assertEquals(0.6, card.validation().get("beta"));
        assertEquals("stage1_val", card.validation().get("clip_set"));
        assertEquals(0.25, card.test().get("unseen"));
        assertEquals(0.45, card.test().get("zsl"));
        assertEquals(b.test().size(), card.test().get("clips"));
        // The widths are those of the architecture the run trained.
        assertEquals(
                List.of(MODEL.audioDim(), MODEL.videoDim(), MODEL.textDim(), MODEL.outDim()),
                List.of(card.audioDim(), card.videoDim(), card.textDim(), card.embeddingDim()));
    }

    @Test
    void cardOfARunOnAnotherBenchmarkIsRefused() throws Exception {
        Benchmark b = benchmark(10, 1);
        Benchmark other = benchmark(12, 1);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelCards.of(other, result(b)));
        assertTrue(
                e.getMessage().contains("10 classes") && e.getMessage().contains("12 classes"),
                e.getMessage());
    }

    @Test
    void sameRunIgnoresOnlyVersionAndTime() throws Exception {
        Benchmark b = benchmark(10, 1);
        ModelCard card = ModelCards.of(b, result(b));
        assertTrue(
                ModelCards.sameRun(
                        card,
                        ModelCards.toBuilder(card)
                                .optProvenance("1.0", "2024-01-01T00:00:00Z")
                                .build()));
        assertFalse(
                ModelCards.sameRun(
                        card,
                        ModelCards.toBuilder(card)
                                .setDims(8, 12, 30, card.embeddingDim() + 1)
                                .build()));
        ProtocolResult r = result(b);
        ProtocolResult otherBeta =
                new ProtocolResult(r.spec(), r.stage1(), r.stage2(), 1, 0.8, r.test());
        assertFalse(ModelCards.sameRun(card, ModelCards.of(b, otherBeta)));
    }

    @Test
    void exportWritesTheStage2CheckpointOfBestEpochWithItsCard() throws Exception {
        Benchmark b = benchmark(6, 2);
        Trainer trainer =
                Trainer.builder()
                        .setNetworkFactory(NetworkFactory.standard())
                        .setModelConfig(MODEL)
                        .setTrainingConfig(training(2))
                        .build();
        Path run = dir.resolve("run");
        ProtocolResult result = new ProtocolRunner(trainer).run(b, run);
        Path file = dir.resolve("model.onnx");
        ModelCard card = ModelCards.export(trainer, b, result, run, file);

        ModelCard read = ModelCards.read(file);
        assertTrue(ModelCards.sameRun(card, read));
        assertEquals(8, read.audioDim());
        assertEquals(result.testBeta(), read.beta());
        assertEquals(result.test().harmonicMean(), read.test().get("harmonic_mean"));

        // The file holds the stage-2 weights of epoch E*: its θv matches that checkpoint, not the
        // other epoch's.
        ClipSet test = b.test();
        float[][] audio = new float[test.size()][];
        float[][] video = new float[test.size()][];
        for (int i = 0; i < test.size(); i++) {
            audio[i] = Arrays.copyOfRange(test.audio(), i * 8, (i + 1) * 8);
            video[i] = Arrays.copyOfRange(test.video(), i * 12, (i + 1) * 12);
        }
        float[][] sdk;
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(file).build()) {
            sdk = c.embedBatch(audio, video);
        }
        int best = result.testEpoch();
        assertTrue(maxDifference(sdk, theta(trainer, run, best, test)) < 1e-4);
        assertTrue(
                maxDifference(sdk, theta(trainer, run, 1 - best, test)) > 1e-3,
                "the two stage-2 epochs give different models");
    }

    @Test
    void builderWritesTheDocumentedJsonAndChecksInBuild() {
        ModelCards.Builder b =
                ModelCards.builder()
                        .setDataset(DatasetName.VGGSOUND, FeatureSet.CLS, SplitName.CLS)
                        .setDims(128, 4096, 2, 64)
                        .setBeta(0.4)
                        .optTextOrder(TextOrder.REFERENCE)
                        .optSeed(7)
                        .optValidation(Map.of("epoch", 3))
                        .addClass("dog", 5, ClassRole.SEEN, new float[] {0.6f, 0.8f});
        assertEquals(
                "{\"format_version\":1,\"dataset\":\"VGGSound\",\"feature_set\":\"cls_features\","
                        + "\"split\":\"cls_split\",\"audio_dim\":128,\"video_dim\":4096,\"text_dim\":2,"
                        + "\"embedding_dim\":64,\"beta\":0.4,\"text_order\":\"reference\",\"seed\":7,"
                        + "\"training\":{},\"validation\":{\"epoch\":3},\"test\":{},"
                        + "\"classes\":[{\"name\":\"dog\",\"id\":5,\"role\":\"SEEN\","
                        + "\"embedding\":[0.6,0.8]}]}",
                b.toJson());
        ModelCard card = b.build();
        assertEquals(3, card.validation().get("epoch"));
        assertEquals(b.toJson(), ModelCards.toBuilder(card).toJson());

        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> ModelCards.builder().build());
        assertEquals(
                "model card builder: setDataset, setDims, setBeta, addClass not called",
                missing.getMessage());
        IllegalArgumentException nan =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                b.addClass("cat", 6, ClassRole.UNSEEN, new float[] {0, Float.NaN})
                                        .build());
        assertTrue(
                nan.getMessage().contains("class 'cat' (classes[1]): 'embedding'[1]"),
                nan.getMessage());
        IllegalArgumentException added =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ModelCards.toBuilder(card)
                                        .addClass("new", -1, ClassRole.ADDED, new float[] {1, 0})
                                        .build());
        assertTrue(added.getMessage().contains("'role' must be"), added.getMessage());
    }

    @Test
    void readRefusesFilesThatAreNoModel() throws Exception {
        assertThrows(NoSuchFileException.class, () -> ModelCards.read(dir.resolve("missing.onnx")));
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> ModelCards.read(junk));
        assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
    }

    private static float[] theta(Trainer trainer, Path run, int epoch, ClipSet clips)
            throws Exception {
        try (AvcaNetwork n = trainer.openCheckpoint(run, Stage.STAGE_2, epoch)) {
            return n.embedVideo(clips.audio(), clips.video(), clips.size());
        }
    }

    private static double maxDifference(float[][] rows, float[] flat) {
        double max = 0;
        int dim = rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < dim; k++) {
                max = Math.max(max, Math.abs(rows[i][k] - flat[i * dim + k]));
            }
        }
        return max;
    }
}
