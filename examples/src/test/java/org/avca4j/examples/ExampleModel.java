package org.avca4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.export.AvcaOnnxExporter;
import org.avca4j.trainer.export.ModelCards;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.testing.RandomWeights;

/** A small exported random-weight model to run the examples on, and random clips for it. */
final class ExampleModel {

    /** Small widths (fast to export and run); the graph is the published one. */
    static final AvcaConfig CONFIG =
            new AvcaConfig(24, 40, 30, 32, 28, 16, 3, 10, 12, 0, 0, 0, 0.1);

    /** Card classes in candidate order; all seen but the last. */
    static final List<String> CLASSES =
            List.of("Archery", "Basketball", "Bowling", "Diving", "Fencing", "Rowing");

    static final double BETA = 0.1;

    private ExampleModel() {}

    record Exported(Path file, ModelCard card) {}

    static Exported export(Path dir) throws IOException {
        float[][] embeddings = unitRows(CLASSES.size(), CONFIG.textDim(), new Random(7));
        ModelCards.Builder b =
                ModelCards.builder()
                        .setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN)
                        .setDims(
                                CONFIG.audioDim(),
                                CONFIG.videoDim(),
                                CONFIG.textDim(),
                                CONFIG.outDim())
                        .setBeta(BETA)
                        .optSeed(1);
        for (int i = 0; i < CLASSES.size(); i++) {
            b.addClass(
                    CLASSES.get(i),
                    i,
                    i < CLASSES.size() - 1 ? ClassRole.SEEN : ClassRole.UNSEEN,
                    embeddings[i]);
        }
        Path file = dir.resolve("example.onnx");
        ModelCard card = b.build();
        new AvcaOnnxExporter().export(RandomWeights.of(CONFIG, 3), card, file);
        return new Exported(file, card);
    }

    /** {@code n} rows of standard normal floats. */
    static float[][] gaussianRows(int n, int width, Random r) {
        return RandomWeights.gaussianRows(n, width, r);
    }

    /** The {@code POST /classify} body {@code {"audio":[…],"video":[…]}} of one random clip. */
    static String clipJson(Random r) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode();
        body.set("audio", json.valueToTree(gaussianRows(1, CONFIG.audioDim(), r)[0]));
        body.set("video", json.valueToTree(gaussianRows(1, CONFIG.videoDim(), r)[0]));
        return body.toString();
    }

    static float[][] unitRows(int n, int width, Random r) {
        return RandomWeights.unitRows(n, width, r);
    }
}
