package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @Test
    void largeCallsShareTheCoresOnTheCpuOnly() {
        int cores = Runtime.getRuntime().availableProcessors();
        CoreSlots automatic = AvcaRuntime.coreSlots(Device.CPU, 0, true);
        assertEquals(Math.max(1, cores), automatic.wide());
        assertEquals(Math.max(1, cores), automatic.available());
        assertEquals(2, AvcaRuntime.coreSlots(Device.CPU, 2, true).wide());
        assertNull(AvcaRuntime.coreSlots(Device.CPU, 1, false), "one thread: no limit");
        assertNull(AvcaRuntime.coreSlots(Device.cuda(0), 0, false), "GPU: no limit");
    }
}
