package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceCollation;
import org.avca4j.trainer.method.tcaf.TcafForward;
import org.avca4j.trainer.method.tcaf.TcafForwardFixtures;
import org.avca4j.trainer.method.tcaf.TcafWeights;
import org.avca4j.trainer.method.tcaf.TimeCodes;
import org.junit.jupiter.api.Test;

/**
 * An exported TCaF model classified through the SDK's {@link ZeroShotClassifier}, with clips of
 * mixed lengths given as sequences (the SDK pads and masks): the embeddings equal the trainer's
 * forward to 1e-4 and the predictions equal calibrated stacking on the trainer's distances; the
 * flat-buffer form gives the same; a clip's result does not depend on the batch it is in.
 */
class TcafSdkParityTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void sdkClassifiesSequencesOfMixedLengthsLikeTheTrainer() throws Exception {
        TcafWeights w = TcafForwardFixtures.smallWeights(TimeCodes.INDEX_AT_INFERENCE);
        ModelCard card = TcafExportParityTest.card(w);
        byte[] model = new TcafOnnxExporter().toModel(w, FrameRates.CLS, card).toByteArray();
        SplittableRandom r = new SplittableRandom(21);
        int[] la = {2, 5, 1, 3, 4, 1};
        int[] lv = {3, 1, 6, 2, 4, 1};
        int n = la.length;
        float[][][] audio = new float[n][][];
        float[][][] video = new float[n][][];
        for (int i = 0; i < n; i++) {
            audio[i] = TcafForwardFixtures.clip(r, la[i], w.audioDim(), 255);
            video[i] = TcafForwardFixtures.clip(r, lv[i], w.videoDim(), 1);
        }
        TcafForward forward = new TcafForward(w, FrameRates.CLS);
        double[][] thetaO =
                forward.clipEmbeddings(
                        SequenceCollation.padToLongest(FrameRates.CLS)
                                .collate(
                                        audio,
                                        video,
                                        new int[n],
                                        w.audioDim(),
                                        w.videoDim(),
                                        null));
        double[][] text = new double[card.classes().size()][];
        for (int c = 0; c < text.length; c++) {
            float[] e = card.classes().get(c).embedding();
            text[c] = new double[e.length];
            for (int j = 0; j < e.length; j++) {
                text[c][j] = e[j];
            }
        }
        double[][] d = TcafForward.distances(thetaO, forward.textEmbeddings(text));

        try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(model).build()) {
            assertTrue(sdk.takesSequences());
            float[][] embedded = sdk.embedSequences(audio, video);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < thetaO[i].length; j++) {
                    assertEquals(thetaO[i][j], embedded[i][j], TOLERANCE, "clip " + i);
                }
            }
            List<Prediction> batch = sdk.classifySequences(audio, video);
            for (int i = 0; i < n; i++) {
                assertEquals(expected(card, d[i], sdk.beta()), batch.get(i).label(), "clip " + i);
                assertEquals(batch.get(i).label(), sdk.classify(audio[i], video[i]).label());
            }
            List<Prediction> flat = sdk.classifySequences(flatten(audio), la, flatten(video), lv);
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                a.add(batch.get(i).label());
                b.add(flat.get(i).label());
                assertEquals(batch.get(i).distance(), flat.get(i).distance(), 1e-6);
            }
            assertEquals(a, b);
            // a vector call on a sequence model says what to use instead
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> sdk.classify(new float[w.audioDim()], new float[w.videoDim()]));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    sdk.classifySequences(
                                            new float[3],
                                            new int[] {1},
                                            new float[6],
                                            new int[] {1}));
            assertTrue(e.getMessage().contains("audio buffer holds 3 floats"), e.getMessage());
            assertFalse(sdk.classNames().isEmpty());
        }
    }

    @Test
    void aVectorModelRefusesSequences(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TestModels.Exported e = TestModels.export(dir, TestModels.small(), 4, 0.1, 3);
        try (ZeroShotClassifier sdk = ZeroShotClassifier.builder().setModel(e.file()).build()) {
            assertFalse(sdk.takesSequences());
            UnsupportedOperationException u =
                    assertThrows(
                            UnsupportedOperationException.class,
                            () ->
                                    sdk.classifySequences(
                                            new float[][][] {{new float[24]}},
                                            new float[][][] {{new float[40]}}));
            assertTrue(u.getMessage().contains("classifyBatch"), u.getMessage());
        }
    }

    /** Calibrated stacking on the trainer's distances: +β on seen classes, first on ties. */
    private static String expected(ModelCard card, double[] d, double beta) {
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int c = 0; c < d.length; c++) {
            double v = d[c] + (card.classes().get(c).role() == ClassRole.SEEN ? beta : 0);
            if (v < bestValue) {
                bestValue = v;
                best = c;
            }
        }
        return card.classes().get(best).name();
    }

    private static float[] flatten(float[][][] clips) {
        int total = 0;
        for (float[][] c : clips) {
            total += c.length * c[0].length;
        }
        float[] out = new float[total];
        int off = 0;
        for (float[][] c : clips) {
            for (float[] row : c) {
                System.arraycopy(row, 0, out, off, row.length);
                off += row.length;
            }
        }
        return out;
    }

    @Test
    void fixtureClipsGiveDistinctEmbeddings() {
        // guards the parity test against a degenerate model whose θ is the same for every clip
        TcafWeights w = TcafForwardFixtures.smallWeights(TimeCodes.INDEX_AT_INFERENCE);
        SplittableRandom r = new SplittableRandom(2);
        float[][][] audio = {
            TcafForwardFixtures.clip(r, 2, w.audioDim(), 255),
            TcafForwardFixtures.clip(r, 3, w.audioDim(), 255)
        };
        float[][][] video = {
            TcafForwardFixtures.clip(r, 2, w.videoDim(), 1),
            TcafForwardFixtures.clip(r, 1, w.videoDim(), 1)
        };
        double[][] t =
                new TcafForward(w, FrameRates.CLS)
                        .clipEmbeddings(
                                SequenceCollation.padToLongest(FrameRates.CLS)
                                        .collate(
                                                audio,
                                                video,
                                                new int[2],
                                                w.audioDim(),
                                                w.videoDim(),
                                                null));
        assertFalse(java.util.Arrays.equals(t[0], t[1]));
    }
}
