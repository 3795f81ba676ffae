package org.avca4j.trainer.training;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.model.TrainingBatch;

/**
 * Draws the training batches of an epoch (docs/method.md#training): {@code batchesPerEpoch} batches
 * of {@code batchSize} clips, with replacement and class-balanced — a class uniformly among the
 * training set's classes, then a clip of it uniformly. Each clip gets a negative: a class uniformly
 * among the other training classes, then a clip of it uniformly.
 *
 * <p>Batch {@code b} of epoch {@code e} depends on {@code (seed, e, b)} only, so any batch can be
 * drawn again without drawing the ones before it.
 */
public final class ClassBalancedSampler {

    /**
     * The clips of one batch, as indices into the clip set.
     *
     * @param positives the positive clip of each row
     * @param negatives the negative clip of each row
     */
    public record Draw(int[] positives, int[] negatives) {}

    private final ClipSet clips;
    private final float[][] embeddings;
    private final int batchSize;
    private final long seed;
    private final int[] classes;
    private final int[][] members;

    /**
     * @param clips the training clips; every class that has a clip takes part
     * @param embeddings text embedding of every class id
     * @param batchSize clips per batch
     * @param seed the run's seed
     * @throws IllegalArgumentException if the set has fewer than two classes, the batch size is not
     *     positive, or a label has no embedding
     */
    public ClassBalancedSampler(ClipSet clips, float[][] embeddings, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        TreeMap<Integer, int[]> byClass = new TreeMap<>();
        int[] counts = new int[0];
        for (int i = 0; i < clips.size(); i++) {
            int label = clips.labels()[i];
            if (label < 0 || label >= embeddings.length) {
                throw new IllegalArgumentException(
                        "clip set "
                                + clips.name()
                                + ": clip "
                                + i
                                + " has label "
                                + label
                                + ", but there are embeddings for class ids 0.."
                                + (embeddings.length - 1)
                                + " only");
            }
            if (label >= counts.length) {
                counts = Arrays.copyOf(counts, label + 1);
            }
            counts[label]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                byClass.put(c, new int[counts[c]]);
            }
        }
        if (byClass.size() < 2) {
            throw new IllegalArgumentException(
                    "clip set "
                            + clips.name()
                            + " has clips of "
                            + byClass.size()
                            + " class(es); the triplet loss needs at least 2");
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < clips.size(); i++) {
            int label = clips.labels()[i];
            byClass.get(label)[filled[label]++] = i;
        }
        this.clips = clips;
        this.embeddings = embeddings;
        this.batchSize = batchSize;
        this.seed = seed;
        this.classes = byClass.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.members = byClass.values().toArray(new int[0][]);
    }

    /** The class ids that batches are drawn from, ascending. */
    public int[] classes() {
        return classes.clone();
    }

    /** The clip indices of batch {@code batch} of epoch {@code epoch}. */
    public Draw draw(int epoch, int batch) {
        SplittableRandom random = new SplittableRandom(Seeds.samplerSeed(seed, epoch, batch));
        int[] positives = new int[batchSize];
        int[] negatives = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int k = random.nextInt(classes.length);
            positives[i] = members[k][random.nextInt(members[k].length)];
            int other = random.nextInt(classes.length - 1);
            int n = other >= k ? other + 1 : other;
            negatives[i] = members[n][random.nextInt(members[n].length)];
        }
        return new Draw(positives, negatives);
    }

    /** Batch {@code batch} of epoch {@code epoch}, with each clip's class embedding. */
    public TrainingBatch batch(int epoch, int batch) {
        Draw draw = draw(epoch, batch);
        return new TrainingBatch(
                batchSize,
                gather(clips.audio(), clips.audioDim(), draw.positives()),
                gather(clips.video(), clips.videoDim(), draw.positives()),
                text(draw.positives()),
                gather(clips.audio(), clips.audioDim(), draw.negatives()),
                gather(clips.video(), clips.videoDim(), draw.negatives()),
                text(draw.negatives()),
                labels(draw.positives()),
                labels(draw.negatives()));
    }

    private int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = clips.labels()[indices[i]];
        }
        return out;
    }

    private static float[] gather(float[] rows, int width, int[] indices) {
        float[] out = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(rows, indices[i] * width, out, i * width, width);
        }
        return out;
    }

    private float[] text(int[] indices) {
        int width = embeddings[clips.labels()[indices[0]]].length;
        float[] out = new float[indices.length * width];
        for (int i = 0; i < indices.length; i++) {
            float[] w = embeddings[clips.labels()[indices[i]]];
            System.arraycopy(w, 0, out, i * width, width);
        }
        return out;
    }
}
