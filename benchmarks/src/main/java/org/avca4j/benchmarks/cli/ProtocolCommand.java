package org.avca4j.benchmarks.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.io.OutputFolder;
import org.avca4j.trainer.training.ProtocolResult;
import org.avca4j.trainer.training.ProtocolRunner;
import org.avca4j.trainer.training.TestFigures;
import org.avca4j.trainer.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code protocol}: stage 1, stage 2 and the test (docs/protocol.md) in a run folder, resumable.
 */
@Command(
        name = "protocol",
        mixinStandardHelpOptions = true,
        description =
                "Run the whole AVCA protocol: stage 1 picks the epoch E* and beta*, stage 2 re-trains from "
                        + "scratch on the stage-2 clips, and its epoch-E* checkpoint is tested with beta*. Re-running resumes.")
public final class ProtocolCommand implements Callable<Integer> {

    @Mixin BenchmarkOptions benchmark;

    @Mixin TrainingOptions training;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Run folder (default: runs/<dataset>-<features>-seed<N>): checkpoints, metrics.jsonl, run.json. "
                            + "Locked while the command runs.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Benchmark b = benchmark.read();
        Trainer trainer = training.trainer(b, new ConsoleProgress(b.dataset().folder()));
        Path folder =
                out != null ? out : TrainingOptions.defaultRunFolder(b, trainer.trainingConfig());
        ProtocolResult r;
        try (OutputFolder lock = OutputFolder.lock(folder)) {
            r = new ProtocolRunner(trainer).run(b, folder);
        }
        TestFigures t = r.test();
        System.out.printf(
                Locale.ROOT,
                "%s %s, text order %s: E* = %d, beta* = %.1f%n",
                b.dataset(),
                b.featureSet().folder(),
                r.textOrder().label(),
                r.testEpoch(),
                r.testBeta());
        System.out.printf(
                Locale.ROOT,
                "test  S %.2f  U %.2f  HM %.2f  ZSL %.2f  (percent)%n",
                100 * t.seen(),
                100 * t.unseen(),
                100 * t.harmonicMean(),
                100 * t.zsl());
        System.out.println("run folder: " + folder + " (run.json, metrics.jsonl, checkpoints)");
        return 0;
    }
}
