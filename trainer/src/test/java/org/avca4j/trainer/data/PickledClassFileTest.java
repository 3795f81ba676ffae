package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avca4j.trainer.data.PickledClassFile.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-class {@code .pkl} files written by Python's own pickle and numpy (fixtures from {@code
 * pkl/make_pkl_fixtures.py}, run by hand): values are {@code k + t/4 + d/8} for clip k, row t,
 * column d.
 */
class PickledClassFileTest {

    @TempDir Path dir;

    private Path fixture(String name) throws Exception {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("pkl/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static float expected(int k, int t, int d) {
        return k + t / 4f + d / 8f;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void readsSequencesOfBothProtocols(int protocol) throws Exception {
        PickledClips c =
                PickledClassFile.read(fixture("seq_f32_p" + protocol + ".pkl"), Shape.SEQUENCE);
        assertEquals(3, c.clips());
        assertEquals(3, c.dim());
        assertArrayEquals(new int[] {2, 1, 4}, c.lengths());
        assertArrayEquals(new String[] {"clip_a", "clip_b", "clip_c"}, c.names());
        assertEquals("f4", c.dtype());
        int at = 0;
        for (int k = 0; k < 3; k++) {
            for (int t = 0; t < c.lengths()[k]; t++) {
                for (int d = 0; d < 3; d++) {
                    assertEquals(expected(k, t, d), c.data()[at++], 0f, k + "/" + t + "/" + d);
                }
            }
        }
        assertEquals(c.data().length, at);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void readsFloat16VectorsOfBothProtocols(int protocol) throws Exception {
        PickledClips c =
                PickledClassFile.read(fixture("vec_f16_p" + protocol + ".pkl"), Shape.VECTOR);
        assertEquals("f2", c.dtype());
        FeatureFile f = c.asVectors();
        assertEquals(3, f.rows());
        assertEquals(4, f.dim());
        assertArrayEquals(new String[] {"v0", "v1", "v2"}, f.urls());
        for (int k = 0; k < 3; k++) {
            for (int d = 0; d < 4; d++) {
                assertEquals(expected(k, 0, d), f.data()[k * 4 + d], 0f);
            }
        }
    }

    @Test
    void readsUint8AudioAsStored() throws Exception {
        PickledClips c = PickledClassFile.read(fixture("seq_u8_p4.pkl"), Shape.SEQUENCE);
        assertEquals("u1", c.dtype());
        assertArrayEquals(new int[] {3, 3}, c.lengths());
        assertEquals(2, c.dim());
        // clip 1, row 2, column 1: 10 + 2 + 1
        assertEquals(13f, c.data()[6 + 2 * 2 + 1], 0f);
    }

    @Test
    void halfToFloatMatchesIeeeValues() {
        assertEquals(1f, NumpyUnpickler.halfToFloat((short) 0x3C00), 0f);
        assertEquals(-2f, NumpyUnpickler.halfToFloat((short) 0xC000), 0f);
        assertEquals(65504f, NumpyUnpickler.halfToFloat((short) 0x7BFF), 0f);
        assertEquals(0x1p-24f, NumpyUnpickler.halfToFloat((short) 0x0001), 0f);
        assertTrue(Float.isInfinite(NumpyUnpickler.halfToFloat((short) 0x7C00)));
        assertTrue(Float.isNaN(NumpyUnpickler.halfToFloat((short) 0x7E00)));
    }

    private String error(String name, Shape shape) throws Exception {
        Path p = fixture(name);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> PickledClassFile.read(p, shape));
        assertEquals(p, e.file());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void truncatedFileIsNamed() throws Exception {
        assertTrue(error("truncated.pkl", Shape.SEQUENCE).contains("truncated"));
    }

    @Test
    void wrongDtypeIsNamed() throws Exception {
        String m = error("wrong_dtype.pkl", Shape.SEQUENCE);
        assertTrue(m.contains("numpy.dtype('c8') is not supported"), m);
    }

    @Test
    void wrongShapeIsNamed() throws Exception {
        String m = error("wrong_shape.pkl", Shape.SEQUENCE);
        assertTrue(m.contains("clip 0 ('r') has shape [1, 2, 3], expected (T, D)"), m);
        m = error("seq_f32_p4.pkl", Shape.VECTOR);
        assertTrue(m.contains("has shape [2, 3], expected (D,)"), m);
        m = error("vec_f16_p4.pkl", Shape.SEQUENCE);
        assertTrue(m.contains("has shape [4], expected (T, D)"), m);
    }

    @Test
    void unknownGlobalIsRefusedNamingIt() throws Exception {
        String m = error("unknown_global.pkl", Shape.SEQUENCE);
        assertTrue(m.contains("forbidden pickle global 'posix.system'"), m);
    }

    @Test
    void fewerNamesThanClipsIsAnError() throws Exception {
        String m = error("names_short.pkl", Shape.SEQUENCE);
        assertTrue(m.contains("'video_names' has 1 names for 2 clips"), m);
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Path p = dir.resolve("Absent.pkl");
        BenchmarkFormatException e =
                assertThrows(
                        BenchmarkFormatException.class,
                        () -> PickledClassFile.read(p, Shape.SEQUENCE));
        assertEquals(p, e.file());
    }
}
