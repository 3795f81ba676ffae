package org.avca4j.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avca4j.sdk.card.DatasetName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual measurement, not a test: writes an ActivityNet-sized synthetic benchmark (the real class
 * lists and clip counts, 512+512 floats) and times {@link BenchmarkReader#read}. Run with the test
 * classpath: {@code java -cp ... org.avca4j.trainer.data.LoadTimeMeasurement <avgzsl>/ActivityNet
 * <tmpdir>}.
 */
public final class LoadTimeMeasurement {

    private static final Logger LOG = LoggerFactory.getLogger(LoadTimeMeasurement.class);

    private LoadTimeMeasurement() {}

    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of(args[1]));
        SyntheticBenchmark.builder()
                .setDataset(DatasetName.ACTIVITYNET)
                .optFromSplits(Path.of(args[0]))
                .build()
                .write(root);
        for (int run = 0; run < 3; run++) {
            long t = System.nanoTime();
            Benchmark b =
                    BenchmarkReader.builder()
                            .setRoot(root)
                            .setDataset(DatasetName.ACTIVITYNET)
                            .build()
                            .read();
            int clips = b.stage1Train().size() + b.stage1Val().size() + b.test().size();
            LOG.info(
                    "run {}: {} distinct clips read in {} ms",
                    run,
                    clips,
                    (System.nanoTime() - t) / 1_000_000);
        }
    }
}
