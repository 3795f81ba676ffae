package org.avca4j.trainer.model;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.nd4j.autodiff.samediff.SameDiff;

/** Builds a SameDiff graph's gradient function once, without the console output ND4J adds to it. */
public final class GradientFunctions {

    /**
     * Serialises the swaps of {@link System#out}: two builds in parallel would otherwise restore
     * each other's stream in the wrong order.
     */
    private static final Object STDOUT_LOCK = new Object();

    private static final PrintStream DISCARD =
            new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);

    private GradientFunctions() {}

    /**
     * Creates the gradient function of {@code sd}'s loss variables. ND4J 1.0.0-M2.1's {@code
     * SameDiff.createGradFunction} prints one "Added differentiated op" line per op to {@code
     * System.out} with a plain println (no logger, no switch); a library must not write to the
     * console, so {@code System.out} is swapped for a discarding stream during this one-off build
     * only. Output of other threads in that window is lost too, hence the build happens once, when
     * the network is constructed.
     *
     * @throws IllegalStateException if ND4J cannot differentiate the graph
     */
    public static void create(SameDiff sd) {
        synchronized (STDOUT_LOCK) {
            PrintStream original = System.out;
            System.setOut(DISCARD);
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(original);
            }
        }
    }
}
