package org.avca4j.trainer.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodEvaluation;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.training.ClassBalancedSampler;
import org.avca4j.trainer.training.Seeds;
import org.avca4j.trainer.training.Stage;

/**
 * A few epochs of stage 1 of any method at a fixed learning rate, then its validation figures: the
 * "learns something" check of every method's tests (no schedule, no checkpoints), with the small
 * data it runs on and the chance level it must beat.
 */
public final class ShortTraining {

    private ShortTraining() {}

    /**
     * Small synthetic UCF-shaped data for the short trainings: 12 classes of 16 clips, audio and
     * video widths 24 and 32, 30-d class text, seed 5.
     *
     * @throws IOException if the generator fails
     */
    public static Benchmark smallUcf() throws IOException {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optClasses(12)
                .optClipsPerClass(16)
                .optWidths(24, 32)
                .optTextDim(30)
                .optSeed(5)
                .build()
                .generate();
    }

    /**
     * Asserts that a stage-1 validation HM is at least twice chance. Chance is the HM of guessing
     * uniformly among the K validation candidates: every class is then right with probability 1/K,
     * so S = U = HM = 1/K.
     *
     * @param what names the run in the failure message (method id, figures)
     * @throws AssertionError if the HM is below 2/K
     */
    public static void assertTwiceChance(Benchmark benchmark, double harmonicMean, String what) {
        int candidates = benchmark.stage1Val().candidateClasses().length;
        double chance = 1.0 / candidates;
        assertTrue(
                harmonicMean >= 2 * chance,
                what
                        + ": validation HM "
                        + harmonicMean
                        + " vs chance "
                        + chance
                        + " of "
                        + candidates
                        + " candidates");
    }

    /**
     * Trains and validates.
     *
     * @return the BOTH mode's figures on stage-1 validation at its best β
     */
    public static GzslResult stage1(
            GzslMethod method,
            MethodSettings settings,
            Benchmark benchmark,
            int epochs,
            int batches,
            int batchSize,
            double learningRate,
            long seed) {
        ClipSet train = Stage.STAGE_1.trainingClips(benchmark);
        MethodContext context = MethodContext.of(train, benchmark.embeddings(), seed);
        ClassBalancedSampler sampler =
                new ClassBalancedSampler(train, benchmark.embeddings(), batchSize, seed);
        try (MethodNetwork network = method.create(context, settings)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int b = 0; b < batches; b++) {
                    network.step(
                            sampler.batch(epoch, b), learningRate, Seeds.stepSeed(seed, epoch, b));
                }
            }
            return MethodEvaluation.of(
                            network,
                            Stage.STAGE_1.validationClips(benchmark),
                            benchmark.embeddings(),
                            context.textDim())
                    .searchBeta(EvalMode.BOTH);
        }
    }
}
