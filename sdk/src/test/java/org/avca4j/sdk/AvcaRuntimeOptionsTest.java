package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvcaRuntimeOptionsTest {

    private static Map<String, String> entries(boolean spinning) throws OrtException {
        try (OrtSession.SessionOptions o =
                AvcaRuntime.options(new AvcaRuntime.Threading(1, 1, spinning))) {
            return Map.copyOf(o.getConfigEntries());
        }
    }

    @Test
    void idlePoolThreadsSleepUnlessSpinningIsAskedFor() throws OrtException {
        Map<String, String> quiet = entries(false);
        assertEquals("0", quiet.get("session.intra_op.allow_spinning"));
        assertEquals("0", quiet.get("session.inter_op.allow_spinning"));
        Map<String, String> spinning = entries(true);
        assertEquals("1", spinning.get("session.intra_op.allow_spinning"));
        assertEquals("1", spinning.get("session.inter_op.allow_spinning"));
    }

    @org.junit.jupiter.api.Test
    void bulkRunsAreLimitedToTheCoresOverTheIntraOpThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        org.junit.jupiter.api.Assertions.assertEquals(1, AvcaRuntime.bulkRuns(Device.CPU, 0));
        org.junit.jupiter.api.Assertions.assertEquals(0, AvcaRuntime.bulkRuns(Device.CPU, 1));
        org.junit.jupiter.api.Assertions.assertEquals(
                Math.max(1, cores / 2), AvcaRuntime.bulkRuns(Device.CPU, 2));
        org.junit.jupiter.api.Assertions.assertEquals(0, AvcaRuntime.bulkRuns(Device.cuda(0), 0));
    }
}
