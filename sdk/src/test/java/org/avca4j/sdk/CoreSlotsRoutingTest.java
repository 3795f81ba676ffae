package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A large call runs on one core, on the single-thread session, when the other cores are held; it
 * gives the multi-thread session's embeddings. Two intra-op threads, so that the width of a run is
 * the same on every machine.
 */
class CoreSlotsRoutingTest {

    private static final int CLIPS = 20;
    private static final byte[] MODEL = TinyModels.model(TinyModels.abcCard());

    private static AvcaRuntime open(int singleThreadBatch) throws ModelFormatException {
        return AvcaRuntime.open(
                () -> MODEL,
                "tiny model",
                Device.CPU,
                2,
                0,
                false,
                singleThreadBatch,
                card -> Set.of(ModelSignature.THETA_V, ModelSignature.THETA_W));
    }

    /** θv of {@link #CLIPS} random clips drawn from {@code seed}. */
    private static float[] embed(AvcaRuntime runtime, long seed) {
        Random r = new Random(seed);
        FloatBuffer a = rows(r, TinyModels.AUDIO_DIM);
        FloatBuffer v = rows(r, TinyModels.VIDEO_DIM);
        return runtime.embedClips(a, v, CLIPS, ModelSignature.THETA_V);
    }

    private static FloatBuffer rows(Random r, int width) {
        float[] v = new float[CLIPS * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return FloatBuffer.wrap(v);
    }

    @Test
    void aLargeCallWithOneCoreFreeRunsOnItAndGivesTheSameEmbeddings() throws Exception {
        try (AvcaRuntime runtime = open(8)) {
            CoreSlots slots = runtime.slots();
            int all = slots.available();
            float[] wide = embed(runtime, 11);
            assertEquals(all, slots.available(), "the run gave its cores back");
            slots.take(all - 1);
            try {
                // a wide run cannot start now: finishing at all means it ran on the free core
                float[] narrow =
                        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> embed(runtime, 11));
                assertArrayEquals(wide, narrow, 1e-6f);
                assertEquals(1, slots.available());
            } finally {
                slots.release(all - 1);
            }
        }
    }

    @Test
    void withoutTheSingleThreadSessionALargeCallWaitsForItsCores() throws Exception {
        try (AvcaRuntime runtime = open(0)) {
            CoreSlots slots = runtime.slots();
            slots.take(1);
            CompletableFuture<float[]> call =
                    CompletableFuture.supplyAsync(() -> embed(runtime, 12));
            try {
                assertThrows(TimeoutException.class, () -> call.get(300, TimeUnit.MILLISECONDS));
            } finally {
                slots.release(1);
            }
            assertEquals(CLIPS * TinyModels.EMBEDDING_DIM, call.get(30, TimeUnit.SECONDS).length);
        }
    }
}
