package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.RowArrays.flat;
import static org.avca4j.trainer.export.RowArrays.maxDiff;
import static org.avca4j.trainer.export.RowArrays.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.evaluation.CalibratedStacking;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.Methods;
import org.avca4j.trainer.method.PairedInputs;
import org.avca4j.trainer.method.ReferenceMath;
import org.avca4j.trainer.method.clipclap.ClipClapMethod;
import org.avca4j.trainer.method.clipclap.ClipClapNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClipClap through ONNX and the SDK: after a few training steps (so that running statistics are not
 * the initial ones), the exported θ and θw equal the trainer's within 1e-4 and the SDK's
 * predictions equal those of the trainer's distances under calibrated stacking at the card's β.
 */
class ClipClapExportParityTest {

    private static final double BETA = 0.4;
    private static final double TOLERANCE = 1e-4;
    private static final int E = 8;

    @TempDir Path dir;

    @Test
    void sdkEqualsTheTrainer() throws Exception {
        MethodContext c = PairedInputs.context(21);
        GzslMethod method = Methods.of(ClipClapMethod.ID);
        var settings =
                method.settings(
                        DatasetName.UCF,
                        FeatureSet.CLS,
                        Map.of("latent_dim", "12", "decoder_hidden", "10", "embed_dim", "8"));
        SplittableRandom r = new SplittableRandom(3);
        int classes = 6;
        float[][] embeddings = new float[classes][];
        for (int k = 0; k < classes; k++) {
            embeddings[k] = ReferenceMath.gaussian(r, PairedInputs.TEXT);
        }
        int n = 40;
        float[] audio = ReferenceMath.gaussian(r, n * PairedInputs.AUDIO);
        float[] video = ReferenceMath.gaussian(r, n * PairedInputs.VIDEO);
        try (ClipClapNetwork net = (ClipClapNetwork) method.create(c, settings)) {
            for (int s = 0; s < 5; s++) {
                net.step(PairedInputs.batch(c, 16, s), 1e-2, s);
            }
            ModelCards.Builder card =
                    ModelCards.builder()
                            .setDataset(DatasetName.UCF, FeatureSet.CLS, SplitName.CLS)
                            .setDims(PairedInputs.AUDIO, PairedInputs.VIDEO, PairedInputs.TEXT, E)
                            .setBeta(BETA);
            int[] ids = new int[classes];
            boolean[] seen = new boolean[classes];
            float[] text = new float[classes * PairedInputs.TEXT];
            for (int k = 0; k < classes; k++) {
                ids[k] = k;
                seen[k] = Arrays.binarySearch(PairedInputs.CLASSES, k) >= 0;
                System.arraycopy(embeddings[k], 0, text, k * PairedInputs.TEXT, PairedInputs.TEXT);
                card.addClass(
                        "class_" + k,
                        k,
                        seen[k] ? ClassRole.SEEN : ClassRole.UNSEEN,
                        embeddings[k]);
            }
            Path file = dir.resolve("clipclap.onnx");
            new ClipClapOnnxExporter().export(net, card.build(), file);

            float[] theta = net.embedClips(audio, video, n);
            float[] thetaW = net.embedText(text, classes);
            float[] d = net.distances(audio, video, n, text, classes).get(EvalMode.BOTH);
            int[] expected = CalibratedStacking.predict(DistanceMatrix.of(d, n, ids, seen), BETA);

            float[][] a = rows(audio, n, PairedInputs.AUDIO);
            float[][] v = rows(video, n, PairedInputs.VIDEO);
            try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(file).build()) {
                ModelCard read = sdk.card();
                assertEquals(
                        ClipClapMethod.ID,
                        read.training().get(SingleEmbeddingOnnxExporter.METHOD_KEY));
                double worst = maxDiff(flat(sdk.embedBatch(a, v)), theta);
                for (int k = 0; k < classes; k++) {
                    worst =
                            Math.max(
                                    worst,
                                    maxDiff(
                                            sdk.classEmbedding("class_" + k),
                                            Arrays.copyOfRange(thetaW, k * E, k * E + E)));
                }
                assertTrue(worst <= TOLERANCE, "max |ONNX − SameDiff| = " + worst);
                List<Prediction> p = sdk.classifyBatch(a, v);
                int[] got =
                        p.stream()
                                .mapToInt(x -> Integer.parseInt(x.label().substring(6)))
                                .toArray();
                assertArrayEquals(expected, got);
                long distinct = Arrays.stream(got).distinct().count();
                assertTrue(distinct > 1, "predictions use several classes: " + distinct);
                for (int i = 0; i < n; i++) {
                    assertEquals(d[i * classes + got[i]], p.get(i).distance(), TOLERANCE);
                }
            }
        }
    }
}
