package org.avca4j.spark;

import java.io.IOException;
import java.util.List;
import org.avca4j.sdk.ZeroShotClassifier;

/**
 * Every call this module makes into the SDK's classifier, in one place, so that a change of the
 * SDK's API touches one class.
 */
final class SdkBridge {

    private SdkBridge() {}

    /**
     * Opens a classifier on the model bytes, adds the classes, then narrows the candidates (so that
     * the candidates may name added classes too).
     *
     * @throws IllegalArgumentException if a candidate is unknown, an added class's name is taken or
     *     its embedding is malformed
     * @throws org.avca4j.sdk.ModelFormatException if the bytes are not an exported model
     * @throws IOException if ONNX Runtime cannot read the model
     */
    static ZeroShotClassifier open(byte[] model, ClassifierOptions options) throws IOException {
        ZeroShotClassifier.Builder b =
                ZeroShotClassifier.builder()
                        .setModel(model)
                        .optMode(options.mode())
                        .optTopK(options.topK())
                        .optIntraOpThreads(options.intraOpThreads());
        if (options.beta() != null) {
            b.optBeta(options.beta());
        }
        ZeroShotClassifier c = b.build();
        try {
            for (AddedClass a : options.added()) {
                c.addClass(a.name(), a.embedding());
            }
            if (!options.candidates().isEmpty()) {
                c.setCandidates(options.candidates());
            }
            if (c.candidates().isEmpty()) {
                throw new IllegalArgumentException(
                        "no candidate class left in "
                                + options.mode()
                                + " mode (ZSL keeps unseen and added classes only)");
            }
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Widths the model expects: {@code {audio_dim, video_dim}}. Never throws. */
    static int[] widths(ZeroShotClassifier c) {
        return new int[] {c.card().audioDim(), c.card().videoDim()};
    }

    /**
     * One model run over checked clips.
     *
     * @throws org.avca4j.sdk.InferenceException if ONNX Runtime fails
     */
    static List<org.avca4j.sdk.Prediction> classify(
            ZeroShotClassifier c, float[][] audio, float[][] video) {
        return c.classifyBatch(audio, video);
    }
}
