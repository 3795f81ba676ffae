package org.avca4j.trainer.method.fvaegan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual measurement, not a test: f-VAEGAN-D2's protocol on a synthetic benchmark with the real UCF
 * class lists and clip counts and the published widths (512 + 512, 300-d text), under a reduced
 * schedule given as {@code name=value} overrides. Run with the test classpath: {@code java -cp ...
 * org.avca4j.trainer.method.fvaegan.FvaeganSyntheticMeasurement <avgzsl>/UCF <runFolder>
 * [name=value ...]}.
 */
public final class FvaeganSyntheticMeasurement {

    private static final Logger LOG = LoggerFactory.getLogger(FvaeganSyntheticMeasurement.class);

    private FvaeganSyntheticMeasurement() {}

    public static void main(String[] args) throws Exception {
        Benchmark benchmark =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optFromSplits(Path.of(args[0]))
                        .build()
                        .generate();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            overrides.put(kv[0], kv[1]);
        }
        FvaeganSettings settings = FvaeganSettings.published(DatasetName.UCF).with(overrides);
        long start = System.nanoTime();
        FvaeganResult r =
                FvaeganProtocol.run(benchmark, settings, Files.createDirectories(Path.of(args[1])));
        LOG.info(
                "{} / {}: validation {} at GAN epoch {}; test {} at GAN epoch {}; chance HM about"
                        + " {} (validation), {} (test); {} s",
                settings.schedule().id(),
                settings.selection().id(),
                r.validation(),
                r.validationEpoch(),
                r.test(),
                r.testEpoch(),
                1.0 / benchmark.stage1Val().candidateClasses().length,
                1.0 / benchmark.test().candidateClasses().length,
                Math.round((System.nanoTime() - start) / 1e9));
    }
}
