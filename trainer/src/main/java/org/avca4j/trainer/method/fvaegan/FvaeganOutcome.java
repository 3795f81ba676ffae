package org.avca4j.trainer.method.fvaegan;

import java.util.List;
import java.util.Map;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.training.ProtocolOutcome;
import org.avca4j.trainer.training.TestFigures;

/**
 * f-VAEGAN-D2's protocol outcome as reports read it ({@link FvaeganProtocolAdapter}): the GAN epoch
 * and figures of {@link FvaeganResult}, β 0 (no calibrated stacking), and where the epochs were
 * chosen ({@link EpochSelection#id()}).
 *
 * @param testEpoch the GAN epoch of the reported test figures
 * @param test the reported test figures (ZSL from the ZSL classifier)
 * @param stage1ValidationHm stage 1's H after every GAN epoch (stage-1 validation)
 * @param stage2ValidationHm stage 2's H after every evaluated GAN epoch (the test set)
 * @param trainingSeconds seconds of both stages
 * @param epochSelection where the epochs were chosen
 * @param validation stage 1's validation figures at the chosen GAN and classifier epochs
 * @param result the full result with the classifier to export; null when the outcome was read back
 *     from a finished run folder
 */
public record FvaeganOutcome(
        int testEpoch,
        TestFigures test,
        List<Double> stage1ValidationHm,
        List<Double> stage2ValidationHm,
        double trainingSeconds,
        String epochSelection,
        Figures validation,
        FvaeganResult result)
        implements ProtocolOutcome {

    /** The outcome of a protocol run. */
    static FvaeganOutcome of(FvaeganResult r) {
        return new FvaeganOutcome(
                r.testEpoch(),
                figures(r.test()),
                harmonicMeans(r.stage1()),
                harmonicMeans(r.stage2()),
                seconds(r.stage1()) + seconds(r.stage2()),
                r.selection().id(),
                r.validation(),
                r);
    }

    /** The figures as the shared test's: β 0, no per-class accuracies. */
    static TestFigures figures(Figures f) {
        return new TestFigures(f.seen(), f.unseen(), f.harmonicMean(), f.zsl(), 0, Map.of());
    }

    @Override
    public String method() {
        return FvaeganMethod.ID;
    }

    /** 0: f-VAEGAN-D2 has no calibrated stacking. */
    @Override
    public double testBeta() {
        return 0;
    }

    /** {@link TestBetaRule#BOTH}, as β is not searched. */
    @Override
    public TestBetaRule testBetaRule() {
        return TestBetaRule.BOTH;
    }

    private static List<Double> harmonicMeans(List<EpochSummary> epochs) {
        return epochs.stream().map(e -> e.best().harmonicMean()).toList();
    }

    private static double seconds(List<EpochSummary> epochs) {
        return epochs.stream().mapToDouble(EpochSummary::seconds).sum();
    }
}
