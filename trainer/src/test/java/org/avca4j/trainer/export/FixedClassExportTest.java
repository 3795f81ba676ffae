package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.RowArrays.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.method.fvaegan.FixedClassClassifier;
import org.avca4j.trainer.method.fvaegan.FvaeganProtocol;
import org.avca4j.trainer.method.fvaegan.FvaeganResult;
import org.avca4j.trainer.method.fvaegan.FvaeganSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * f-VAEGAN-D2's exported GZSL classifier through the SDK: the same scores (≤ 1e-4) and predictions
 * as the trainer's classifier, the test figures of the run, and a clear refusal to add a class.
 */
class FixedClassExportTest {

    @TempDir static Path dir;

    private static Benchmark benchmark;
    private static FvaeganResult result;
    private static Path model;

    @BeforeAll
    static void run() throws Exception {
        benchmark =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optClasses(10)
                        .optClipsPerClass(8)
                        .optWidths(12, 16)
                        .optTextDim(20)
                        .optSeed(3)
                        .build()
                        .generate();
        Map<String, String> o = new LinkedHashMap<>();
        o.put("syn_num", "20");
        o.put("nepoch", "2");
        o.put("nepoch_classifier", "4");
        o.put("latent_size", "20");
        o.put("ndh", "16");
        o.put("encoder_hidden", "16");
        o.put("decoder_hidden", "16");
        FvaeganSettings settings = FvaeganSettings.published(DatasetName.UCF).with(o);
        result = FvaeganProtocol.run(benchmark, settings, dir.resolve("run"), 3);
        model = dir.resolve("fvaegan.onnx");
        new FixedClassOnnxExporter()
                .export(result.classifier(), FvaeganCards.of(benchmark, result), model);
    }

    @Test
    void sdkScoresAndPredictionsEqualTheTrainersClassifier() throws Exception {
        ClipSet test = benchmark.test();
        FixedClassClassifier trained = result.classifier();
        float[] expected = trained.scores(test.audio(), test.video(), test.size());
        int[] predicted = trained.predict(test.audio(), test.video(), test.size());
        try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(model).build()) {
            ModelCard card = sdk.card();
            assertEquals(ScoringRule.FIXED_CLASSES, card.scoringRule());
            assertEquals(0, card.beta());
            int[] ids = card.classes().stream().mapToInt(ModelCard.CardClass::id).toArray();
            assertArrayEquals(trained.classIds(), ids);
            float[][] audio = rows(test.audio(), test.size(), test.audioDim());
            float[][] video = rows(test.video(), test.size(), test.videoDim());
            float[][] scores = sdk.embedBatch(audio, video);
            int c = ids.length;
            for (int i = 0; i < test.size(); i++) {
                for (int j = 0; j < c; j++) {
                    assertEquals(
                            expected[i * c + j], scores[i][j], 1e-4, "clip " + i + " class " + j);
                }
            }
            List<Prediction> predictions = sdk.classifyBatch(audio, video);
            Map<String, Integer> idOf = new TreeMap<>();
            for (ModelCard.CardClass k : card.classes()) {
                idOf.put(k.name(), k.id());
            }
            int[] sdkIds = new int[test.size()];
            for (int i = 0; i < test.size(); i++) {
                sdkIds[i] = idOf.get(predictions.get(i).label());
                assertEquals(sdk.classify(audio[i], video[i]).label(), predictions.get(i).label());
            }
            assertArrayEquals(predicted, sdkIds);
            // The SDK's predictions give the run's reported test figures.
            double[] su = meanPerClassAccuracy(test, sdkIds);
            assertEquals(result.test().seen(), su[0], 1e-12);
            assertEquals(result.test().unseen(), su[1], 1e-12);
        }
    }

    @Test
    void addingAClassFailsBecauseTheClassSetIsFixed() throws Exception {
        try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(model).build()) {
            float[] embedding = new float[sdk.card().textDim()];
            embedding[0] = 1;
            UnsupportedOperationException e =
                    assertThrows(
                            UnsupportedOperationException.class,
                            () -> sdk.addClass("PlayingHarp", embedding));
            assertTrue(e.getMessage().contains("fixed_classes"), e.getMessage());
            assertTrue(e.getMessage().contains("cannot take new class embeddings"), e.getMessage());
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> sdk.candidateSetBuilder().addClass("PlayingHarp", embedding).build());
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> sdk.classEmbedding(sdk.classNames().get(0)));
            // Choosing among the card's classes still works.
            String first = sdk.classNames().get(0);
            ClipSet test = benchmark.test();
            Prediction p =
                    sdk.classify(
                            Arrays.copyOf(test.audio(), test.audioDim()),
                            Arrays.copyOf(test.video(), test.videoDim()),
                            sdk.candidateSet(List.of(first)));
            assertEquals(first, p.label());
        }
    }

    /** S and U: mean per-class accuracy over the test's seen and unseen classes. */
    private static double[] meanPerClassAccuracy(ClipSet set, int[] predicted) {
        Map<Integer, int[]> counts = new TreeMap<>();
        for (int i = 0; i < set.size(); i++) {
            int[] k = counts.computeIfAbsent(set.labels()[i], x -> new int[2]);
            k[1]++;
            if (predicted[i] == set.labels()[i]) {
                k[0]++;
            }
        }
        double[] sum = new double[2];
        int[] n = new int[2];
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            int which = set.isSeen(e.getKey()) ? 0 : 1;
            sum[which] += (double) e.getValue()[0] / e.getValue()[1];
            n[which]++;
        }
        return new double[] {sum[0] / n[0], sum[1] / n[1]};
    }
}
