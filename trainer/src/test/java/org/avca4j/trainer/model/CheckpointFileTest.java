package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.io.DamagedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A checkpoint carries the SHA-256 of its content and is refused when it no longer matches. */
class CheckpointFileTest {

    @TempDir Path dir;

    private static final AvcaConfig CONFIG = TestBatches.tiny();

    private static Map<String, INDArray> arrays() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        float[] w = new float[40 * 30];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 17) * 0.25f - 2;
        }
        arrays.put("encoder.w", Nd4j.createFromArray(w).reshape(40, 30));
        arrays.put("encoder.b", Nd4j.createFromArray(new double[] {0.5, -1.5, 2.25}));
        return arrays;
    }

    @Test
    void aWeightMatrixNegatedInPlaceIsDetected() throws Exception {
        Path original = dir.resolve("checkpoint-epoch-003.bin");
        CheckpointFile.write(original, CONFIG, 12, arrays());
        // The same checkpoint with the matrix negated, carrying the original's digest: what a
        // change of the file in place (same size, valid header) looks like.
        Map<String, INDArray> negated = arrays();
        negated.put("encoder.w", negated.get("encoder.w").neg());
        Path changed = dir.resolve("changed.bin");
        CheckpointFile.write(changed, CONFIG, 12, negated);
        byte[] bytes = Files.readAllBytes(changed);
        byte[] good = Files.readAllBytes(original);
        assertEquals(good.length, bytes.length);
        System.arraycopy(good, good.length - 32, bytes, bytes.length - 32, 32);
        Files.write(original, bytes);

        DamagedFileException e =
                assertThrows(DamagedFileException.class, () -> CheckpointFile.read(original));
        assertEquals(original, e.file());
        assertTrue(
                e.getMessage().startsWith(original + " is damaged: its content has SHA-256 "),
                e.getMessage());
    }

    @Test
    void flippedBytesAndATruncationAreDamageNotAFormatError() throws Exception {
        Path file = dir.resolve("checkpoint-epoch-001.bin");
        CheckpointFile.write(file, CONFIG, 3, arrays());
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 4096 + 200);
        for (int i = 100; i < 100 + 4096; i++) {
            bytes[i] ^= (byte) 0xff; // over the header and the arrays' shapes too
        }
        Files.write(file, bytes);
        assertThrows(DamagedFileException.class, () -> CheckpointFile.read(file));

        CheckpointFile.write(file, CONFIG, 3, arrays());
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 1000));
        assertThrows(DamagedFileException.class, () -> CheckpointFile.read(file));
    }

    @Test
    void anIntactCheckpointRoundTripsAndAVersion1FileStillLoads() throws Exception {
        Path file = dir.resolve("checkpoint-epoch-000.bin");
        CheckpointFile.write(file, CONFIG, 7, arrays());
        assertSameContents(CheckpointFile.read(file));

        // Format version 1: the same layout without the digest at the end.
        byte[] v2 = Files.readAllBytes(file);
        byte[] v1 = Arrays.copyOf(v2, v2.length - 32);
        int versionAt = 2 + "AVCA4J-SAMEDIFF-CHECKPOINT".length();
        assertEquals(2, ByteBuffer.wrap(v1, versionAt, 4).getInt());
        ByteBuffer.wrap(v1, versionAt, 4).putInt(1);
        Files.write(file, v1);
        assertSameContents(CheckpointFile.read(file));
    }

    @Test
    void aMethodCheckpointRoundTripsAndNeitherKindLoadsAsTheOther() throws Exception {
        Path method = dir.resolve("method.bin");
        CheckpointFile.writeMethod(method, "devise audio=5 video=4", 7, arrays());
        CheckpointFile.MethodContents c = CheckpointFile.readMethod(method);
        assertEquals("devise audio=5 video=4", c.architecture());
        assertSameContents(new CheckpointFile.Contents(CONFIG, c.optimizerSteps(), c.arrays()));

        IOException asAvca = assertThrows(IOException.class, () -> CheckpointFile.read(method));
        assertTrue(
                asAvca.getMessage().contains("is not an avca4j SameDiff checkpoint"),
                asAvca.getMessage());
        Path avca = dir.resolve("avca.bin");
        CheckpointFile.write(avca, CONFIG, 7, arrays());
        IOException asMethod =
                assertThrows(IOException.class, () -> CheckpointFile.readMethod(avca));
        assertTrue(
                asMethod.getMessage().contains("is not an avca4j method checkpoint"),
                asMethod.getMessage());

        byte[] whole = Files.readAllBytes(method);
        Files.write(method, Arrays.copyOf(whole, whole.length - 100));
        assertThrows(DamagedFileException.class, () -> CheckpointFile.readMethod(method));
    }

    @Test
    void restoreChecksNamesAndShapesBeforeChangingAnything() throws Exception {
        Path file = dir.resolve("x.bin");
        Map<String, INDArray> targets = arrays();
        targets.get("encoder.b").assign(0);
        Map<String, INDArray> wrongShape = arrays();
        wrongShape.put("encoder.w", Nd4j.zeros(30, 40));
        IOException e =
                assertThrows(
                        IOException.class, () -> CheckpointFile.restore(file, wrongShape, targets));
        assertEquals(
                "Checkpoint " + file + ": array 'encoder.w' has shape [30, 40], expected [40, 30]",
                e.getMessage());
        assertEquals(0.0, targets.get("encoder.b").sumNumber().doubleValue());
        CheckpointFile.restore(file, arrays(), targets);
        assertEquals(arrays().get("encoder.b"), targets.get("encoder.b"));
    }

    private static void assertSameContents(CheckpointFile.Contents c) {
        assertEquals(CONFIG, c.config());
        assertEquals(7, c.optimizerSteps());
        Map<String, INDArray> expected = arrays();
        assertEquals(expected.keySet(), c.arrays().keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name).shape(), c.arrays().get(name).shape(), name);
            assertEquals(expected.get(name), c.arrays().get(name), name);
        }
    }
}
