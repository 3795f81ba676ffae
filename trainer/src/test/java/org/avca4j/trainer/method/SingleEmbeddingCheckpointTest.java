package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.io.DamagedFileException;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.testing.TinyInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-embedding network's checkpoint restores weights and Adam state exactly, is refused by a
 * network of another method or setting, and is refused when damaged.
 */
class SingleEmbeddingCheckpointTest {

    @TempDir Path dir;

    private static final MethodContext CONTEXT =
            TinyInputs.randomContext(3, 4, 5, new int[] {1, 2, 4}, 9);

    private static MethodNetwork network(String id, Map<String, String> overrides) {
        GzslMethod m = Methods.of(id);
        return m.create(CONTEXT, m.settings(DatasetName.UCF, FeatureSet.MAIN, overrides));
    }

    @Test
    void aResumedNetworkContinuesAsTheUninterruptedOne() throws Exception {
        Path file = dir.resolve("checkpoint.bin");
        float[] text = CONTEXT.trainClassText();
        try (MethodNetwork a = network("ale", Map.of());
                MethodNetwork b = network("ale", Map.of())) {
            for (int s = 0; s < 3; s++) {
                a.step(TinyInputs.random(CONTEXT, 8, s), 1e-2, s);
            }
            a.save(file);
            b.load(file);
            TrainingBatch next = TinyInputs.random(CONTEXT, 8, 10);
            TrainingBatch probe = TinyInputs.random(CONTEXT, 5, 11);
            assertEquals(a.step(next, 1e-2, 10), b.step(next, 1e-2, 10));
            assertArrayEquals(
                    a.distances(probe.audio(), probe.video(), 5, text, 3).get(EvalMode.BOTH),
                    b.distances(probe.audio(), probe.video(), 5, text, 3).get(EvalMode.BOTH));
        }
    }

    @Test
    void anotherMethodOrSettingRefusesTheCheckpoint() throws Exception {
        Path file = dir.resolve("checkpoint.bin");
        try (MethodNetwork a = network("devise", Map.of())) {
            a.save(file);
        }
        try (MethodNetwork sje = network("sje", Map.of());
                MethodNetwork normed = network("devise", Map.of("norm_inputs", "true"));
                MethodNetwork apn = network("apn", Map.of())) {
            for (MethodNetwork other : new MethodNetwork[] {sje, normed, apn}) {
                IOException e = assertThrows(IOException.class, () -> other.load(file));
                assertTrue(
                        e.getMessage().contains("belongs to another method or architecture"),
                        e.getMessage());
            }
        }
    }

    @Test
    void aDamagedCheckpointIsRefused() throws Exception {
        Path file = dir.resolve("checkpoint.bin");
        try (MethodNetwork a = network("apn", Map.of())) {
            a.save(file);
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 1;
            Files.write(file, bytes);
            assertThrows(DamagedFileException.class, () -> a.load(file));
        }
    }
}
