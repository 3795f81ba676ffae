package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CoreSlotsTest {

    @Test
    void aCallerAloneTakesEveryCoreOfAWideRun() {
        CoreSlots slots = new CoreSlots(4, 4, true);
        assertEquals(4, slots.acquire());
        assertEquals(0, slots.available());
        slots.release(4);
        assertEquals(4, slots.available());
    }

    @Test
    void aCallerThatFindsCoresHeldRunsOnOne() {
        CoreSlots slots = new CoreSlots(4, 4, true);
        slots.take(1);
        assertEquals(1, slots.acquire(), "three cores free, a wide run needs four");
        assertEquals(1, slots.acquire());
        assertEquals(1, slots.acquire());
        assertEquals(0, slots.available());
        slots.release(4);
        assertEquals(4, slots.acquire(), "all free again");
    }

    @Test
    void twoWideRunsFitOnTwiceTheirCores() {
        CoreSlots slots = new CoreSlots(4, 2, true);
        assertEquals(2, slots.acquire());
        assertEquals(2, slots.acquire());
        assertEquals(0, slots.available());
    }

    @Test
    void aNarrowCallerWaitsOnlyForOneCore() throws Exception {
        assertWaitsForOneRelease(new CoreSlots(2, 2, true), 2, 1);
    }

    @Test
    void withoutASingleThreadSessionEveryRunWaitsForItsWholeWidth() throws Exception {
        assertWaitsForOneRelease(new CoreSlots(2, 2, false), 1, 2);
    }

    /**
     * With {@code held} permits taken, {@code acquire()} waits; once one is given back, it returns
     * {@code taken}.
     */
    private static void assertWaitsForOneRelease(CoreSlots slots, int held, int taken)
            throws Exception {
        slots.take(held);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(slots::acquire);
        assertThrows(TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS));
        assertFalse(waiting.isDone());
        slots.release(1);
        assertEquals(taken, waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void oneCoreWideRunsNeverGoNarrow() {
        CoreSlots slots = new CoreSlots(2, 1, true);
        assertEquals(1, slots.wide());
        assertEquals(1, slots.acquire());
        assertEquals(1, slots.acquire());
    }

    @Test
    void theThreadCountChoosesTheWidth() {
        // 0: ONNX Runtime's choice, one thread per core, so a run is as wide as the machine
        CoreSlots automatic = CoreSlots.forThreads(8, 0, true);
        assertEquals(8, automatic.wide());
        assertEquals(8, automatic.available());
        CoreSlots two = CoreSlots.forThreads(8, 2, true);
        assertEquals(2, two.wide());
        assertEquals(8, two.available());
        // more threads than cores: one run at a time, as wide as asked
        CoreSlots many = CoreSlots.forThreads(2, 4, true);
        assertEquals(4, many.wide());
        assertEquals(4, many.available());
        assertTrue(CoreSlots.forThreads(1, 0, true).wide() == 1);
    }

    @Test
    void impossibleWidthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CoreSlots(2, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new CoreSlots(2, 3, true));
    }
}
