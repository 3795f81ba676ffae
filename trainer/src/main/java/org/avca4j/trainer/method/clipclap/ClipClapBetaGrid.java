package org.avca4j.trainer.method.clipclap;

/**
 * ClipClap's calibration grid, {@code numpy.linspace(0, 5, 76)}: 76 values of step 1/15
 * (SUCCESSORS-SPEC §0 "Scoring"), against AVCA's 16 values 0, 0.2, …, 3.0.
 */
public final class ClipClapBetaGrid {

    /** Number of values. */
    public static final int SIZE = 76;

    /** The largest β. */
    public static final double MAX = 5.0;

    private ClipClapBetaGrid() {}

    /** The grid as numpy computes linspace: {@code i·(5/75)}, the last value exactly 5. */
    public static double[] values() {
        double[] v = new double[SIZE];
        double step = MAX / (SIZE - 1);
        for (int i = 0; i < SIZE; i++) {
            v[i] = i * step;
        }
        v[SIZE - 1] = MAX;
        return v;
    }
}
