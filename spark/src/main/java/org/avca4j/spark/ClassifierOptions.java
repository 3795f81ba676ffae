package org.avca4j.spark;

import java.io.Serializable;
import java.util.List;
import org.avca4j.sdk.ClassificationMode;

/**
 * How each executor's classifier is configured: everything but the model bytes. Equal options on
 * the same model share one classifier per JVM.
 *
 * @param candidates card classes to restrict the candidates to; empty for all
 * @param added classes added by name and embedding, in order
 * @param mode GZSL or ZSL
 * @param beta β for calibrated stacking; null for the card's β*
 * @param topK how many nearest candidates each prediction lists
 * @param intraOpThreads ONNX Runtime's threads per model run; 0 lets it choose
 */
public record ClassifierOptions(
        List<String> candidates,
        List<AddedClass> added,
        ClassificationMode mode,
        Double beta,
        int topK,
        int intraOpThreads)
        implements Serializable {

    /**
     * @throws IllegalArgumentException if a list or the mode is null, β is not finite, topK is
     *     below 1 or the thread count below 0
     */
    public ClassifierOptions {
        if (candidates == null || added == null || mode == null) {
            throw new IllegalArgumentException("candidates, added classes and mode must be set");
        }
        candidates = List.copyOf(candidates);
        added = List.copyOf(added);
        if (beta != null && !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite, got " + beta);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intra-op threads must be >= 0, got " + intraOpThreads);
        }
    }
}
