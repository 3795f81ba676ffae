package org.avca4j.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.method.TestBetaRule;

/**
 * The outcome of the full protocol (docs/protocol.md) for one benchmark and one seed: stage 1,
 * stage 2 and the test. Figures are fractions in [0, 1], as the evaluator produces them; reports
 * turn them into percent.
 *
 * @param dataset the benchmark
 * @param features the feature set (and with it the class split)
 * @param seed the random seed of both stages
 * @param textOrder how text embeddings were assigned to classes
 * @param test S, U, HM and ZSL on the test set, stage-2 checkpoint of epoch E*, β = β*
 * @param beta β*, chosen on the stage-1 validation set at epoch E*
 * @param bestEpoch E*, 0-based: the stage-1 epoch with the best validation HM
 * @param stage1ValidationHm validation HM after every stage-1 epoch, epoch 0 first
 * @param stage2ValidationHm validation HM after every stage-2 epoch (the same stage-1 validation
 *     clips, which stage 2 trains on), epoch 0 first
 * @param betaCurve validation S, U and HM against β at epoch E* of stage 1, in the order tried
 * @param seconds wall-clock time of both stages and the test
 * @param hyperparameters the hyper-parameters of the run by name (numbers, strings, booleans or
 *     enum constants; not the seed), in the order to print them
 * @param method the method's id ({@code avca}, {@code devise}, …)
 * @param testBetaRule how the test β was chosen: with {@link TestBetaRule#BOTH} it is a point of
 *     the β curve; with {@link TestBetaRule#MEAN_OF_THREE} generally not
 */
public record SeedRun(
        DatasetName dataset,
        FeatureSet features,
        long seed,
        TextOrder textOrder,
        Scores test,
        double beta,
        int bestEpoch,
        List<Double> stage1ValidationHm,
        List<Double> stage2ValidationHm,
        List<GzslResult.BetaPoint> betaCurve,
        double seconds,
        Map<String, Object> hyperparameters,
        String method,
        TestBetaRule testBetaRule) {

    /** A run of AVCA, tested at β*. */
    public SeedRun(
            DatasetName dataset,
            FeatureSet features,
            long seed,
            TextOrder textOrder,
            Scores test,
            double beta,
            int bestEpoch,
            List<Double> stage1ValidationHm,
            List<Double> stage2ValidationHm,
            List<GzslResult.BetaPoint> betaCurve,
            double seconds,
            Map<String, Object> hyperparameters) {
        this(
                dataset,
                features,
                seed,
                textOrder,
                test,
                beta,
                bestEpoch,
                stage1ValidationHm,
                stage2ValidationHm,
                betaCurve,
                seconds,
                hyperparameters,
                "avca",
                TestBetaRule.BOTH);
    }

    /**
     * How close β* must be to a point of the β curve; the test may use 1e-10 for β* = 0
     * (docs/protocol.md).
     */
    private static final double BETA_TOLERANCE = 1e-6;

    /**
     * Checks every field and copies the collections.
     *
     * @throws NullPointerException if a field or a list element is null
     * @throws IllegalArgumentException if a figure is not a fraction in [0, 1], E* is not an epoch
     *     of stage 1, β* is negative or not on the β curve, the curve is empty, seconds is
     *     negative, or a hyper-parameter is not a number, string, boolean or enum constant
     */
    public SeedRun {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(textOrder, "textOrder");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(testBetaRule, "testBetaRule");
        String where =
                "SeedRun " + method + " " + dataset + "/" + features + " seed " + seed + ": ";
        Objects.requireNonNull(test, where + "test");
        Objects.requireNonNull(stage1ValidationHm, where + "stage1ValidationHm");
        Objects.requireNonNull(stage2ValidationHm, where + "stage2ValidationHm");
        Objects.requireNonNull(betaCurve, where + "betaCurve");
        Objects.requireNonNull(hyperparameters, where + "hyperparameters");
        double[] t = test.toArray();
        for (int i = 0; i < t.length; i++) {
            requireFraction(where + "test " + Scores.NAMES.get(i), t[i]);
        }
        stage1ValidationHm = copyFractions(where + "stage1ValidationHm", stage1ValidationHm);
        stage2ValidationHm = copyFractions(where + "stage2ValidationHm", stage2ValidationHm);
        if (stage1ValidationHm.isEmpty()) {
            throw new IllegalArgumentException(
                    where + "stage1ValidationHm is empty, expected one HM per epoch");
        }
        if (bestEpoch < 0 || bestEpoch >= stage1ValidationHm.size()) {
            throw new IllegalArgumentException(
                    where
                            + "bestEpoch "
                            + bestEpoch
                            + " is not a 0-based epoch of the "
                            + stage1ValidationHm.size()
                            + " stage-1 epochs");
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException(
                    where + "beta " + beta + ", expected a finite value >= 0");
        }
        betaCurve = copyCurve(where, betaCurve);
        if (testBetaRule == TestBetaRule.BOTH
                && betaCurve.stream().noneMatch(p -> Math.abs(p.beta() - beta) <= BETA_TOLERANCE)) {
            throw new IllegalArgumentException(
                    where + "beta " + beta + " is not a point of betaCurve");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(
                    where + "seconds " + seconds + ", expected a finite value >= 0");
        }
        hyperparameters = copyHyperparameters(where, hyperparameters);
    }

    /** The validation HM of stage 1 at E*, the figure E* and β* were chosen by. */
    public double bestValidationHm() {
        return stage1ValidationHm.get(bestEpoch);
    }

    private static void requireFraction(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(
                    what + " = " + v + ", expected a fraction in [0, 1]");
        }
    }

    private static List<Double> copyFractions(String what, List<Double> values) {
        List<Double> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Double v = Objects.requireNonNull(values.get(i), what + "[" + i + "]");
            requireFraction(what + "[" + i + "]", v);
            copy.add(v);
        }
        return List.copyOf(copy);
    }

    private static List<GzslResult.BetaPoint> copyCurve(
            String where, List<GzslResult.BetaPoint> curve) {
        if (curve.isEmpty()) {
            throw new IllegalArgumentException(
                    where + "betaCurve is empty, expected S/U/HM for every β tried");
        }
        for (int i = 0; i < curve.size(); i++) {
            GzslResult.BetaPoint p =
                    Objects.requireNonNull(curve.get(i), where + "betaCurve[" + i + "]");
            String at = where + "betaCurve[" + i + "] ";
            if (!Double.isFinite(p.beta())) {
                throw new IllegalArgumentException(
                        at + "beta = " + p.beta() + ", expected a finite value");
            }
            requireFraction(at + "S", p.seen());
            requireFraction(at + "U", p.unseen());
            requireFraction(at + "HM", p.harmonicMean());
        }
        return List.copyOf(curve);
    }

    private static Map<String, Object> copyHyperparameters(String where, Map<String, Object> hp) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : hp.entrySet()) {
            Objects.requireNonNull(e.getKey(), where + "hyper-parameter name");
            Object v =
                    Objects.requireNonNull(
                            e.getValue(), where + "hyper-parameter '" + e.getKey() + "'");
            if (!(v instanceof Number
                    || v instanceof String
                    || v instanceof Boolean
                    || v instanceof Enum<?>)) {
                throw new IllegalArgumentException(
                        where
                                + "hyper-parameter '"
                                + e.getKey()
                                + "' is a "
                                + v.getClass().getName()
                                + ", expected a number, string, boolean or enum constant");
            }
            copy.put(e.getKey(), v);
        }
        return Collections.unmodifiableMap(copy);
    }
}
