package org.avca4j.trainer.training;

import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.model.AvcaNetwork;

/**
 * Scores a clip set with a network (docs/protocol.md): θv of all clips as one inference batch, θw
 * of the set's candidate classes (ascending ids), Euclidean distances, then the GZSL figures.
 */
public final class Validation {

    private Validation() {}

    /**
     * The figures at the β with the best HM (searched over 0, 0.2, …, 3.0).
     *
     * @throws IllegalArgumentException as {@link #distances}
     * @throws IllegalStateException as {@link #distances}
     */
    public static GzslResult searchBeta(AvcaNetwork network, ClipSet clips, float[][] embeddings) {
        return GzslEvaluator.searchBeta(distances(network, clips, embeddings), clips.labels());
    }

    /**
     * The figures at a given β.
     *
     * @throws IllegalArgumentException as {@link #distances}, or if β is not finite
     * @throws IllegalStateException as {@link #distances}
     */
    public static GzslResult evaluate(
            AvcaNetwork network, ClipSet clips, float[][] embeddings, double beta) {
        return GzslEvaluator.evaluate(distances(network, clips, embeddings), clips.labels(), beta);
    }

    /**
     * Distances from every clip's θv to every candidate class's θw.
     *
     * @param embeddings text embedding of every class id
     * @throws IllegalArgumentException if the set is empty, a candidate has no embedding, or the
     *     network returns a non-finite embedding
     * @throws IllegalStateException if the network returns embeddings of the wrong size
     */
    public static DistanceMatrix distances(
            AvcaNetwork network, ClipSet clips, float[][] embeddings) {
        if (clips.size() == 0) {
            throw new IllegalArgumentException(
                    "clip set " + clips.name() + " is empty: nothing to evaluate");
        }
        int outDim = network.config().outDim();
        int textDim = network.config().textDim();
        int[] candidates = clips.candidateClasses();
        boolean[] seen = new boolean[candidates.length];
        float[] text = new float[candidates.length * textDim];
        for (int j = 0; j < candidates.length; j++) {
            int id = candidates[j];
            if (id < 0 || id >= embeddings.length || embeddings[id].length != textDim) {
                throw new IllegalArgumentException(
                        "clip set "
                                + clips.name()
                                + ": candidate class "
                                + id
                                + " has no text embedding of width "
                                + textDim);
            }
            System.arraycopy(embeddings[id], 0, text, j * textDim, textDim);
            seen[j] = clips.isSeen(id);
        }
        float[] theta = network.embedVideo(clips.audio(), clips.video(), clips.size());
        float[] thetaW = network.embedText(text, candidates.length);
        checkLength(theta, clips.size() * outDim, "θv of " + clips.name());
        checkLength(thetaW, candidates.length * outDim, "θw of the candidates of " + clips.name());
        return DistanceMatrix.euclidean(theta, clips.size(), thetaW, outDim, candidates, seen);
    }

    private static void checkLength(float[] values, int expected, String what) {
        if (values.length != expected) {
            throw new IllegalStateException(
                    "the network returned "
                            + values.length
                            + " values for "
                            + what
                            + ", expected "
                            + expected);
        }
    }
}
