package org.avca4j.trainer.method;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.model.TrainingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual measurement, not a test: the median time of one training step of a method at its published
 * batch size (256) with UCF main's widths (512/512/300) and settings, on random inputs with {@code
 * classes} training classes. Run with the test classpath: {@code java -cp ...
 * org.avca4j.trainer.method.StepTimeMeasurement cjme,avgzslnet [steps] [classes]}.
 */
public final class StepTimeMeasurement {

    private static final Logger LOG = LoggerFactory.getLogger(StepTimeMeasurement.class);

    private StepTimeMeasurement() {}

    public static void main(String[] args) {
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int classes = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        for (String id : args[0].split(",")) {
            GzslMethod method = Methods.of(id);
            MethodSettings settings = method.settings(DatasetName.UCF, FeatureSet.MAIN, Map.of());
            int batch =
                    method.trainingConfig(
                                    DatasetName.UCF,
                                    FeatureSet.MAIN,
                                    org.avca4j.sdk.card.TextOrder.OWN)
                            .build()
                            .batchSize();
            SplittableRandom r = new SplittableRandom(1);
            int[] ids = new int[classes];
            for (int k = 0; k < classes; k++) {
                ids[k] = k;
            }
            MethodContext c =
                    new MethodContext(
                            512, 512, 300, 42, ids, ReferenceMath.gaussian(r, classes * 300));
            TrainingBatch b =
                    new TrainingBatch(
                            batch,
                            ReferenceMath.gaussian(r, batch * 512),
                            ReferenceMath.gaussian(r, batch * 512),
                            ReferenceMath.gaussian(r, batch * 300),
                            ReferenceMath.gaussian(r, batch * 512),
                            ReferenceMath.gaussian(r, batch * 512),
                            ReferenceMath.gaussian(r, batch * 300),
                            new int[batch],
                            new int[batch]);
            try (MethodNetwork net = method.create(c, settings)) {
                for (int s = 0; s < 5; s++) {
                    net.step(b, 1e-3, s);
                }
                double[] ms = new double[steps];
                for (int s = 0; s < steps; s++) {
                    long t = System.nanoTime();
                    net.step(b, 1e-3, 100 + s);
                    ms[s] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                LOG.info(
                        "{} batch {}: median step {} ms (min {}, max {}) over {} steps, {} training classes",
                        id,
                        batch,
                        String.format(java.util.Locale.ROOT, "%.1f", ms[steps / 2]),
                        String.format(java.util.Locale.ROOT, "%.1f", ms[0]),
                        String.format(java.util.Locale.ROOT, "%.1f", ms[steps - 1]),
                        steps,
                        classes);
            }
        }
    }
}
