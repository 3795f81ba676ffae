package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.trainer.model.AvcaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One classifier shared by 16 threads gives exactly the serial results. */
class ZeroShotClassifierConcurrencyTest {

    @TempDir Path dir;

    @Test
    void sixteenThreadsGiveTheSerialResults() throws Exception {
        AvcaConfig cfg = TestModels.small();
        TestModels.Exported m = TestModels.export(dir, cfg, 10, 0.1, 21);
        int n = 64;
        float[][] audio = TestWeights.gaussianRows(n, cfg.audioDim(), 1);
        float[][] video = TestWeights.gaussianRows(n, cfg.videoDim(), 2);
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(m.file()).optIntraOpThreads(1).build()) {
            List<Prediction> serial = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                serial.add(c.classify(audio[i], video[i]));
            }
            assertEquals(serial, c.classifyBatch(audio, video), "batch and single-clip runs agree");
            int threads = 16;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<List<Prediction>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    futures.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        Prediction[] out = new Prediction[n];
                                        for (int k = 0; k < n; k++) {
                                            int i =
                                                    (k + offset * 5)
                                                            % n; // threads walk the clips in
                                            // different orders
                                            out[i] = c.classify(audio[i], video[i]);
                                        }
                                        return List.of(out);
                                    }));
                }
                start.countDown();
                for (Future<List<Prediction>> f : futures) {
                    assertEquals(serial, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
