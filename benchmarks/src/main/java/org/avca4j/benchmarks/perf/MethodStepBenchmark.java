package org.avca4j.benchmarks.perf;

import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * Wall-clock time of any method's {@link MethodNetwork#step} on random batches of UCF main shapes
 * (512/512 features, 300-wide unit text embeddings, {@value #TRAINING_CLASSES} training classes as
 * in UCF's stage 1), with the method's published settings and, unless given, its published batch
 * size.
 */
final class MethodStepBenchmark {

    /** Feature widths of the main features. */
    static final int FEATURE_DIM = 512;

    /** Width of a class text embedding. */
    static final int TEXT_DIM = 300;

    /** Stage-1 training classes of UCF-GZSL main. */
    static final int TRAINING_CLASSES = 30;

    private MethodStepBenchmark() {}

    /** The published batch size of a method on UCF main. */
    static int publishedBatchSize(GzslMethod method) {
        return method.trainingConfig(DatasetName.UCF, FeatureSet.MAIN, TextOrder.OWN)
                .build()
                .batchSize();
    }

    /**
     * Times the steps.
     *
     * @throws IllegalArgumentException if {@code batchSize < 2}, {@code warmup < 0} or {@code steps
     *     < 1}, or the method cannot be built for these shapes
     */
    static TrainingStepBenchmark.Timings measure(
            GzslMethod method, int batchSize, int warmup, int steps) {
        if (batchSize < 2 || warmup < 0 || steps < 1) {
            throw new IllegalArgumentException(
                    "need batchSize >= 2, warmup >= 0, steps >= 1; got "
                            + batchSize
                            + ", "
                            + warmup
                            + ", "
                            + steps);
        }
        SplittableRandom r = new SplittableRandom(1);
        int[] ids = new int[TRAINING_CLASSES];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = c;
        }
        float[] classText = unitRows(r, TRAINING_CLASSES, TEXT_DIM);
        MethodContext context =
                new MethodContext(FEATURE_DIM, FEATURE_DIM, TEXT_DIM, 42, ids, classText);
        MethodSettings settings = method.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
        TrainingConfig training =
                method.trainingConfig(DatasetName.UCF, FeatureSet.MAIN, TextOrder.OWN)
                        .setBatchSize(batchSize)
                        .build();
        int[] labels = new int[batchSize];
        int[] negLabels = new int[batchSize];
        float[] text = new float[batchSize * TEXT_DIM];
        float[] negText = new float[batchSize * TEXT_DIM];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = i % TRAINING_CLASSES;
            negLabels[i] = (i + 1) % TRAINING_CLASSES;
            System.arraycopy(classText, labels[i] * TEXT_DIM, text, i * TEXT_DIM, TEXT_DIM);
            System.arraycopy(classText, negLabels[i] * TEXT_DIM, negText, i * TEXT_DIM, TEXT_DIM);
        }
        TrainingBatch batch =
                new TrainingBatch(
                        batchSize,
                        gaussian(r, batchSize * FEATURE_DIM),
                        gaussian(r, batchSize * FEATURE_DIM),
                        text,
                        gaussian(r, batchSize * FEATURE_DIM),
                        gaussian(r, batchSize * FEATURE_DIM),
                        negText,
                        labels,
                        negLabels);
        double[] millis = new double[steps];
        try (MethodNetwork net = method.create(context, settings, training)) {
            for (int i = 0; i < warmup; i++) {
                net.step(batch, training.learningRate(), i);
            }
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                net.step(batch, training.learningRate(), warmup + i);
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return new TrainingStepBenchmark.Timings(millis);
    }

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float[] unitRows(SplittableRandom r, int rows, int width) {
        float[] v = gaussian(r, rows * width);
        for (int i = 0; i < rows; i++) {
            double sq = 0;
            for (int j = 0; j < width; j++) {
                sq += v[i * width + j] * v[i * width + j];
            }
            for (int j = 0; j < width; j++) {
                v[i * width + j] = (float) (v[i * width + j] / Math.sqrt(sq));
            }
        }
        return v;
    }
}
