package org.avca4j.benchmarks.report;

import java.util.Locale;

/** How the report files spell values, in one place so that they agree with each other. */
final class Formats {

    private Formats() {}

    /** A number with a fixed count of decimals and a dot, whatever the default locale. */
    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * A number with a fixed count of decimals and always a sign, e.g. {@code +1.20}, {@code -0.35}.
     */
    static String signed(double v, int decimals) {
        return String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }
}
