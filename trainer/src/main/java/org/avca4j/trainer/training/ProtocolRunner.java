package org.avca4j.trainer.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.MethodEvaluation;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.TestBetaRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of every method (docs/protocol.md): stage 1 picks the epoch E* and the β on the
 * validation clips, stage 2 re-trains from scratch on all stage-1 clips, and the stage-2 checkpoint
 * of epoch E* is tested on the test clips, in the method's "both" mode, at the test β its {@link
 * TestBetaRule} takes from E* (β* for AVCA). Writes {@code run.json} into the run folder at the
 * end.
 *
 * <p>Started on a folder of an interrupted run with the same configuration, it resumes where that
 * run stopped and ends with the same result.
 */
public final class ProtocolRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolRunner.class);

    private final Trainer trainer;

    /** A runner whose stages are trained by {@code trainer}. */
    public ProtocolRunner(Trainer trainer) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    /**
     * Runs (or resumes) the protocol in {@code runFolder}.
     *
     * @return both stages' histories, E*, the test β and the test figures
     * @throws IllegalArgumentException as {@link Trainer#train}
     * @throws IllegalStateException as {@link Trainer#train}
     * @throws IOException if a file of the run folder cannot be read or written
     */
    public ProtocolResult run(Benchmark benchmark, Path runFolder) throws IOException {
        StageResult stage1 = trainer.train(Stage.STAGE_1, benchmark, runFolder);
        StageResult stage2 = trainer.train(Stage.STAGE_2, benchmark, runFolder);
        int testEpoch = stage1.bestEpoch();
        TestBetaRule rule = trainer.method().testBetaRule(trainer.settings());
        double beta = TestBeta.of(rule, stage1.history().get(testEpoch));
        GzslResult test;
        try (MethodNetwork network =
                trainer.openNetwork(benchmark, runFolder, Stage.STAGE_2, testEpoch)) {
            test =
                    MethodEvaluation.of(
                                    network,
                                    benchmark.test(),
                                    benchmark.embeddings(),
                                    benchmark.textDim())
                            .evaluate(EvalMode.BOTH, beta);
        }
        ProtocolResult result =
                new ProtocolResult(
                        trainer.runSpec(benchmark),
                        stage1,
                        stage2,
                        testEpoch,
                        beta,
                        TestFigures.of(test),
                        rule);
        Json.write(runFolder.resolve(ProtocolResult.FILE_NAME), result);
        if (LOG.isInfoEnabled()) {
            LOG.info(
                    String.format(
                            Locale.ROOT,
                            "%s test (stage-2 epoch %d, beta %.4g, text order %s): S %.2f U %.2f HM %.2f ZSL %.2f",
                            result.method(),
                            testEpoch,
                            beta,
                            result.textOrder(),
                            100 * test.seen(),
                            100 * test.unseen(),
                            100 * test.harmonicMean(),
                            100 * test.zsl()));
        }
        return result;
    }
}
