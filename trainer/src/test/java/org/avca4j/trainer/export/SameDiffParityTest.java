package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.RowArrays.flat;
import static org.avca4j.trainer.export.RowArrays.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.evaluation.CalibratedStacking;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.SameDiffAvcaNetwork;
import org.avca4j.trainer.model.TrainingBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported model run by the SDK agrees with the SameDiff network it came from: θv and θw to
 * 1e-4, and the same predicted classes as the evaluation code's calibrated stacking on SameDiff's
 * embeddings, on random and on synthetic clips.
 */
class SameDiffParityTest {

    private static final double TOLERANCE = 1e-4;
    private static final double BETA = 0.2;

    @TempDir Path dir;

    @Test
    void sdkMatchesSameDiffOnSyntheticClips() throws Exception {
        Benchmark b =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optWidths(24, 40)
                        .optTextDim(30)
                        .optClasses(6)
                        .optClipsPerClass(4)
                        .optSeed(3)
                        .build()
                        .generate();
        AvcaConfig cfg = new AvcaConfig(24, 40, 30, 32, 28, 16, 3, 10, 12, 0.1, 0.1, 0.1, 0.1);
        ClipSet test = b.test();
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(cfg, 5)) {
            train(net, cfg, 3);
            compare(
                    net,
                    b.embeddings(),
                    test.seenClasses(),
                    test.unseenClasses(),
                    test.audio(),
                    test.video(),
                    test.size());
        }
    }

    @Test
    void sdkMatchesSameDiffOnRandomClipsOfThePublishedShapes() throws Exception {
        AvcaConfig cfg = AvcaConfig.defaults(512, 512);
        float[][] text = TestWeights.unitRows(8, cfg.textDim(), 4);
        int n = 16;
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(cfg, 9)) {
            train(net, cfg, 1);
            compare(
                    net,
                    text,
                    new int[] {0, 2, 4, 6},
                    new int[] {1, 3, 5, 7},
                    flat(TestWeights.gaussianRows(n, cfg.audioDim(), 5)),
                    flat(TestWeights.gaussianRows(n, cfg.videoDim(), 6)),
                    n);
        }
    }

    /** A few steps so that the BatchNorm running statistics are no longer their initial values. */
    private static void train(SameDiffAvcaNetwork net, AvcaConfig cfg, int steps) {
        Random r = new Random(1);
        int bs = 8;
        for (int s = 0; s < steps; s++) {
            net.step(
                    new TrainingBatch(
                            bs,
                            gauss(r, bs * cfg.audioDim()),
                            gauss(r, bs * cfg.videoDim()),
                            gauss(r, bs * cfg.textDim()),
                            gauss(r, bs * cfg.audioDim()),
                            gauss(r, bs * cfg.videoDim()),
                            gauss(r, bs * cfg.textDim()),
                            new int[bs],
                            new int[bs]),
                    1e-3,
                    s);
        }
    }

    private void compare(
            SameDiffAvcaNetwork net,
            float[][] embeddings,
            int[] seen,
            int[] unseen,
            float[] audio,
            float[] video,
            int n)
            throws Exception {
        AvcaConfig cfg = net.config();
        int[] ids =
                java.util.stream.IntStream.concat(
                                java.util.Arrays.stream(seen), java.util.Arrays.stream(unseen))
                        .sorted()
                        .toArray();
        boolean[] isSeen = new boolean[ids.length];
        ModelCards.Builder card =
                ModelCards.builder()
                        .setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN)
                        .setDims(cfg.audioDim(), cfg.videoDim(), cfg.textDim(), cfg.outDim())
                        .setBeta(BETA);
        float[] text = new float[ids.length * cfg.textDim()];
        for (int c = 0; c < ids.length; c++) {
            int id = ids[c];
            isSeen[c] = java.util.Arrays.stream(seen).anyMatch(s -> s == id);
            card.addClass(
                    "class_" + id,
                    id,
                    isSeen[c] ? ClassRole.SEEN : ClassRole.UNSEEN,
                    embeddings[id]);
            System.arraycopy(embeddings[id], 0, text, c * cfg.textDim(), cfg.textDim());
        }
        Path file = dir.resolve("samediff.onnx");
        new AvcaOnnxExporter().export(net.weights(), card.build(), file);

        float[] thetaV = net.embedVideo(audio, video, n);
        float[] thetaW = net.embedText(text, ids.length);
        int[] expected =
                CalibratedStacking.predict(
                        DistanceMatrix.euclidean(thetaV, n, thetaW, cfg.outDim(), ids, isSeen),
                        BETA);

        float[][] a = rows(audio, n, cfg.audioDim());
        float[][] v = rows(video, n, cfg.videoDim());
        try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(file).build()) {
            float[][] sdkV = sdk.embedBatch(a, v);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < cfg.outDim(); j++) {
                    worst = Math.max(worst, Math.abs(sdkV[i][j] - thetaV[i * cfg.outDim() + j]));
                }
            }
            for (int c = 0; c < ids.length; c++) {
                float[] w = sdk.classEmbedding("class_" + ids[c]);
                for (int j = 0; j < cfg.outDim(); j++) {
                    worst = Math.max(worst, Math.abs(w[j] - thetaW[c * cfg.outDim() + j]));
                }
            }
            assertTrue(worst <= TOLERANCE, "max |SDK − SameDiff| = " + worst);
            List<Prediction> predictions = sdk.classifyBatch(a, v);
            int[] actual =
                    predictions.stream()
                            .mapToInt(p -> Integer.parseInt(p.label().substring("class_".length())))
                            .toArray();
            assertArrayEquals(expected, actual);
        }
    }

    private static float[] gauss(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
