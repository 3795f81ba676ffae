package org.avca4j.benchmarks.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.io.OutputFolder;
import org.avca4j.trainer.training.Stage;
import org.avca4j.trainer.training.StageResult;
import org.avca4j.trainer.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: one stage of the protocol in a run folder, resumable. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train one stage of the AVCA protocol (stage 1: on stage-1 train; stage 2: from scratch on the "
                        + "stage-2 clips), validating every epoch. Re-running on the same --out resumes.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin BenchmarkOptions benchmark;

    @Mixin TrainingOptions training;

    @Option(
            names = "--stage",
            required = true,
            paramLabel = "1|2",
            description = "Which stage to train.")
    int stage;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Run folder (default: runs/<dataset>-<features>-seed<N>): checkpoints and metrics.jsonl. "
                            + "Locked while the command runs.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (stage != 1 && stage != 2) {
            throw new IllegalArgumentException("--stage must be 1 or 2, got " + stage);
        }
        Benchmark b = benchmark.read();
        Stage s = stage == 1 ? Stage.STAGE_1 : Stage.STAGE_2;
        Trainer trainer = training.trainer(b, new ConsoleProgress(b.dataset().folder()));
        Path folder =
                out != null ? out : TrainingOptions.defaultRunFolder(b, trainer.trainingConfig());
        StageResult r;
        try (OutputFolder lock = OutputFolder.lock(folder)) {
            r = trainer.train(s, b, folder);
        }
        System.out.printf(
                Locale.ROOT,
                "%s done: best epoch %d (0-based), validation HM %.2f %% at beta %.1f; run folder %s%n",
                s.id(),
                r.bestEpoch(),
                100 * r.bestHm(),
                r.bestBeta(),
                folder);
        return 0;
    }
}
