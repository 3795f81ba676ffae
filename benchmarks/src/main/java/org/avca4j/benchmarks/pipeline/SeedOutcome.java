package org.avca4j.benchmarks.pipeline;

import java.nio.file.Path;
import org.avca4j.benchmarks.report.SeedRun;
import org.avca4j.trainer.training.ProtocolOutcome;
import org.avca4j.trainer.training.ProtocolResult;

/**
 * What {@link SeedRunner} produced for one seed.
 *
 * @param runFolder the run folder
 * @param protocol the protocol's outcome ({@code run.json} of the shared protocol, or a method's
 *     own), with its own test figures
 * @param model the exported tested model; null for a method without an exporter
 * @param sdk the test figures of the exported model through the SDK; null when nothing was exported
 * @param seedRun the run as the report shows it (test figures: the SDK's, or the protocol's when
 *     nothing was exported)
 * @param maxDeviation largest absolute difference between the SDK's and the protocol's S, U, HM and
 *     ZSL (fractions)
 * @param reused whether the protocol had already finished in this folder (nothing trained)
 */
public record SeedOutcome(
        Path runFolder,
        ProtocolOutcome protocol,
        Path model,
        SdkEvaluation.Result sdk,
        SeedRun seedRun,
        double maxDeviation,
        boolean reused) {

    /**
     * The shared protocol's result ({@code run.json}).
     *
     * @throws IllegalStateException if the method ran a protocol of its own
     */
    public ProtocolResult sharedResult() {
        if (protocol instanceof ProtocolResult r) {
            return r;
        }
        throw new IllegalStateException(
                "method " + protocol.method() + " ran its own protocol, not the shared one");
    }

    /** Whether the tested model was exported and evaluated through the SDK. */
    public boolean exported() {
        return model != null;
    }

    /** The reported test figures in percent: S, U, HM, ZSL (the SDK's when exported). */
    public double[] percent() {
        if (sdk != null) {
            return sdk.percent();
        }
        return seedRun.test().scaled(100).toArray();
    }
}
