package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.RowArrays.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.evaluation.CalibratedStacking;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodEvaluation;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.method.SingleEmbeddingNetwork;
import org.avca4j.trainer.training.ClassBalancedSampler;
import org.avca4j.trainer.training.Seeds;
import org.avca4j.trainer.training.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An exported single-embedding method run by the SDK's classifier agrees with the trainer's
 * network: the SDK's θv against θw (the raw text) give the network's distances to 1e-4, and the
 * predicted classes equal calibrated stacking on the network's distances, also after a class is
 * added at run time, and the test figures from the SDK's embeddings equal the trainer's evaluation.
 * The card names the method and its settings.
 */
class SingleEmbeddingExportTest {

    private static final double TOLERANCE = 1e-4;
    private static final double BETA = 0.4;

    private static Benchmark benchmark;

    @TempDir Path dir;

    @BeforeAll
    static void data() throws Exception {
        benchmark =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optWidths(24, 40)
                        .optTextDim(30)
                        .optClasses(8)
                        .optClipsPerClass(6)
                        .optSeed(3)
                        .build()
                        .generate();
    }

    @ParameterizedTest
    @CsvSource({"devise,''", "ale,norm_inputs=true", "sje,''", "apn,norm_inputs=true"})
    void sdkScoresLikeTheTrainer(String id, String overrides) throws Exception {
        GzslMethod method = Methods.of(id);
        MethodSettings settings =
                method.settings(
                        DatasetName.UCF,
                        FeatureSet.MAIN,
                        org.avca4j.trainer.method.SettingValues.parse(overrides));
        ClipSet train = Stage.STAGE_2.trainingClips(benchmark);
        MethodContext context = MethodContext.of(train, benchmark.embeddings(), 5);
        ClipSet test = benchmark.test();
        int held = test.unseenClasses()[0];
        int textDim = context.textDim();
        try (SingleEmbeddingNetwork net =
                (SingleEmbeddingNetwork) method.create(context, settings)) {
            ClassBalancedSampler sampler =
                    new ClassBalancedSampler(train, benchmark.embeddings(), 16, 5);
            for (int b = 0; b < 5; b++) {
                net.step(sampler.batch(0, b), 1e-2, Seeds.stepSeed(5, 0, b));
            }
            // The card holds every class but one, which is added at run time.
            ModelCards.Builder card =
                    ModelCards.builder()
                            .setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN)
                            .setDims(context.audioDim(), context.videoDim(), textDim, textDim)
                            .setBeta(BETA);
            List<String> names = new ArrayList<>();
            List<Boolean> seen = new ArrayList<>();
            List<float[]> text = new ArrayList<>();
            for (int c = 0; c < benchmark.classCount(); c++) {
                if (c == held) {
                    continue;
                }
                boolean s = test.isSeen(c);
                card.addClass(
                        "class_" + c,
                        c,
                        s ? ClassRole.SEEN : ClassRole.UNSEEN,
                        benchmark.embeddings()[c]);
                names.add("class_" + c);
                seen.add(s);
                text.add(benchmark.embeddings()[c]);
            }
            Path file = dir.resolve(id + ".onnx");
            new SingleEmbeddingOnnxExporter()
                    .export(id, settings, net.linearEmbedding(), card.build(), file);
            assertEquals(id, ModelCards.read(file).training().get("method"));
            assertEquals(
                    settings.asMap(),
                    ModelCards.read(file).training().get(SingleEmbeddingOnnxExporter.SETTINGS_KEY));

            int n = test.size();
            float[][] audio = rows(test.audio(), n, context.audioDim());
            float[][] video = rows(test.video(), n, context.videoDim());
            try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(file).build()) {
                compare(sdk, net, test, audio, video, names, seen, text);
                sdk.addClass("held_out", benchmark.embeddings()[held]);
                names.add("held_out");
                seen.add(false);
                text.add(benchmark.embeddings()[held]);
                compare(sdk, net, test, audio, video, names, seen, text);
                assertSameFigures(sdk, net, test, audio, video, held);
            }
        }
    }

    private static void compare(
            ZeroShotClassifier sdk,
            SingleEmbeddingNetwork net,
            ClipSet test,
            float[][] audio,
            float[][] video,
            List<String> names,
            List<Boolean> seen,
            List<float[]> text) {
        int n = test.size();
        int c = names.size();
        int dim = text.get(0).length;
        float[] flatText = new float[c * dim];
        boolean[] isSeen = new boolean[c];
        int[] columns = new int[c];
        for (int j = 0; j < c; j++) {
            System.arraycopy(text.get(j), 0, flatText, j * dim, dim);
            isSeen[j] = seen.get(j);
            columns[j] = j;
        }
        ModeDistances expected = net.distances(test.audio(), test.video(), n, flatText, c);
        float[][] theta = sdk.embedBatch(audio, video);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                float[] w = sdk.classEmbedding(names.get(j));
                double sq = 0;
                for (int k = 0; k < dim; k++) {
                    double diff = theta[i][k] - w[k];
                    sq += diff * diff;
                }
                worst =
                        Math.max(
                                worst,
                                Math.abs(Math.sqrt(sq) - expected.get(EvalMode.BOTH)[i * c + j]));
            }
        }
        assertTrue(worst <= TOLERANCE, "max |SDK − trainer| distance = " + worst);
        int[] predicted =
                CalibratedStacking.predict(
                        DistanceMatrix.of(expected.get(EvalMode.BOTH), n, columns, isSeen), BETA);
        List<Prediction> sdkPredictions = sdk.classifyBatch(audio, video);
        String[] expectedNames = new String[n];
        String[] actualNames = new String[n];
        for (int i = 0; i < n; i++) {
            expectedNames[i] = names.get(predicted[i]);
            actualNames[i] = sdkPredictions.get(i).label();
        }
        assertArrayEquals(expectedNames, actualNames);
    }

    /**
     * The test figures (β search) from the SDK's embeddings equal the trainer's evaluation of the
     * network.
     */
    private static void assertSameFigures(
            ZeroShotClassifier sdk,
            SingleEmbeddingNetwork net,
            ClipSet test,
            float[][] audio,
            float[][] video,
            int held) {
        int[] ids = test.candidateClasses();
        int n = test.size();
        int dim = net.linearEmbedding().textDim();
        float[] text = new float[ids.length * dim];
        boolean[] seen = new boolean[ids.length];
        for (int j = 0; j < ids.length; j++) {
            String name = ids[j] == held ? "held_out" : "class_" + ids[j];
            System.arraycopy(sdk.classEmbedding(name), 0, text, j * dim, dim);
            seen[j] = test.isSeen(ids[j]);
        }
        float[][] theta = sdk.embedBatch(audio, video);
        float[] flat = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(theta[i], 0, flat, i * dim, dim);
        }
        GzslResult fromSdk =
                GzslEvaluator.searchBeta(
                        DistanceMatrix.euclidean(flat, n, text, dim, ids, seen), test.labels());
        GzslResult fromTrainer =
                MethodEvaluation.of(net, test, benchmark.embeddings(), dim)
                        .searchBeta(EvalMode.BOTH);
        assertEquals(fromTrainer.beta(), fromSdk.beta());
        assertEquals(fromTrainer.seen(), fromSdk.seen());
        assertEquals(fromTrainer.unseen(), fromSdk.unseen());
        assertEquals(fromTrainer.harmonicMean(), fromSdk.harmonicMean());
        assertEquals(fromTrainer.zsl(), fromSdk.zsl());
    }
}
