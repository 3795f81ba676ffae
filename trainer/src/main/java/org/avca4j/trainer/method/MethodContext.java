package org.avca4j.trainer.method;

import java.util.Arrays;
import java.util.Objects;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;

/**
 * What a method's network is built for: the feature widths, the seed of its initial weights, and
 * the training classes of the stage with their text embeddings (E_train, ascending class ids),
 * which the DEVISE family, APN and CJME score every clip against during training.
 *
 * @param audioDim width of an audio feature
 * @param videoDim width of a video feature
 * @param textDim width of a class text embedding
 * @param seed seed of the initial weights
 * @param trainClassIds the stage's training class ids, ascending
 * @param trainClassText their embeddings, row-major {@code [trainClassIds.length*textDim]}
 * @param sequences the benchmark's clips as feature sequences, or null (only a method that trains
 *     on sequences needs them)
 * @param trainingSet the name of the stage's training clip set in {@code sequences}, or null
 */
public record MethodContext(
        int audioDim,
        int videoDim,
        int textDim,
        long seed,
        int[] trainClassIds,
        float[] trainClassText,
        SequenceBenchmark sequences,
        String trainingSet) {

    /** A context without sequences. */
    public MethodContext(
            int audioDim,
            int videoDim,
            int textDim,
            long seed,
            int[] trainClassIds,
            float[] trainClassText) {
        this(audioDim, videoDim, textDim, seed, trainClassIds, trainClassText, null, null);
    }

    /**
     * @throws IllegalArgumentException if a width is not positive, the ids are not strictly
     *     ascending, or the embeddings do not match them
     */
    public MethodContext {
        if (audioDim < 1 || videoDim < 1 || textDim < 1) {
            throw new IllegalArgumentException(
                    "widths must be positive, got audio/video/text "
                            + audioDim
                            + "/"
                            + videoDim
                            + "/"
                            + textDim);
        }
        Objects.requireNonNull(trainClassIds, "trainClassIds");
        Objects.requireNonNull(trainClassText, "trainClassText");
        for (int i = 1; i < trainClassIds.length; i++) {
            if (trainClassIds[i] <= trainClassIds[i - 1]) {
                throw new IllegalArgumentException(
                        "training class ids must be strictly ascending, got "
                                + trainClassIds[i - 1]
                                + " before "
                                + trainClassIds[i]);
            }
        }
        if (trainClassText.length != (long) trainClassIds.length * textDim) {
            throw new IllegalArgumentException(
                    trainClassIds.length
                            + " training classes need "
                            + (long) trainClassIds.length * textDim
                            + " embedding values of width "
                            + textDim
                            + ", got "
                            + trainClassText.length);
        }
    }

    /**
     * The context of a stage: its training clips' widths and seen classes (E_train, ascending ids)
     * with their embeddings.
     *
     * @param embeddings text embedding of every class id
     * @throws IllegalArgumentException if a training class has no embedding of the common width
     */
    public static MethodContext of(ClipSet trainingClips, float[][] embeddings, long seed) {
        int[] ids = trainingClips.seenClasses().clone();
        Arrays.sort(ids);
        if (ids.length == 0) {
            throw new IllegalArgumentException(
                    "clip set " + trainingClips.name() + " has no training classes");
        }
        int textDim = embeddings[ids[0]].length;
        float[] text = new float[ids.length * textDim];
        for (int j = 0; j < ids.length; j++) {
            if (ids[j] < 0 || ids[j] >= embeddings.length || embeddings[ids[j]].length != textDim) {
                throw new IllegalArgumentException(
                        "training class "
                                + ids[j]
                                + " of "
                                + trainingClips.name()
                                + " has no text embedding of width "
                                + textDim);
            }
            System.arraycopy(embeddings[ids[j]], 0, text, j * textDim, textDim);
        }
        return new MethodContext(
                trainingClips.audioDim(), trainingClips.videoDim(), textDim, seed, ids, text);
    }

    /**
     * This context with the benchmark's sequences; the stage trains on the set named {@code
     * trainingSet}.
     *
     * @throws IllegalArgumentException if {@code sequences} holds no set of that name
     */
    public MethodContext withSequences(SequenceBenchmark sequences, String trainingSet) {
        sequences.set(trainingSet);
        return new MethodContext(
                audioDim,
                videoDim,
                textDim,
                seed,
                trainClassIds,
                trainClassText,
                sequences,
                trainingSet);
    }

    /** Number of training classes. */
    public int trainClassCount() {
        return trainClassIds.length;
    }

    /**
     * The row of a class id in E_train (the index y of the reference's losses).
     *
     * @throws IllegalArgumentException if the class is not a training class of the stage
     */
    public int row(int classId) {
        int r = Arrays.binarySearch(trainClassIds, classId);
        if (r < 0) {
            throw new IllegalArgumentException(
                    "class "
                            + classId
                            + " is not one of the stage's "
                            + trainClassIds.length
                            + " training classes");
        }
        return r;
    }

    /** {@link #row} of every id. */
    public int[] rows(int[] classIds) {
        int[] out = new int[classIds.length];
        for (int i = 0; i < classIds.length; i++) {
            out[i] = row(classIds[i]);
        }
        return out;
    }
}
