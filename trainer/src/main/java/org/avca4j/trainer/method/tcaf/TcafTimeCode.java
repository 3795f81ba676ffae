package org.avca4j.trainer.method.tcaf;

import java.util.SplittableRandom;

/**
 * The Fourier features of a time stamp (SUCCESSORS-SPEC §1.4 step 3): {@code [sin 2πt·r_j ; cos
 * 2πt·r_j]_{j=1..32}} with {@code r_j = R_0j + R_1j}, {@code R = 10·N(0,1)^{2×32}} drawn once at
 * initialisation and never trained. The learned {@code Linear_F(64→64)} that follows is part of the
 * network, not of this class.
 */
public final class TcafTimeCode {

    /** Number of frequencies (half the code width). */
    public static final int FREQUENCIES = TcafSettings.TIME_DIM / 2;

    private TcafTimeCode() {}

    /** The matrix {@code R [2][32]}, row-major, drawn from {@code random}. */
    public static double[] drawFrequencies(SplittableRandom random) {
        double[] r = new double[2 * FREQUENCIES];
        for (int i = 0; i < r.length; i++) {
            double u = 1 - random.nextDouble();
            r[i] =
                    TcafSettings.FOURIER_SCALE
                            * Math.sqrt(-2 * Math.log(u))
                            * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return r;
    }

    /**
     * The 64 features of time {@code t}: sines then cosines.
     *
     * @param frequencies {@code R [2][32]}, row-major
     * @throws IllegalArgumentException if {@code frequencies} does not hold 64 values
     */
    public static double[] features(double t, double[] frequencies) {
        if (frequencies.length != 2 * FREQUENCIES) {
            throw new IllegalArgumentException(
                    "Fourier matrix: expected "
                            + 2 * FREQUENCIES
                            + " values, found "
                            + frequencies.length);
        }
        double[] f = new double[2 * FREQUENCIES];
        for (int j = 0; j < FREQUENCIES; j++) {
            double r = frequencies[j] + frequencies[FREQUENCIES + j];
            double x = 2 * Math.PI * t * r;
            f[j] = Math.sin(x);
            f[FREQUENCIES + j] = Math.cos(x);
        }
        return f;
    }

    /**
     * The time stamps a forward feeds for {@code length} rows at {@code rate} seconds per row:
     * {@code k·rate} in training and with {@link TimeCodes#RATED}, the index {@code k} at inference
     * with {@link TimeCodes#INDEX_AT_INFERENCE}.
     */
    public static double[] times(int length, double rate, boolean training, TimeCodes codes) {
        double step = training || codes == TimeCodes.RATED ? rate : 1.0;
        double[] t = new double[length];
        for (int k = 0; k < length; k++) {
            t[k] = k * step;
        }
        return t;
    }
}
