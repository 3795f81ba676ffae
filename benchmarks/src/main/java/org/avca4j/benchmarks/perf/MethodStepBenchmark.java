package org.avca4j.benchmarks.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.training.ClassBalancedSampler;
import org.avca4j.trainer.training.Seeds;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * Wall-clock time of any method's {@link MethodNetwork#step} on random batches of UCF main shapes
 * (512/512 features, 300-wide unit text embeddings, {@value #TRAINING_CLASSES} training classes as
 * in UCF's stage 1), with the method's published settings and, unless given, its published batch
 * size. A method that trains on feature sequences (TCaF) is timed instead on UCF cls shapes
 * ({@value #CLS_AUDIO_DIM}/{@value #CLS_VIDEO_DIM} features, sequences of {@value #MIN_ROWS} to
 * {@value #MAX_ROWS} rows per modality, about a UCF clip's length at the cls rates), with batches
 * drawn as training draws them, because its published figures are for cls features and its step
 * cost depends on the sequence lengths.
 */
final class MethodStepBenchmark {

    /** Feature widths of the main features. */
    static final int FEATURE_DIM = 512;

    /** Width of a class text embedding. */
    static final int TEXT_DIM = 300;

    /** Stage-1 training classes of UCF-GZSL main. */
    static final int TRAINING_CLASSES = 30;

    /** Feature widths of the cls features (VGGish audio, C3D video). */
    static final int CLS_AUDIO_DIM = 128;

    static final int CLS_VIDEO_DIM = 4096;

    /** Row counts of a synthetic sequence clip. */
    static final int MIN_ROWS = 5;

    static final int MAX_ROWS = 11;

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
        if (method.takesSequences()) {
            return measureSequences(method, batchSize, warmup, steps);
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
        try (MethodNetwork net = method.create(context, settings, training)) {
            return time(warmup, steps, i -> net.step(batch, training.learningRate(), i));
        }
    }

    /** TCaF-like methods: UCF cls shapes, batches and clip indices from the training sampler. */
    private static TrainingStepBenchmark.Timings measureSequences(
            GzslMethod method, int batchSize, int warmup, int steps) {
        Benchmark b;
        try {
            b =
                    SyntheticBenchmark.builder()
                            .setDataset(DatasetName.UCF)
                            .optFeatureSet(FeatureSet.CLS)
                            .optWidths(CLS_AUDIO_DIM, CLS_VIDEO_DIM)
                            .optTextDim(TEXT_DIM)
                            .optClasses(TRAINING_CLASSES + 10)
                            .optClipsPerClass(4)
                            .build()
                            .generate(TextOrder.OWN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SequenceBenchmark seq = new SyntheticSequences(MIN_ROWS, MAX_ROWS, 0.1, 1).expand(b);
        long seed = 42;
        MethodContext context =
                MethodContext.of(b.stage1Train(), b.embeddings(), seed)
                        .withSequences(seq, b.stage1Train().name());
        MethodSettings settings = method.settings(DatasetName.UCF, FeatureSet.CLS, Map.of());
        TrainingConfig training =
                method.trainingConfig(DatasetName.UCF, FeatureSet.CLS, TextOrder.OWN)
                        .setBatchSize(batchSize)
                        .build();
        ClassBalancedSampler sampler =
                new ClassBalancedSampler(b.stage1Train(), b.embeddings(), batchSize, seed);
        TrainingBatch[] batches = new TrainingBatch[warmup + steps];
        int[][] positives = new int[warmup + steps][];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = sampler.batch(0, i);
            positives[i] = sampler.draw(0, i).positives();
        }
        try (MethodNetwork net = method.create(context, settings, training)) {
            return time(
                    warmup,
                    steps,
                    i ->
                            net.step(
                                    batches[i],
                                    positives[i],
                                    training.learningRate(),
                                    Seeds.stepSeed(seed, 0, i)));
        }
    }

    /** One step of the timed loop, given its index. */
    private interface Step {
        void run(int index);
    }

    /**
     * {@code warmup} untimed steps, then {@code steps} timed ones; only the step is timed (a
     * sequence method gathers its padded sequences inside the step, as in training).
     */
    private static TrainingStepBenchmark.Timings time(int warmup, int steps, Step step) {
        for (int i = 0; i < warmup; i++) {
            step.run(i);
        }
        double[] millis = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run(warmup + i);
            millis[i] = (System.nanoTime() - t0) / 1e6;
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
