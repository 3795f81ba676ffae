package org.avca4j.trainer.training;

import java.util.EnumMap;
import java.util.Map;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.MethodEvaluation;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.model.AvcaNetwork;

/**
 * Scores a clip set with a network (docs/protocol.md): θv of all clips as one inference batch, θw
 * of the set's candidate classes (ascending ids), Euclidean distances, then the GZSL figures. Any
 * method's network is scored by {@link #validate}.
 */
public final class Validation {

    private Validation() {}

    /**
     * The validation of an epoch: the "both" mode's figures at its best β, which choose the epoch
     * and drive the schedule, and, for a method that scores audio, video and both separately, every
     * mode's figures at its own best β.
     *
     * @param both the "both" mode's β search
     * @param modes every mode's figures; empty for a method that scores every mode alike
     */
    public record Outcome(GzslResult both, Map<EvalMode, ModeFigures> modes) {

        /** The β of a mode: its own search's, or the "both" one for a single-mode method. */
        public double beta(EvalMode mode) {
            ModeFigures f = modes.get(mode);
            return f != null ? f.beta() : both.beta();
        }
    }

    /**
     * Scores a clip set with any method's network, searching β per mode where the method has
     * separate modes (docs/protocol.md#modes).
     *
     * @param textDim width of the class text embeddings
     * @throws IllegalArgumentException as {@link MethodEvaluation#of}
     * @throws IllegalStateException as {@link MethodEvaluation#of}
     */
    public static Outcome validate(
            MethodNetwork network, ClipSet clips, float[][] embeddings, int textDim) {
        MethodEvaluation evaluation = MethodEvaluation.of(network, clips, embeddings, textDim);
        GzslResult both = evaluation.searchBeta(EvalMode.BOTH);
        Map<EvalMode, ModeFigures> modes = new EnumMap<>(EvalMode.class);
        if (evaluation.hasSeparateModes()) {
            for (EvalMode mode : EvalMode.values()) {
                GzslResult r = mode == EvalMode.BOTH ? both : evaluation.searchBeta(mode);
                modes.put(mode, ModeFigures.of(r));
            }
        }
        return new Outcome(both, modes);
    }

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
        MethodEvaluation.Candidates candidates =
                MethodEvaluation.Candidates.of(clips, embeddings, textDim);
        int c = candidates.ids().length;
        float[] theta = network.embedVideo(clips.audio(), clips.video(), clips.size());
        float[] thetaW = network.embedText(candidates.text(), c);
        checkLength(theta, clips.size() * outDim, "θv of " + clips.name());
        checkLength(thetaW, c * outDim, "θw of the candidates of " + clips.name());
        return DistanceMatrix.euclidean(
                theta, clips.size(), thetaW, outDim, candidates.ids(), candidates.seen());
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
