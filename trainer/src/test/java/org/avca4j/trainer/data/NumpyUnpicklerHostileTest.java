package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.razorvine.pickle.Opcodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pickles that Python would refuse at once but that cost a naive unpickler exponential time or its
 * stack. Each is written by hand, opcode by opcode, behind a valid {@code .npy} header.
 */
// A separate thread: a hashing loop or a blocked open does not notice an interrupt.
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NumpyUnpicklerHostileTest {

    @TempDir Path tmp;

    private BenchmarkFormatException read(ByteArrayOutputStream pickle) throws Exception {
        Path npy = tmp.resolve("hostile.npy");
        Files.write(npy, TextEmbeddingsTest.concat(NpyHeader.objectHeader(), pickle.toByteArray()));
        BenchmarkFormatException e =
                assertThrows(BenchmarkFormatException.class, () -> TextEmbeddings.read(npy));
        assertEquals(npy, e.file());
        assertTrue(e.getMessage().contains("malformed pickled embeddings"), e.getMessage());
        return e;
    }

    private static void ops(ByteArrayOutputStream p, int... bytes) {
        for (int b : bytes) {
            p.write(b);
        }
    }

    private static ByteArrayOutputStream start() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(Opcodes.PROTO);
        p.write(4);
        p.write(Opcodes.EMPTY_DICT);
        return p;
    }

    private static void setItemAndStop(ByteArrayOutputStream p) {
        p.write(Opcodes.BININT1);
        p.write(1);
        p.write(Opcodes.SETITEM);
        p.write(Opcodes.STOP);
    }

    @Test
    void memoListKeyOfFortyLevelsIsRefusedAtOnce() throws Exception {
        // l_0 = []; l_i = [l_(i-1), l_(i-1)] through the memo: 41 objects, 2^40 nodes to hash.
        ByteArrayOutputStream p = start();
        ops(p, Opcodes.EMPTY_LIST, Opcodes.BINPUT, 0, Opcodes.POP);
        for (int i = 1; i <= 40; i++) {
            ops(p, Opcodes.MARK, Opcodes.BINGET, i - 1, Opcodes.BINGET, i - 1, Opcodes.LIST);
            ops(p, Opcodes.BINPUT, i, Opcodes.POP);
        }
        ops(p, Opcodes.BINGET, 40); // the key: {l_40: 1}
        setItemAndStop(p);
        assertTrue(p.size() < 1024, "a 1 kB file");
        String m = read(p).getMessage();
        assertTrue(
                m.contains("nested " + (NumpyUnpickler.MAX_DEPTH + 1) + " deep, expected at most"),
                m);
    }

    @Test
    void shallowListKeyIsRefusedAsUnhashable() throws Exception {
        ByteArrayOutputStream p = start();
        ops(p, Opcodes.MARK, Opcodes.BININT1, 7, Opcodes.LIST); // [7]
        setItemAndStop(p);
        String m = read(p).getMessage();
        assertTrue(m.contains("dict key is a list, expected a str class name"), m);
    }

    @Test
    void hundredThousandDeepListIsRefusedWithoutStackOverflow() throws Exception {
        ByteArrayOutputStream p = start();
        int depth = 100_000;
        for (int i = 0; i < depth; i++) {
            p.write(Opcodes.EMPTY_LIST);
        }
        for (int i = 1; i < depth; i++) {
            p.write(Opcodes.APPEND); // appends the top list to the one below it
        }
        setItemAndStop(p);
        String m = read(p).getMessage();
        assertTrue(m.contains("deep, expected at most " + NumpyUnpickler.MAX_DEPTH), m);
    }

    @Test
    void setsAreRefused() throws Exception {
        ByteArrayOutputStream p = start();
        p.write(Opcodes.EMPTY_SET);
        setItemAndStop(p);
        String m = read(p).getMessage();
        assertTrue(m.contains("pickle builds a set"), m);
    }
}
