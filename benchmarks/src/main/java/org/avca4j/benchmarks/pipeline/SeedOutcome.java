package org.avca4j.benchmarks.pipeline;

import java.nio.file.Path;
import org.avca4j.benchmarks.report.SeedRun;
import org.avca4j.trainer.training.ProtocolResult;

/**
 * What {@link SeedRunner} produced for one seed.
 *
 * @param runFolder the run folder
 * @param protocol the protocol's outcome ({@code run.json}), with its own test figures
 * @param model the exported stage-2 model of epoch E*
 * @param sdk the test figures of the exported model through the SDK
 * @param seedRun the run as the report shows it (test figures: the SDK's)
 * @param maxDeviation largest absolute difference between the SDK's and the protocol's S, U, HM and
 *     ZSL (fractions)
 * @param reused whether the protocol had already finished in this folder (nothing trained)
 */
public record SeedOutcome(
        Path runFolder,
        ProtocolResult protocol,
        Path model,
        SdkEvaluation.Result sdk,
        SeedRun seedRun,
        double maxDeviation,
        boolean reused) {}
