package org.avca4j.trainer.export;

import java.io.IOException;
import java.nio.file.Path;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;

/**
 * Writes a trained network of one method as an ONNX model with its card (docs/model-format.md), so
 * that the SDK's classifier scores it by the rule its card names. {@link MethodExporters} holds the
 * exporters of the registered methods; a method names its own with {@link
 * org.avca4j.trainer.method.GzslMethod#exporter()}.
 */
public interface MethodExporter {

    /**
     * The card's {@code embedding_dim} for this network: the width of the clip and class embeddings
     * the exported model outputs.
     *
     * @throws IllegalArgumentException if the network is not one of this exporter's method
     */
    int embeddingDim(MethodNetwork network);

    /**
     * The scoring rule the exported model's card names for this network (docs/model-format.md); by
     * default {@link ScoringRule#EMBEDDING_DISTANCE}.
     *
     * @throws IllegalArgumentException if the network is not one of this exporter's method
     */
    default ScoringRule scoringRule(MethodNetwork network) {
        return ScoringRule.EMBEDDING_DISTANCE;
    }

    /**
     * Writes the network's inference path with the card to {@code file}, atomically.
     *
     * @param network a trained network of the method, in inference-ready state
     * @param settings the settings it was trained with (the card's training object names them)
     * @param card what it was trained on; its widths must be the network's ({@link #embeddingDim})
     * @throws IllegalArgumentException if the network is not one of this exporter's method, or the
     *     card's widths are not the network's
     * @throws IOException if the file cannot be written
     */
    void export(MethodNetwork network, MethodSettings settings, ModelCard card, Path file)
            throws IOException;
}
