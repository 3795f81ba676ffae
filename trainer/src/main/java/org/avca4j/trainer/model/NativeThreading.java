package org.avca4j.trainer.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes ND4J's OpenMP threads wait passively, and runs ND4J's work on the calling thread, unless
 * the user chose otherwise.
 *
 * <p>ND4J 1.0.0-M2.1 runs its ops on GNU OpenMP (libgomp), whose idle threads spin on a core for a
 * while before they sleep. Between the thousands of small ops of a training step they never sleep,
 * so on a 2-core machine the spinning worker takes the core from the thread that has work, and a
 * process that shares the cores makes every step several times slower. libgomp reads its settings
 * ({@code OMP_WAIT_POLICY}) once, from the process environment, when the library is loaded, and
 * offers no call to change them later. Java cannot change its own environment, so this class calls
 * the C library's {@code setenv} (through JNA, which ND4J already depends on) before ND4J loads its
 * native libraries: the same effect as {@code OMP_WAIT_POLICY=PASSIVE} on the command line, without
 * the user having to know.
 *
 * <p>A value the user set in the environment is kept. If ND4J was loaded before this class ran (an
 * application that used ND4J before creating a network) it is too late; the outcome says so and a
 * warning is logged once.
 *
 * <p>The networks' ops are small ({@code [256, 512]} floats and less): handing each to a second
 * OpenMP thread costs more than it saves (a parallel region has to wake a sleeping thread), and
 * splitting their matrix products over BLAS threads gains little on a quiet machine and loses a lot
 * when another process holds a core (the product waits for its slowest part). {@link
 * #prepareNd4j()} therefore runs ND4J's ops and its BLAS on the calling thread. One thread also
 * makes a run's numbers independent of the machine's core count: OpenBLAS splits a product
 * differently for each thread count, and the results differ in the last bits. {@code
 * docs/performance.md} has the measurements. A user's {@code OMP_NUM_THREADS} is kept instead: ND4J
 * then gives that many threads to both.
 */
public final class NativeThreading {

    private static final Logger LOG = LoggerFactory.getLogger(NativeThreading.class);

    /** The libgomp variable that chooses between spinning and sleeping while a thread waits. */
    public static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    /** The value set when the user set none. */
    public static final String PASSIVE = "PASSIVE";

    /** The variable with which a user sets ND4J's thread counts; when it is set it is kept. */
    public static final String NUM_THREADS = "OMP_NUM_THREADS";

    private static Integer opThreads;

    /** What {@link #applyDefaults()} did. */
    public enum Outcome {
        /** {@code OMP_WAIT_POLICY=PASSIVE} was set before OpenMP was loaded. */
        APPLIED,
        /** The environment already had an {@code OMP_WAIT_POLICY}; it was kept. */
        USER_SETTING_KEPT,
        /** OpenMP was already loaded with the default (spinning) policy; nothing could be done. */
        TOO_LATE,
        /** The C library's {@code setenv} could not be called; the default policy stays. */
        UNAVAILABLE
    }

    private static Outcome outcome;

    private NativeThreading() {}

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment if it is unset and OpenMP is
     * not loaded yet; runs once per JVM, later calls return the first outcome. Call it before the
     * first use of ND4J (the network's builder does).
     *
     * @return what was done; never throws
     */
    public static synchronized Outcome applyDefaults() {
        if (outcome == null) {
            outcome = apply(System.getenv(), openMpLoaded());
            switch (outcome) {
                case APPLIED ->
                        LOG.debug("Set {}={} for ND4J's OpenMP threads", WAIT_POLICY, PASSIVE);
                case USER_SETTING_KEPT ->
                        LOG.debug("Keeping {}={}", WAIT_POLICY, System.getenv(WAIT_POLICY));
                case TOO_LATE ->
                        LOG.warn(
                                "ND4J's OpenMP was loaded before avca4j could set {}={}: its threads"
                                        + " spin while waiting, which slows training when other"
                                        + " processes share the cores. Set {}={} in the environment.",
                                WAIT_POLICY,
                                PASSIVE,
                                WAIT_POLICY,
                                PASSIVE);
                case UNAVAILABLE ->
                        LOG.warn(
                                "Could not set {}={} (no C library setenv); set it in the"
                                        + " environment",
                                WAIT_POLICY,
                                PASSIVE);
            }
        }
        return outcome;
    }

    /**
     * {@link #applyDefaults()}, then loads ND4J and, unless the environment has {@code
     * OMP_NUM_THREADS}, runs its ops and its BLAS on one thread. Runs once per JVM; every network
     * class calls it before its first use of ND4J. The setting is global to ND4J in this process.
     *
     * @return the number of threads ND4J's ops now use, or 0 if ND4J could not be loaded (the
     *     failure is logged and tried again on the next call); never throws
     */
    public static synchronized int prepareNd4j() {
        applyDefaults();
        if (opThreads == null) {
            try {
                org.nd4j.linalg.factory.Environment env = Nd4j.getEnvironment();
                if (System.getenv(NUM_THREADS) == null) {
                    env.setMaxMasterThreads(1);
                    env.setMaxThreads(1);
                    Nd4j.factory().blas().setMaxThreads(1);
                    LOG.debug("ND4J ops and BLAS on 1 thread ({} unset)", NUM_THREADS);
                }
                opThreads = env.maxMasterThreads();
            } catch (RuntimeException | LinkageError e) {
                // ND4J's own error is clearer where ND4J is first used; a static initialiser that
                // fails here would hide it behind an ExceptionInInitializerError
                LOG.warn("Could not set ND4J's thread counts: {}", e.toString());
                return 0;
            }
        }
        return opThreads;
    }

    /**
     * The wait policy ND4J's OpenMP runs with, as far as this process can tell: the environment's
     * value, {@code PASSIVE} if this class set it, otherwise {@code default} (libgomp's spinning).
     */
    public static String waitPolicy() {
        String user = System.getenv(WAIT_POLICY);
        if (user != null) {
            return user;
        }
        return applyDefaults() == Outcome.APPLIED ? PASSIVE : "default";
    }

    /** The decision, apart from the process's state: for tests. */
    static Outcome apply(Map<String, String> environment, boolean openMpLoaded) {
        if (environment.containsKey(WAIT_POLICY)) {
            return Outcome.USER_SETTING_KEPT;
        }
        if (openMpLoaded) {
            return Outcome.TOO_LATE;
        }
        try {
            CLibrary libc = Native.loadLibrary("c", CLibrary.class);
            return libc.setenv(WAIT_POLICY, PASSIVE, 0) == 0
                    ? Outcome.APPLIED
                    : Outcome.UNAVAILABLE;
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("setenv unavailable", e);
            return Outcome.UNAVAILABLE;
        }
    }

    /**
     * Whether libgomp is mapped into this process. The natives of this build exist for Linux only,
     * where {@code /proc/self/maps} lists the loaded libraries; elsewhere ND4J cannot have loaded.
     */
    static boolean openMpLoaded() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return false;
        }
        try (var lines = Files.lines(maps)) {
            return lines.anyMatch(l -> l.contains("libgomp"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The one C library function needed. */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }
}
