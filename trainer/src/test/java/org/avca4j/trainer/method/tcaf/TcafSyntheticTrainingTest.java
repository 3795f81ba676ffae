package org.avca4j.trainer.method.tcaf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SequenceClipSet;
import org.avca4j.trainer.data.sequence.SequenceCollation;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.training.ClassBalancedSampler;
import org.avca4j.trainer.training.Seeds;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A short TCaF training on synthetic sequences of mixed lengths (padded to a fixed window) reaches
 * a validation HM of at least twice chance (issue 12 acceptance), at the best β of the reference
 * grid {0, 0.2, …, 3.0} as stage 1 picks it.
 */
class TcafSyntheticTrainingTest {

    @Test
    void shortTrainingReachesTwiceChance() throws Exception {
        Benchmark vectors = TcafForwardFixtures.trainingVectors();
        SequenceBenchmark seq =
                new SyntheticSequences(2, TcafForwardFixtures.TRAINING_WINDOW, 0.1, 7)
                        .expand(vectors);
        TcafSettings s =
                TcafSettings.published(DatasetName.UCF, FeatureSet.MAIN)
                        .with(TcafForwardFixtures.TRAINING_NARROW);
        SequenceCollation collation =
                SequenceCollation.fixedWindow(
                        FrameRates.MAIN, TcafForwardFixtures.TRAINING_WINDOW, false);
        int[] trainClasses = vectors.stage1Train().seenClasses().clone();
        Arrays.sort(trainClasses);
        float[][] emb = seq.embeddings();
        double[][] classText = new double[trainClasses.length][];
        for (int k = 0; k < trainClasses.length; k++) {
            classText[k] = toDouble(emb[trainClasses[k]]);
        }
        TcafWeights w = TcafWeights.initial(16, 20, seq.textDim(), s, 42);
        ClassBalancedSampler sampler = new ClassBalancedSampler(vectors.stage1Train(), emb, 32, 42);
        try (TcafGraph graph =
                new TcafGraph(
                        w,
                        FrameRates.MAIN,
                        collation.audioWindow(),
                        TcafForwardFixtures.TRAINING_WINDOW,
                        classText,
                        DataType.FLOAT,
                        AdamSettings.reference())) {
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int b = 0; b < 20; b++) {
                    int[] idx = sampler.draw(epoch, b).positives();
                    SequenceBatch batch = collation.collate(seq.stage1Train(), idx, null);
                    graph.step(batch, emb, trainClasses, 1e-3, Seeds.stepSeed(42, epoch, b));
                }
            }
            double hm = validationHm(graph, collation, seq.stage1Val(), emb);
            int candidates = seq.stage1Val().candidateClasses().length;
            double chance = 1.0 / candidates;
            assertTrue(hm >= 2 * chance, "validation HM " + hm + " vs chance " + chance);
        }
    }

    /** The best HM over the β grid of the per-class mean accuracies, nearest class in L2. */
    private static double validationHm(
            TcafGraph graph, SequenceCollation collation, SequenceClipSet val, float[][] emb) {
        int[] cand = val.candidateClasses();
        int dt = emb[0].length;
        float[] text = new float[cand.length * dt];
        for (int c = 0; c < cand.length; c++) {
            System.arraycopy(emb[cand[c]], 0, text, c * dt, dt);
        }
        float[] classes = graph.textEmbeddings(text);
        int[] all = new int[val.size()];
        Arrays.setAll(all, i -> i);
        float[] clips = graph.clipEmbeddings(collation.collate(val, all, new SplittableRandom(0)));
        int e = TcafSettings.EMBEDDING_DIM;
        double[][] dist = new double[val.size()][cand.length];
        for (int i = 0; i < val.size(); i++) {
            for (int c = 0; c < cand.length; c++) {
                double d = 0;
                for (int j = 0; j < e; j++) {
                    double x = clips[i * e + j] - classes[c * e + j];
                    d += x * x;
                }
                dist[i][c] = Math.sqrt(d);
            }
        }
        double best = 0;
        for (int g = 0; g <= 15; g++) {
            best = Math.max(best, harmonicMean(val, cand, dist, 0.2 * g));
        }
        return best;
    }

    /** HM at calibration β (added to the seen classes' distances), nearest class wins. */
    private static double harmonicMean(
            SequenceClipSet val, int[] cand, double[][] dist, double beta) {
        int top = Arrays.stream(cand).max().orElseThrow() + 1;
        int[] hits = new int[top];
        int[] counts = new int[top];
        for (int i = 0; i < val.size(); i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < cand.length; c++) {
                double d = dist[i][c] + (val.isSeen(cand[c]) ? beta : 0);
                if (d < bestD) {
                    bestD = d;
                    best = cand[c];
                }
            }
            counts[val.labels()[i]]++;
            if (best == val.labels()[i]) {
                hits[val.labels()[i]]++;
            }
        }
        double seen = meanAccuracy(val.seenClasses(), hits, counts);
        double unseen = meanAccuracy(val.unseenClasses(), hits, counts);
        return 2 * seen * unseen / (seen + unseen + 2.2e-16);
    }

    private static double meanAccuracy(int[] classes, int[] hits, int[] counts) {
        double sum = 0;
        int n = 0;
        for (int c : classes) {
            if (counts[c] > 0) {
                sum += hits[c] / (double) counts[c];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
