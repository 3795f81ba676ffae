package org.avca4j.trainer.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.method.TestBetaRule;

/**
 * The outcome of the whole protocol (docs/protocol.md), as written to {@code run.json}.
 *
 * @param spec data and configurations of the run (the text order among them)
 * @param stage1 stage 1, which chose E* and β*
 * @param stage2 stage 2, whose epoch-E* checkpoint was tested
 * @param testEpoch E*, 0-based
 * @param testBeta the test β, taken from stage 1's epoch E* by {@code testBetaRule}: β* for AVCA
 * @param test the test figures (the method's "both" mode)
 * @param testBetaRule how the test β was chosen; null (a file written before the rule was recorded)
 *     reads as {@link TestBetaRule#BOTH}
 */
public record ProtocolResult(
        RunSpec spec,
        StageResult stage1,
        StageResult stage2,
        int testEpoch,
        double testBeta,
        TestFigures test,
        TestBetaRule testBetaRule)
        implements ProtocolOutcome {

    /** Null rule reads as {@link TestBetaRule#BOTH}. */
    public ProtocolResult {
        if (testBetaRule == null) {
            testBetaRule = TestBetaRule.BOTH;
        }
    }

    /** A result tested at the β of the "both" search. */
    public ProtocolResult(
            RunSpec spec,
            StageResult stage1,
            StageResult stage2,
            int testEpoch,
            double testBeta,
            TestFigures test) {
        this(spec, stage1, stage2, testEpoch, testBeta, test, TestBetaRule.BOTH);
    }

    /** The id of the method that was run. */
    @Override
    public String method() {
        return spec.method();
    }

    @Override
    public List<Double> stage1ValidationHm() {
        return stage1.history().stream().map(EpochRecord::valHm).toList();
    }

    @Override
    public List<Double> stage2ValidationHm() {
        return stage2.history().stream().map(EpochRecord::valHm).toList();
    }

    @Override
    public double trainingSeconds() {
        double s = 0;
        for (EpochRecord r : stage1.history()) {
            s += r.seconds();
        }
        for (EpochRecord r : stage2.history()) {
            s += r.seconds();
        }
        return s;
    }

    /** {@code stage1-validation} with the run's best-epoch rule, e.g. {@code (reference)}. */
    @Override
    public String epochSelection() {
        return "stage1-validation ("
                + spec.training().bestEpochRule().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ")";
    }

    /** File name inside the run folder. */
    public static final String FILE_NAME = "run.json";

    /** The text order the run used (docs/protocol.md#text-order); reports must say which. */
    public TextOrder textOrder() {
        return spec.textOrder();
    }

    /**
     * This result with every epoch's {@code seconds} set to 0: what two runs of the same seed agree
     * on.
     */
    public ProtocolResult withoutTiming() {
        return new ProtocolResult(
                spec,
                stage1.withoutTiming(),
                stage2.withoutTiming(),
                testEpoch,
                testBeta,
                test,
                testBetaRule);
    }

    /**
     * Reads a {@code run.json}.
     *
     * @throws IOException if it cannot be read or is not a protocol result
     */
    public static ProtocolResult read(Path file) throws IOException {
        return Json.read(file, ProtocolResult.class);
    }
}
