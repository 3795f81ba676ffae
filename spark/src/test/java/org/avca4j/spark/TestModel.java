package org.avca4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.export.AvcaOnnxExporter;
import org.avca4j.trainer.export.ModelCards;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.testing.RandomWeights;

/**
 * A random-weight model exported by the trainer (the only place these tests touch {@code
 * RandomWeights}): small widths, the published graph. Classes alternate seen (even) and unseen.
 */
final class TestModel {

    static final AvcaConfig SMALL = new AvcaConfig(24, 40, 30, 32, 28, 16, 3, 10, 12, 0, 0, 0, 0.1);

    static final List<String> CLASSES =
            List.of("Archery", "Basketball", "Bowling", "Diving", "Fencing", "Rowing", "Surfing");

    static final double BETA = 0.25;

    private TestModel() {}

    /** Writes the small model to {@code dir/small.onnx} and returns its bytes. */
    static byte[] small(Path dir) throws IOException {
        return export(SMALL, dir.resolve("small.onnx"), 3);
    }

    /** Exports a random model of {@code cfg} to {@code file}; returns its bytes. */
    static byte[] export(AvcaConfig cfg, Path file, long seed) throws IOException {
        Random r = new Random(seed);
        float[][] emb = unitRows(CLASSES.size(), cfg.textDim(), r);
        ModelCards.Builder b =
                ModelCards.builder()
                        .setDataset(DatasetName.UCF, FeatureSet.MAIN, SplitName.MAIN)
                        .setDims(cfg.audioDim(), cfg.videoDim(), cfg.textDim(), cfg.outDim())
                        .setBeta(BETA)
                        .optSeed(seed);
        for (int i = 0; i < CLASSES.size(); i++) {
            b.addClass(CLASSES.get(i), i, i % 2 == 0 ? ClassRole.SEEN : ClassRole.UNSEEN, emb[i]);
        }
        new AvcaOnnxExporter().export(RandomWeights.of(cfg, seed), b.build(), file);
        return Files.readAllBytes(file);
    }

    static float[][] unitRows(int n, int width, Random r) {
        return RandomWeights.unitRows(n, width, r);
    }

    /**
     * Writes a random model of the published shapes (audio and video 512) for by-hand throughput
     * runs: {@code TestModel FILE}.
     */
    public static void main(String[] args) throws IOException {
        export(AvcaConfig.defaults(512, 512), Path.of(args[0]), 42);
    }
}
