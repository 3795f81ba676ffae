package org.avca4j.trainer.testing;

import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
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
 * "learns something" check of every method's tests (no schedule, no checkpoints).
 */
public final class ShortTraining {

    private ShortTraining() {}

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
