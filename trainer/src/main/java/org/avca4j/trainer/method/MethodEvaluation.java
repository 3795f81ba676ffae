package org.avca4j.trainer.method;

import java.util.EnumMap;
import java.util.Map;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.ClipSet;

/**
 * Scores a clip set with any method's network (docs/protocol.md): every clip as one inference batch
 * against the set's candidate classes (ascending ids), then the GZSL figures per mode.
 */
public final class MethodEvaluation {

    private final ModeDistances distances;
    private final int[] candidates;
    private final boolean[] seen;
    private final int[] labels;

    private MethodEvaluation(
            ModeDistances distances, int[] candidates, boolean[] seen, int[] labels) {
        this.distances = distances;
        this.candidates = candidates;
        this.seen = seen;
        this.labels = labels;
    }

    /**
     * Runs the network once over the set.
     *
     * @param embeddings raw text embedding of every class id
     * @throws IllegalArgumentException if the set is empty, a candidate has no embedding of the
     *     network's width, or a distance is not finite
     */
    public static MethodEvaluation of(
            MethodNetwork network, ClipSet clips, float[][] embeddings, int textDim) {
        if (clips.size() == 0) {
            throw new IllegalArgumentException(
                    "clip set " + clips.name() + " is empty: nothing to evaluate");
        }
        Candidates candidates = Candidates.of(clips, embeddings, textDim);
        ModeDistances d = network.distances(clips, candidates.text(), candidates.ids().length);
        if (d.rows() != clips.size() || d.columns() != candidates.ids().length) {
            throw new IllegalStateException(
                    "the network returned "
                            + d.rows()
                            + "×"
                            + d.columns()
                            + " distances for "
                            + clips.name()
                            + ", expected "
                            + clips.size()
                            + "×"
                            + candidates.ids().length);
        }
        return new MethodEvaluation(d, candidates.ids(), candidates.seen(), clips.labels());
    }

    /**
     * The candidate classes of a clip set with their raw text embeddings: what every method's
     * evaluation scores the clips against.
     *
     * @param ids the candidate class ids, ascending
     * @param seen whether each candidate is a seen class of the set
     * @param text their raw text embeddings, {@code [ids.length*textDim]}
     */
    public record Candidates(int[] ids, boolean[] seen, float[] text) {

        /**
         * The candidates of a clip set.
         *
         * @param embeddings raw text embedding of every class id
         * @throws IllegalArgumentException if a candidate has no embedding of width {@code textDim}
         */
        public static Candidates of(ClipSet clips, float[][] embeddings, int textDim) {
            int[] ids = clips.candidateClasses();
            boolean[] seen = new boolean[ids.length];
            float[] text = new float[ids.length * textDim];
            for (int j = 0; j < ids.length; j++) {
                int id = ids[j];
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
            return new Candidates(ids, seen, text);
        }
    }

    /** Whether the network scored the audio or the video mode on its own (not as "both"). */
    public boolean hasSeparateModes() {
        return distances.hasOwn(EvalMode.AUDIO) || distances.hasOwn(EvalMode.VIDEO);
    }

    /** The distance matrix of one mode. */
    public DistanceMatrix matrix(EvalMode mode) {
        return DistanceMatrix.of(distances.get(mode), distances.rows(), candidates, seen);
    }

    /** The figures of one mode at the β with the best HM (0, 0.2, …, 3.0). */
    public GzslResult searchBeta(EvalMode mode) {
        return GzslEvaluator.searchBeta(matrix(mode), labels);
    }

    /**
     * The figures of one mode at the β of {@code betas} with the best HM, the first on ties.
     *
     * @throws IllegalArgumentException if {@code betas} is empty or holds a non-finite value
     */
    public GzslResult searchBeta(EvalMode mode, double[] betas) {
        return GzslEvaluator.search(matrix(mode), labels, betas);
    }

    /** The β search of every mode; single-embedding methods give three equal results. */
    public Map<EvalMode, GzslResult> searchBetaPerMode() {
        Map<EvalMode, GzslResult> out = new EnumMap<>(EvalMode.class);
        for (EvalMode mode : EvalMode.values()) {
            out.put(mode, searchBeta(mode));
        }
        return out;
    }

    /** The figures of one mode at a given β. */
    public GzslResult evaluate(EvalMode mode, double beta) {
        return GzslEvaluator.evaluate(matrix(mode), labels, beta);
    }
}
