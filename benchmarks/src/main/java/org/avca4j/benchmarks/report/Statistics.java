package org.avca4j.benchmarks.report;

/** Mean and spread of a figure over seeds. */
final class Statistics {

    private Statistics() {}

    /**
     * The arithmetic mean.
     *
     * @throws IllegalArgumentException if there are no values
     */
    static double mean(double[] values) {
        requireValues(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * The sample standard deviation, with n − 1 in the denominator; 0 for a single value, where the
     * spread is unknown rather than zero (reports say so).
     *
     * @throws IllegalArgumentException if there are no values
     */
    static double sampleStd(double[] values) {
        double mean = mean(values);
        if (values.length == 1) {
            return 0;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    private static void requireValues(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("No values: need at least one seed");
        }
    }
}
