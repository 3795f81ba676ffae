package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.model.TrainingBatch;
import org.junit.jupiter.api.Test;

class ClassBalancedSamplerTest {

    /** Classes 3, 5, 7, 8 with 1, 5, 20 and 74 clips: balance must not follow the clip counts. */
    private static final int[] CLASSES = {3, 5, 7, 8};

    private static final int[] SIZES = {1, 5, 20, 74};

    private static ClipSet unbalanced() {
        List<int[]> clips = new ArrayList<>();
        int role = 0;
        for (int k = 0; k < CLASSES.length; k++) {
            for (int j = 0; j < SIZES[k]; j++) {
                clips.add(new int[] {CLASSES[k], role++});
            }
        }
        return TestClips.labelled("train", clips.toArray(new int[0][]), CLASSES, new int[0]);
    }

    @Test
    void classesAreDrawnUniformlyAndClipsUniformlyWithinTheirClass() {
        ClipSet set = unbalanced();
        ClassBalancedSampler sampler =
                new ClassBalancedSampler(set, TestClips.idEmbeddings(9), 64, 42);
        assertArrayEquals(CLASSES, sampler.classes());
        int[] perClass = new int[9];
        int[] perClip = new int[set.size()];
        int n = 0;
        for (int b = 0; b < 250; b++) {
            for (int i : sampler.draw(b / 50, b % 50).positives()) {
                perClass[set.labels()[i]]++;
                perClip[i]++;
                n++;
            }
        }
        for (int c : CLASSES) {
            // 16000 draws, p = 1/4: the standard deviation of the fraction is 0.0034.
            assertEquals(0.25, perClass[c] / (double) n, 0.017, "share of class " + c);
        }
        // The 5 clips of class 5 (indices 1..5) share its quarter evenly: p = 1/5 of ~4000 draws.
        int class5 = perClass[5];
        for (int i = 1; i <= 5; i++) {
            assertEquals(
                    0.2,
                    perClip[i] / (double) class5,
                    0.035,
                    "share of clip " + i + " within class 5");
        }
    }

    @Test
    void negativesAreOfAnotherClassChosenUniformly() {
        ClipSet set = unbalanced();
        ClassBalancedSampler sampler =
                new ClassBalancedSampler(set, TestClips.idEmbeddings(9), 64, 7);
        int[][] pairs = new int[9][9];
        for (int b = 0; b < 250; b++) {
            ClassBalancedSampler.Draw d = sampler.draw(3, b);
            for (int i = 0; i < 64; i++) {
                int pos = set.labels()[d.positives()[i]];
                int neg = set.labels()[d.negatives()[i]];
                assertNotEquals(
                        pos,
                        neg,
                        "batch " + b + " row " + i + ": negative of the positive's class");
                pairs[pos][neg]++;
            }
        }
        for (int p : CLASSES) {
            int total = Arrays.stream(pairs[p]).sum();
            for (int q : CLASSES) {
                if (q != p) {
                    assertEquals(
                            1 / 3.0,
                            pairs[p][q] / (double) total,
                            0.035,
                            "share of negatives of class " + q + " given positives of class " + p);
                }
            }
        }
    }

    @Test
    void aBatchDependsOnSeedEpochAndIndexOnly() {
        ClipSet set = unbalanced();
        ClassBalancedSampler a = new ClassBalancedSampler(set, TestClips.idEmbeddings(9), 32, 42);
        ClassBalancedSampler b = new ClassBalancedSampler(set, TestClips.idEmbeddings(9), 32, 42);
        a.draw(0, 0);
        a.draw(5, 9); // drawing other batches first changes nothing
        assertDrawEquals(a.draw(4, 17), b.draw(4, 17));
        assertDrawEquals(a.draw(4, 17), a.draw(4, 17));
        assertFalse(Arrays.equals(a.draw(4, 17).positives(), a.draw(4, 18).positives()));
        assertFalse(Arrays.equals(a.draw(4, 17).positives(), a.draw(5, 17).positives()));
        ClassBalancedSampler otherSeed =
                new ClassBalancedSampler(set, TestClips.idEmbeddings(9), 32, 43);
        assertFalse(Arrays.equals(a.draw(4, 17).positives(), otherSeed.draw(4, 17).positives()));
        assertNotEquals(Seeds.stepSeed(42, 4, 17), Seeds.stepSeed(42, 4, 18));
        assertNotEquals(Seeds.stepSeed(42, 4, 17), Seeds.stepSeed(42, 5, 17));
        assertNotEquals(Seeds.stepSeed(42, 4, 17), Seeds.samplerSeed(42, 4, 17));
        assertEquals(Seeds.stepSeed(42, 4, 17), Seeds.stepSeed(42, 4, 17));
    }

    @Test
    void batchRowsHoldTheDrawnClipsAndTheirClassEmbeddings() {
        ClipSet set = unbalanced();
        float[][] embeddings = TestClips.idEmbeddings(9);
        for (int c = 0; c < 9; c++) {
            embeddings[c][1] = 100 + c;
        }
        ClassBalancedSampler sampler = new ClassBalancedSampler(set, embeddings, 16, 42);
        ClassBalancedSampler.Draw d = sampler.draw(2, 3);
        TrainingBatch batch = sampler.batch(2, 3);
        assertEquals(16, batch.size());
        for (int i = 0; i < 16; i++) {
            int p = d.positives()[i];
            int q = d.negatives()[i];
            assertEquals(set.labels()[p], batch.audio()[2 * i]);
            assertEquals(p, batch.audio()[2 * i + 1]); // the role is the clip's index here
            assertEquals(q, batch.negAudio()[2 * i + 1]);
            assertEquals(set.video()[p], batch.video()[i]);
            assertEquals(set.video()[q], batch.negVideo()[i]);
            assertEquals(set.labels()[p], batch.text()[2 * i]);
            assertEquals(100 + set.labels()[p], batch.text()[2 * i + 1]);
            assertEquals(set.labels()[q], batch.negText()[2 * i]);
            assertEquals(100 + set.labels()[q], batch.negText()[2 * i + 1]);
        }
    }

    @Test
    void refusesSetsItCannotSampleFrom() {
        ClipSet one =
                TestClips.labelled("one", new int[][] {{0, 0}, {0, 1}}, new int[] {0}, new int[0]);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ClassBalancedSampler(one, TestClips.idEmbeddings(1), 4, 1));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        ClipSet set = unbalanced();
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ClassBalancedSampler(set, TestClips.idEmbeddings(5), 4, 1));
        assertTrue(
                e.getMessage().contains("label 5") && e.getMessage().contains("0..4"),
                e.getMessage());
    }

    private static void assertDrawEquals(ClassBalancedSampler.Draw x, ClassBalancedSampler.Draw y) {
        assertArrayEquals(x.positives(), y.positives());
        assertArrayEquals(x.negatives(), y.negatives());
    }
}
