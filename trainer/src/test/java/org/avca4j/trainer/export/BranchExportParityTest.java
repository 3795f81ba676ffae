package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.RowArrays.flat;
import static org.avca4j.trainer.export.RowArrays.maxDiff;
import static org.avca4j.trainer.export.RowArrays.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.CandidateSet;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.Scoring;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.evaluation.CalibratedStacking;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.method.PairedInputs;
import org.avca4j.trainer.method.ReferenceMath;
import org.avca4j.trainer.method.TwoBranchNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CJME and AVGZSLNet through ONNX and the SDK: the exported outputs equal the trainer's within
 * 1e-4, and the SDK's predictions and distances — including a class added at run time — equal those
 * of the trainer's three-mode evaluation (BOTH mode, calibrated stacking at the card's β).
 */
class BranchExportParityTest {

    private static final double BETA = 0.4;
    private static final double TOLERANCE = 1e-4;

    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource({"cjme, gated", "avgzslnet, sum_of_distances"})
    void sdkEqualsTheTrainersEvaluation(String id, String rule) throws Exception {
        MethodContext c = PairedInputs.context(21);
        GzslMethod method = Methods.of(id);
        var settings =
                method.settings(
                        DatasetName.UCF, FeatureSet.MAIN, Map.of("hidden", "16", "out_dim", "8"));
        SplittableRandom r = new SplittableRandom(3);
        int classes = 6;
        float[][] embeddings = new float[classes + 1][];
        for (int k = 0; k <= classes; k++) {
            // unit norm, as the SDK scales a class added at run time
            embeddings[k] = unit(ReferenceMath.gaussian(r, PairedInputs.TEXT));
        }
        for (int k = 0; k < PairedInputs.CLASSES.length; k++) {
            System.arraycopy(
                    c.trainClassText(),
                    k * PairedInputs.TEXT,
                    embeddings[PairedInputs.CLASSES[k]],
                    0,
                    PairedInputs.TEXT);
        }
        int n = 40;
        float[] audio = ReferenceMath.gaussian(r, n * PairedInputs.AUDIO);
        float[] video = ReferenceMath.gaussian(r, n * PairedInputs.VIDEO);
        try (TwoBranchNetwork net = (TwoBranchNetwork) method.create(c, settings)) {
            for (int s = 0; s < 5; s++) {
                net.step(PairedInputs.batch(c, 16, s), 1e-2, s);
            }
            ModelCards.Builder card =
                    ModelCards.builder()
                            .setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN)
                            .setDims(PairedInputs.AUDIO, PairedInputs.VIDEO, PairedInputs.TEXT, 8)
                            .setBeta(BETA);
            // the candidates of the trainer's evaluation: classes 0..5 and, added at run time, 6
            int[] ids = new int[classes + 1];
            boolean[] seen = new boolean[classes + 1];
            float[] text = new float[(classes + 1) * PairedInputs.TEXT];
            for (int k = 0; k <= classes; k++) {
                ids[k] = k;
                seen[k] = java.util.Arrays.binarySearch(PairedInputs.CLASSES, k) >= 0;
                System.arraycopy(embeddings[k], 0, text, k * PairedInputs.TEXT, PairedInputs.TEXT);
                if (k < classes) {
                    card.addClass(
                            name(k), k, seen[k] ? ClassRole.SEEN : ClassRole.UNSEEN, embeddings[k]);
                }
            }
            Path file = dir.resolve(id + ".onnx");
            new BranchOnnxExporter().export(net, card.build(), file);

            Map<String, float[]> theta = net.embedClips(audio, video, n);
            if (net.scoringRule() == ScoringRule.GATED) {
                float[] gate = theta.get(TwoBranchNetwork.GATE);
                double sum = 0;
                for (float g : gate) {
                    sum += g;
                }
                assertTrue(sum > 0 && sum < n, "the clips use both branches: " + sum + " of " + n);
            }
            float[] thetaW = net.embedText(text, classes + 1);
            float[] both = net.distances(audio, video, n, text, classes + 1).get(EvalMode.BOTH);
            int[] expected =
                    CalibratedStacking.predict(DistanceMatrix.of(both, n, ids, seen), BETA);
            float[] firstSix = new float[n * classes];
            for (int i = 0; i < n; i++) {
                System.arraycopy(both, i * (classes + 1), firstSix, i * classes, classes);
            }
            int[] expectedKnown =
                    CalibratedStacking.predict(
                            DistanceMatrix.of(
                                    firstSix,
                                    n,
                                    java.util.Arrays.copyOf(ids, classes),
                                    java.util.Arrays.copyOf(seen, classes)),
                            BETA);

            float[][] a = rows(audio, n, PairedInputs.AUDIO);
            float[][] v = rows(video, n, PairedInputs.VIDEO);
            try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(file).build();
                    ZeroShotClassifier sdkAudio =
                            ZeroShotClassifier.builder()
                                    .setModel(file)
                                    .optScoring(Scoring.AUDIO)
                                    .build()) {
                ModelCard read = sdk.card();
                assertEquals(ScoringRule.parse(rule), read.scoringRule());
                assertEquals(id, read.training().get(SingleEmbeddingOnnxExporter.METHOD_KEY));
                assertEquals(
                        settings.asMap().keySet(),
                        ((Map<?, ?>) read.training().get(SingleEmbeddingOnnxExporter.SETTINGS_KEY))
                                .keySet());
                double worst = 0;
                worst =
                        Math.max(
                                worst,
                                maxDiff(
                                        flat(sdk.embedBatch(a, v)),
                                        theta.get(TwoBranchNetwork.THETA_V)));
                worst =
                        Math.max(
                                worst,
                                maxDiff(
                                        flat(sdkAudio.embedBatch(a, v)),
                                        theta.get(TwoBranchNetwork.THETA_A)));
                for (int k = 0; k < classes; k++) {
                    worst =
                            Math.max(
                                    worst,
                                    maxDiff(
                                            sdk.classEmbedding(name(k)),
                                            java.util.Arrays.copyOfRange(
                                                    thetaW, k * 8, k * 8 + 8)));
                }
                assertTrue(worst <= TOLERANCE, "max |ONNX − SameDiff| = " + worst);

                List<Prediction> p = sdk.classifyBatch(a, v);
                assertArrayEquals(expectedKnown, ids(p));

                List<String> names = new ArrayList<>();
                for (int k = 0; k < classes; k++) {
                    names.add(name(k));
                }
                CandidateSet withAdded =
                        sdk.candidateSetBuilder()
                                .addClasses(names)
                                .addClass(name(classes), embeddings[classes])
                                .build();
                List<Prediction> added = sdk.classifyBatch(a, v, withAdded);
                assertArrayEquals(expected, ids(added));
                double worstDistance = 0;
                for (int i = 0; i < n; i++) {
                    int col = expected[i];
                    worstDistance =
                            Math.max(
                                    worstDistance,
                                    Math.abs(
                                            added.get(i).distance()
                                                    - both[i * (classes + 1) + col]));
                }
                assertTrue(
                        worstDistance <= TOLERANCE,
                        "max |SDK − trainer| distance = " + worstDistance);
            }
        }
    }

    private static float[] unit(float[] x) {
        double s = 0;
        for (float f : x) {
            s += f * f;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= (float) Math.sqrt(s);
        }
        return x;
    }

    private static String name(int id) {
        return "class_" + id;
    }

    private static int[] ids(List<Prediction> p) {
        return p.stream()
                .mapToInt(x -> Integer.parseInt(x.label().substring("class_".length())))
                .toArray();
    }
}
