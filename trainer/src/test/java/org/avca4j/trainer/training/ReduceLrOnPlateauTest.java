package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReduceLrOnPlateauTest {

    /** Steps the schedule through the metrics and returns the learning rate after each step. */
    private static double[] run(ReduceLrOnPlateau s, double... metrics) {
        double[] lrs = new double[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            lrs[i] = s.step(metrics[i]);
        }
        return lrs;
    }

    private static void assertLrs(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    expected[i], actual[i], expected[i] * 1e-12, "learning rate after step " + i);
        }
    }

    @Test
    void protocolScheduleFollowsTheHandTrace() {
        // Traced by hand with PyTorch's rules (mode max, rel threshold 1e-4, patience 3, factor
        // 0.1):
        // e0 .10 best; e1 .20 best; e2 .20001 is not above .2*1.0001 -> bad 1; e3 bad 2; e4 bad 3;
        // e5 bad 4 > 3 -> lr 1e-4; e6 .21 best; e7..e10 bad 1..4 -> lr 1e-5 after e10; e11 bad 1.
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(PlateauConfig.DEFAULT, 1e-3);
        double[] lrs = run(s, 0.10, 0.20, 0.20001, 0.15, 0.19, 0.19, 0.21, 0.1, 0.1, 0.1, 0.1, 0.0);
        assertLrs(
                new double[] {
                    1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 1e-5, 1e-5
                },
                lrs);
        assertEquals(0.21, s.state().best());
        assertEquals(1, s.state().badEpochs());
    }

    @Test
    void improvementAboveTheRelativeThresholdResetsTheCount() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(PlateauConfig.DEFAULT, 1e-3);
        run(s, 0.2, 0.1);
        assertEquals(1, s.state().badEpochs());
        s.step(0.20003); // above 0.2 * 1.0001 = 0.20002
        assertEquals(0, s.state().badEpochs());
        assertEquals(0.20003, s.state().best());
    }

    @Test
    void nanNeverImproves() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(PlateauConfig.DEFAULT, 1e-3);
        assertNull(s.state().best());
        s.step(Double.NaN);
        assertNull(s.state().best());
        assertEquals(1, s.state().badEpochs());
    }

    @Test
    void reductionsSmallerThanEpsAreSkipped() {
        // patience 0: every non-improving epoch reduces. 1e-6 -> 1e-7 -> 1e-8; 1e-8 -> 1e-9 would
        // change
        // the rate by 9e-9 < eps 1e-8, so it stays at 1e-8.
        ReduceLrOnPlateau s =
                new ReduceLrOnPlateau(new PlateauConfig(0.1, 0, 1e-4, 0, 0, 1e-8), 1e-6);
        assertLrs(new double[] {1e-6, 1e-7, 1e-8, 1e-8, 1e-8}, run(s, 1, 1, 1, 1, 1));
    }

    @Test
    void neverBelowMinLr() {
        ReduceLrOnPlateau s =
                new ReduceLrOnPlateau(new PlateauConfig(0.1, 0, 1e-4, 0, 5e-5, 1e-8), 1e-3);
        assertLrs(new double[] {1e-3, 1e-4, 5e-5, 5e-5}, run(s, 1, 1, 1, 1));
    }

    @Test
    void cooldownSuspendsTheCount() {
        // patience 1, cooldown 2: e1 bad 1; e2 bad 2 > 1 -> 0.1, cooldown 2; e3, e4 in cooldown
        // (count
        // reset); e5 bad 1; e6 bad 2 -> 0.01.
        ReduceLrOnPlateau s =
                new ReduceLrOnPlateau(new PlateauConfig(0.1, 1, 1e-4, 2, 0, 1e-8), 1.0);
        assertLrs(new double[] {1, 1, 0.1, 0.1, 0.1, 0.1, 0.01}, run(s, 1, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void restoredFromItsJsonStateItContinuesIdentically() throws Exception {
        double[] metrics = {0.1, 0.3, 0.2, 0.2, 0.2, 0.2, 0.25, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4};
        double[] uninterrupted = run(new ReduceLrOnPlateau(PlateauConfig.DEFAULT, 1e-3), metrics);

        ReduceLrOnPlateau first = new ReduceLrOnPlateau(PlateauConfig.DEFAULT, 1e-3);
        double[] head = run(first, java.util.Arrays.copyOf(metrics, 5));
        String json = Json.MAPPER.writeValueAsString(first.state());
        ReduceLrOnPlateau.State state = Json.MAPPER.readValue(json, ReduceLrOnPlateau.State.class);
        assertEquals(first.state(), state);
        double[] tail =
                run(
                        ReduceLrOnPlateau.restore(PlateauConfig.DEFAULT, state),
                        java.util.Arrays.copyOfRange(metrics, 5, metrics.length));

        double[] resumed = new double[metrics.length];
        System.arraycopy(head, 0, resumed, 0, head.length);
        System.arraycopy(tail, 0, resumed, head.length, tail.length);
        assertLrs(uninterrupted, resumed);
    }
}
