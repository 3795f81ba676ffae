package org.avca4j.sdk;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;
import java.util.Set;
import org.avca4j.sdk.card.ScoringRule;

/**
 * The signature of a sequence model (TCaF): inputs {@code audio [N, La, audio_dim]}, {@code
 * audio_mask [N, La]}, {@code video [N, Lv, video_dim]}, {@code video_mask [N, Lv]}, {@code text
 * [C, text_dim]}; outputs θv, θa, θw {@code [·, embedding_dim]}; scoring rule embedding_distance. A
 * model is one when it has the {@code audio_mask} input.
 */
final class SequenceSignature {

    private SequenceSignature() {}

    /**
     * Whether the session's model takes feature sequences.
     *
     * @throws ModelFormatException if its inputs cannot be read
     */
    static boolean isSequenceModel(OrtSession session, String description)
            throws ModelFormatException {
        try {
            return session.getInputInfo().containsKey(ModelSignature.AUDIO_MASK);
        } catch (OrtException e) {
            throw new ModelFormatException(
                    description + ": its inputs cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @throws ModelFormatException if an input or output is missing or has another rank, type or
     *     width than the card says, or the card's scoring rule is not embedding_distance
     */
    static void check(OrtSession session, ModelCard card, String description)
            throws ModelFormatException {
        if (card.scoringRule() != ScoringRule.EMBEDDING_DISTANCE) {
            throw new ModelFormatException(
                    description
                            + ": a sequence model needs scoring rule embedding_distance, its card"
                            + " says "
                            + card.scoringRule().label());
        }
        try {
            Map<String, NodeInfo> in = session.getInputInfo();
            Map<String, NodeInfo> out = session.getOutputInfo();
            if (!in.keySet()
                    .equals(
                            Set.of(
                                    ModelSignature.AUDIO,
                                    ModelSignature.AUDIO_MASK,
                                    ModelSignature.VIDEO,
                                    ModelSignature.VIDEO_MASK,
                                    ModelSignature.TEXT))) {
                throw new ModelFormatException(
                        description
                                + " is not a sequence model: expected inputs audio, audio_mask,"
                                + " video, video_mask, text, got "
                                + in.keySet());
            }
            tensor(in, ModelSignature.AUDIO, 3, card.audioDim(), description);
            tensor(in, ModelSignature.AUDIO_MASK, 2, -1, description);
            tensor(in, ModelSignature.VIDEO, 3, card.videoDim(), description);
            tensor(in, ModelSignature.VIDEO_MASK, 2, -1, description);
            tensor(in, ModelSignature.TEXT, 2, card.textDim(), description);
            for (String o :
                    new String[] {
                        ModelSignature.THETA_V, ModelSignature.THETA_A, ModelSignature.THETA_W
                    }) {
                tensor(out, o, 2, card.embeddingDim(), description);
            }
        } catch (OrtException e) {
            throw new ModelFormatException(
                    description + ": its inputs cannot be read: " + e.getMessage(), e);
        }
    }

    private static void tensor(
            Map<String, NodeInfo> nodes, String name, int rank, long width, String description)
            throws ModelFormatException {
        NodeInfo node = nodes.get(name);
        if (node == null
                || !(node.getInfo() instanceof TensorInfo t)
                || t.type != OnnxJavaType.FLOAT
                || t.getShape().length != rank
                || (width > 0 && t.getShape()[rank - 1] != width)) {
            throw new ModelFormatException(
                    description
                            + " does not match its model card: expected "
                            + name
                            + " a float tensor of rank "
                            + rank
                            + (width > 0 ? " and width " + width : "")
                            + ", got "
                            + (node == null ? "none" : node.getInfo()));
        }
    }
}
