package org.avca4j.trainer.method;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.testing.TinyInputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual measurement, not a test: the median step time of ALE, SJE, DEVISE, APN, CJME and AVGZSLNet
 * at their published batch size 256 on UCF's shapes (30 stage-1 training classes, 300-d text; main
 * features 512+512, cls features 128+4096 normalised). Run with the test classpath: {@code java -cp
 * ... org.avca4j.trainer.method.StepTimeMeasurement [steps]}.
 */
public final class StepTimeMeasurement {

    private static final Logger LOG = LoggerFactory.getLogger(StepTimeMeasurement.class);

    private StepTimeMeasurement() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int[] ids = new int[30];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 2 * i;
        }
        for (FeatureSet features : FeatureSet.values()) {
            boolean main = features == FeatureSet.MAIN;
            MethodContext c =
                    TinyInputs.randomContext(main ? 512 : 128, main ? 512 : 4096, 300, ids, 1);
            TrainingBatch[] batches = new TrainingBatch[8];
            for (int b = 0; b < batches.length; b++) {
                batches[b] = TinyInputs.random(c, 256, b);
            }
            for (String id : List.of("ale", "sje", "devise", "apn", "cjme", "avgzslnet")) {
                GzslMethod m = Methods.of(id);
                MethodSettings s = m.settings(DatasetName.UCF, features, Map.of());
                try (MethodNetwork net = m.create(c, s)) {
                    for (int w = 0; w < 10; w++) {
                        net.step(batches[w % batches.length], 1e-3, w);
                    }
                    double[] ms = new double[steps];
                    for (int k = 0; k < steps; k++) {
                        long t = System.nanoTime();
                        net.step(batches[k % batches.length], 1e-3, 100 + k);
                        ms[k] = (System.nanoTime() - t) / 1e6;
                    }
                    Arrays.sort(ms);
                    LOG.info(
                            "{} {} batch 256: median step {} ms (min {}, max {}) over {} steps",
                            id,
                            features.folder(),
                            String.format(java.util.Locale.ROOT, "%.2f", ms[steps / 2]),
                            String.format(java.util.Locale.ROOT, "%.2f", ms[0]),
                            String.format(java.util.Locale.ROOT, "%.2f", ms[steps - 1]),
                            steps);
                }
            }
        }
    }
}
