package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEmbeddingsTest {

    @TempDir Path tmp;

    @Test
    void roundTripIsExactAndKeepsOrder() throws Exception {
        Map<String, float[]> in = new LinkedHashMap<>();
        in.put("zebra, striped", new float[] {1.5f, -0.0f, Float.MIN_VALUE});
        in.put("Apply Eye Makeup", new float[] {Float.MAX_VALUE, 3e-38f, -7f});
        in.put("ünïcode", new float[] {0.1f, 0.2f, 0.3f});
        Path f = tmp.resolve("e.npy");
        TextEmbeddings.write(f, in);
        Map<String, float[]> out = TextEmbeddings.read(f);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()));
        for (String k : in.keySet()) {
            assertArrayEquals(in.get(k), out.get(k), 0f, k);
            for (int i = 0; i < 3; i++) {
                assertEquals(
                        Float.floatToRawIntBits(in.get(k)[i]),
                        Float.floatToRawIntBits(out.get(k)[i]));
            }
        }
        byte[] bytes = Files.readAllBytes(f);
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64, "payload aligned to 64 bytes as numpy writes it");
        assertEquals('\n', bytes[10 + headerLen - 1]);
    }

    @Test
    void readsRealUcfFile() throws Exception {
        Map<String, float[]> m =
                TextEmbeddings.read(
                        Avgzsl.dataset(DatasetName.UCF).resolve("word_embeddings_ucf_normed.npy"));
        assertEquals(101, m.size());
        assertEquals("Apply Eye Makeup", m.keySet().iterator().next());
        double norm = 0;
        for (float v : m.get("Archery")) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-5, "vectors are L2-normalised");
        assertEquals(300, m.get("Archery").length);
    }

    @Test
    void rejectsForbiddenGlobal() throws Exception {
        // The classic exploit: os.system('echo pwned'), wrapped in a valid .npy header.
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[] {(byte) 0x80, 3});
        p.writeBytes("cos\nsystem\n".getBytes(StandardCharsets.US_ASCII));
        p.write('X');
        byte[] cmd = "echo pwned".getBytes(StandardCharsets.US_ASCII);
        p.write(new byte[] {(byte) cmd.length, 0, 0, 0});
        p.writeBytes(cmd);
        p.write(0x85); // TUPLE1
        p.write('R');
        p.write('.');
        Path f = tmp.resolve("evil.npy");
        Files.write(f, concat(NpyHeader.objectHeader(), p.toByteArray()));
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(f));
        assertTrue(e.getMessage().contains("forbidden pickle global 'os.system'"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void rejectsBuiltinsEvalThroughStackGlobal() throws Exception {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[] {(byte) 0x80, 4});
        for (String s : new String[] {"builtins", "eval"}) {
            p.write(0x8c); // SHORT_BINUNICODE
            p.write(s.length());
            p.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }
        p.write(0x93); // STACK_GLOBAL
        p.write('.');
        Path f = tmp.resolve("eval.npy");
        Files.write(f, concat(NpyHeader.objectHeader(), p.toByteArray()));
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(f));
        assertTrue(e.getMessage().contains("'builtins.eval'"), e.getMessage());
    }

    @Test
    void rejectsWrongHeader() throws Exception {
        Path f = tmp.resolve("floats.npy");
        String h = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
        byte[] header = h.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes =
                concat(
                        new byte[] {
                            (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length, 0
                        },
                        header);
        Files.write(f, bytes);
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(f));
        assertTrue(e.getMessage().contains("descr '<f4', expected '|O'"), e.getMessage());

        Path g = tmp.resolve("nomagic.npy");
        Files.write(g, "not numpy at all".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(g));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void rejectsEmptyDictNonFiniteAndWidthMismatch() throws Exception {
        Path empty = tmp.resolve("empty.npy");
        Files.write(
                empty,
                concat(NpyHeader.objectHeader(), NumpyPickleWriter.pickleFloatDict(Map.of())));
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Path nan = tmp.resolve("nan.npy");
        Files.write(
                nan,
                concat(
                        NpyHeader.objectHeader(),
                        NumpyPickleWriter.pickleFloatDict(
                                Map.of("a", new float[] {1f, Float.NaN}))));
        e = assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(nan));
        assertTrue(e.getMessage().contains("non-finite value NaN at index 1"), e.getMessage());

        Map<String, float[]> widths = new LinkedHashMap<>();
        widths.put("a", new float[] {1f, 2f});
        widths.put("b", new float[] {1f});
        Path w = tmp.resolve("w.npy");
        Files.write(w, concat(NpyHeader.objectHeader(), NumpyPickleWriter.pickleFloatDict(widths)));
        e = assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(w));
        assertTrue(e.getMessage().contains("'b' has width 1, expected 2"), e.getMessage());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
