package org.avca4j.trainer.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;
import org.avca4j.trainer.testing.RandomWeights;

/** Exported random-weight models for tests. */
final class TestModels {

    private TestModels() {}

    /** An exported model with its weights and card. */
    record Exported(Path file, AvcaWeights weights, ModelCard card) {}

    /** A small architecture: fast to export and run, same graph as the published one. */
    static AvcaConfig small() {
        return new AvcaConfig(24, 40, 30, 32, 28, 16, 3, 10, 12, 0, 0, 0, 0.1);
    }

    /** A card whose classes {@code class_i} alternate seen (even i) and unseen (odd i). */
    static ModelCard card(AvcaConfig cfg, int classes, double beta, long seed) {
        float[][] emb = TestWeights.unitRows(classes, cfg.textDim(), seed);
        ModelCard.Builder b =
                ModelCard.builder()
                        .setDataset("UCF", "main_features", "main_split")
                        .optDims(cfg.audioDim(), cfg.videoDim(), cfg.textDim(), cfg.outDim())
                        .setBeta(beta)
                        .optTextOrder("own")
                        .optSeed(42);
        for (int i = 0; i < classes; i++) {
            b.addClass("class_" + i, i, i % 2 == 0 ? ClassRole.SEEN : ClassRole.UNSEEN, emb[i]);
        }
        ObjectNode training =
                JsonNodeFactory.instance.objectNode().put("lr", 1e-3).put("epochs", 50);
        ObjectNode val =
                JsonNodeFactory.instance.objectNode().put("hm", 0.27).put("best_epoch", 12);
        ObjectNode test =
                JsonNodeFactory.instance.objectNode().put("seen", 0.51).put("unseen", 0.18);
        return b.optTraining(training).optValidation(val).optTest(test).build();
    }

    static Exported export(Path dir, AvcaConfig cfg, int classes, double beta, long seed)
            throws IOException {
        AvcaWeights w = RandomWeights.of(cfg, seed);
        ModelCard card = card(cfg, classes, beta, seed + 1);
        Path file = dir.resolve("model-" + seed + ".onnx");
        new AvcaOnnxExporter().export(w, card, file);
        return new Exported(file, w, card);
    }
}
