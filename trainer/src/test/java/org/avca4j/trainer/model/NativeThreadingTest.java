package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class NativeThreadingTest {

    @Test
    void aWaitPolicyTheUserSetIsKept() {
        assertEquals(
                NativeThreading.Outcome.USER_SETTING_KEPT,
                NativeThreading.apply(Map.of("OMP_WAIT_POLICY", "ACTIVE"), false));
    }

    @Test
    void onceOpenMpIsLoadedItIsTooLate() {
        Nd4j.zeros(2).addi(1); // loads ND4J's natives, and with them libgomp
        assertTrue(NativeThreading.openMpLoaded());
        assertEquals(NativeThreading.Outcome.TOO_LATE, NativeThreading.apply(Map.of(), true));
    }

    /**
     * End to end, in a JVM started without {@code OMP_WAIT_POLICY}: creating a network is enough
     * for libgomp to come up passive. libgomp prints its settings when {@code
     * OMP_DISPLAY_ENV=verbose}; passive waiting is a spin count of 0 (its default is 300000).
     */
    @Test
    void aNetworkMadeWithoutTheVariableGetsPassiveOpenMp() throws Exception {
        String out = runProbe(null, null);
        assertTrue(out.contains("GOMP_SPINCOUNT = '0'"), out);
        assertTrue(out.contains("probe: PASSIVE"), out);
        assertTrue(out.contains("op threads: 1, BLAS threads: 1"), out);
    }

    /** A user's {@code OMP_NUM_THREADS} reaches ND4J's ops unchanged. */
    @Test
    void theUsersThreadCountIsKept() throws Exception {
        String out = runProbe(null, "2");
        assertTrue(out.contains("op threads: 2, BLAS threads: 2"), out);
    }

    @Test
    void withTheUsersActivePolicyOpenMpSpins() throws Exception {
        String out = runProbe("ACTIVE", null);
        assertTrue(out.contains("OMP_WAIT_POLICY = 'ACTIVE'"), out);
        assertTrue(out.contains("probe: ACTIVE"), out);
    }

    private static String runProbe(String waitPolicy, String numThreads)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb =
                new ProcessBuilder(
                        List.of(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Probe.class.getName()));
        pb.environment().remove("OMP_WAIT_POLICY");
        if (waitPolicy != null) {
            pb.environment().put("OMP_WAIT_POLICY", waitPolicy);
        }
        pb.environment().remove("OMP_NUM_THREADS");
        if (numThreads != null) {
            pb.environment().put("OMP_NUM_THREADS", numThreads);
        }
        pb.environment().put("OMP_DISPLAY_ENV", "verbose");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /**
     * Creates one small network the default way (as the trainer does: the fast network) in a fresh
     * JVM and prints the policy the process reports.
     */
    static final class Probe {
        public static void main(String[] args) {
            try (AvcaNetwork net =
                    org.avca4j.trainer.training.NetworkFactory.defaults()
                            .create(TestBatches.tiny(), 1, 0)) {
                net.step(TestBatches.batch(TestBatches.tiny(), 4, 1), 1e-3, 1);
            }
            System.out.println("probe: " + NativeThreading.waitPolicy());
            System.out.println(
                    "op threads: "
                            + Nd4j.getEnvironment().maxMasterThreads()
                            + ", BLAS threads: "
                            + Nd4j.factory().blas().getMaxThreads());
        }
    }
}
