package org.avca4j.benchmarks.report;

import java.util.List;

/**
 * The four GZSL figures of docs/protocol.md in one unit: fractions where a run produced them,
 * percent in reports and in {@link PublishedResults}.
 *
 * @param seen S: mean per-class accuracy over the seen classes
 * @param unseen U: the same over the unseen classes
 * @param harmonicMean HM = 2SU/(S+U)
 * @param zsl mean per-class accuracy over the unseen classes with only unseen candidates
 */
public record Scores(double seen, double unseen, double harmonicMean, double zsl) {

    /** The short names of the figures, in the order of {@link #toArray()}: S, U, HM, ZSL. */
    public static final List<String> NAMES = List.of("S", "U", "HM", "ZSL");

    /** These figures multiplied by {@code factor} (100 turns fractions into percent). */
    public Scores scaled(double factor) {
        return new Scores(seen * factor, unseen * factor, harmonicMean * factor, zsl * factor);
    }

    /** This minus {@code other}, figure by figure. */
    public Scores minus(Scores other) {
        return new Scores(
                seen - other.seen,
                unseen - other.unseen,
                harmonicMean - other.harmonicMean,
                zsl - other.zsl);
    }

    /** The figures in the order S, U, HM, ZSL. */
    public double[] toArray() {
        return new double[] {seen, unseen, harmonicMean, zsl};
    }

    /**
     * The figures from an array in the order S, U, HM, ZSL.
     *
     * @throws IllegalArgumentException if the array does not hold exactly four values
     */
    public static Scores fromArray(double[] values) {
        if (values.length != 4) {
            throw new IllegalArgumentException(
                    "Expected 4 figures (S, U, HM, ZSL), got " + values.length);
        }
        return new Scores(values[0], values[1], values[2], values[3]);
    }
}
