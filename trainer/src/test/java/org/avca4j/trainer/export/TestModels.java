package org.avca4j.trainer.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
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
        ModelCards.Builder b =
                ModelCards.builder()
                        .setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN)
                        .setDims(cfg.audioDim(), cfg.videoDim(), cfg.textDim(), cfg.outDim())
                        .setBeta(beta)
                        .optTextOrder(TextOrder.OWN)
                        .optSeed(42);
        for (int i = 0; i < classes; i++) {
            b.addClass("class_" + i, i, i % 2 == 0 ? ClassRole.SEEN : ClassRole.UNSEEN, emb[i]);
        }
        return b.optTraining(Map.of("lr", 1e-3, "epochs", 50))
                .optValidation(Map.of("hm", 0.27, "best_epoch", 12))
                .optTest(Map.of("seen", 0.51, "unseen", 0.18))
                .build();
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
