package org.avca4j.trainer.method.fvaegan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual measurement, not a test: the median time of f-VAEGAN-D2's critic step and of a critic plus
 * generator/encoder step at the published sizes (512+512 features, 300-d text and latent, batch
 * 64). Run with the test classpath: {@code java -cp ...
 * org.avca4j.trainer.method.fvaegan.FvaeganStepMeasurement [steps]}.
 */
public final class FvaeganStepMeasurement {

    private static final Logger LOG = LoggerFactory.getLogger(FvaeganStepMeasurement.class);

    private FvaeganStepMeasurement() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int a = 512;
        int v = 512;
        int t = 300;
        int n = 64;
        SplittableRandom random = new SplittableRandom(1);
        float[] text = new float[2 * t];
        for (int i = 0; i < text.length; i++) {
            text[i] = (float) random.nextGaussian();
        }
        MethodContext context = new MethodContext(a, v, t, 42, new int[] {0, 1}, text);
        FvaeganSettings s = FvaeganSettings.published(DatasetName.UCF).with(Map.of());
        TrainingBatch batch =
                new TrainingBatch(
                        n,
                        rows(random, n * a),
                        rows(random, n * v),
                        rows(random, n * t),
                        rows(random, n * a),
                        rows(random, n * v),
                        rows(random, n * t),
                        new int[n],
                        new int[n]);
        try (FvaeganNetwork net = new FvaeganNetwork(context, s, DataType.FLOAT)) {
            for (boolean generator : new boolean[] {false, true}) {
                for (int i = 0; i < 5; i++) {
                    net.trainBatch(batch, generator, 1e-3, i);
                }
                double[] ms = new double[steps];
                for (int i = 0; i < steps; i++) {
                    long start = System.nanoTime();
                    net.trainBatch(batch, generator, 1e-3, 100 + i);
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(ms);
                LOG.info(
                        "{} at batch {}: median {} ms over {} steps (min {}, max {})",
                        generator ? "critic + generator/encoder step" : "critic step",
                        n,
                        String.format(Locale.ROOT, "%.1f", ms[steps / 2]),
                        steps,
                        String.format(Locale.ROOT, "%.1f", ms[0]),
                        String.format(Locale.ROOT, "%.1f", ms[steps - 1]));
            }
        }
    }

    private static float[] rows(SplittableRandom random, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) Math.abs(random.nextGaussian());
        }
        return out;
    }
}
