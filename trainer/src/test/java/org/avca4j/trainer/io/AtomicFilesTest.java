package org.avca4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed writes name the file and the reason; stale temporaries are recognised and removed. */
class AtomicFilesTest {

    private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @TempDir Path dir;

    @Test
    void aFullDiskIsReportedWithTheTargetAndTheReason() throws Exception {
        Path target = dir.resolve("model.onnx");
        Files.writeString(target, "old model");
        IOException e =
                failedWrite(
                        target,
                        tmp -> {
                            Files.writeString(tmp, "half a model");
                            // What FileOutputStream.write throws on ENOSPC.
                            throw new IOException("No space left on device");
                        });
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals("old model", Files.readString(target));
        assertEquals(List.of(target), list(dir), "no temporary file stays");
    }

    @Test
    void aRefusedPermissionIsReportedWithTheReasonAndTheFileRefused() {
        Path target = dir.resolve("report.md");
        IOException e =
                failedWrite(
                        target,
                        tmp -> {
                            // What Files.newOutputStream throws on EACCES: the path only.
                            throw new AccessDeniedException(tmp.toString());
                        });
        assertTrue(
                e.getMessage().startsWith("cannot write " + target + ": permission denied (" + dir),
                e.getMessage());
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamed() throws Exception {
        Path file = dir.resolve("runs");
        Files.writeString(file, "x");
        Path target = file.resolve("seed42/run.json");
        IOException e =
                assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));
        assertEquals(
                "cannot write " + target + ": " + file + " is a file, where a folder is needed",
                e.getMessage());
    }

    @Test
    void writingATargetRemovesItsStaleTemporariesOnly() throws Exception {
        long dead = deadPid();
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Path target = dir.resolve("model.onnx");
        Path oldFormat = dir.resolve(".model.onnx." + UUID + ".tmp"); // an earlier version's
        Path ofDeadProcess = dir.resolve(".model.onnx." + dead + "." + UUID + ".tmp");
        Path ofLiveProcess = dir.resolve(".model.onnx." + alive + "." + UUID + ".tmp");
        Path ofOtherTarget = dir.resolve(".report.md." + UUID + ".tmp");
        for (Path p : List.of(oldFormat, ofDeadProcess, ofLiveProcess, ofOtherTarget)) {
            Files.writeString(p, "half");
        }
        AtomicFiles.write(target, new byte[] {7});
        assertFalse(Files.exists(oldFormat));
        assertFalse(Files.exists(ofDeadProcess));
        assertTrue(Files.exists(ofLiveProcess), "a running writer's temporary is not touched");
        assertTrue(Files.exists(ofOtherTarget), "another target's temporary waits for its turn");
        assertEquals(1, Files.readAllBytes(target).length);
    }

    @Test
    void removeLeftoversReachesTheGivenDepth() throws Exception {
        Path shallow = dir.resolve("run/.run.json." + UUID + ".tmp");
        Path deep = dir.resolve("run/stage2/.checkpoint-epoch-004.bin." + UUID + ".tmp");
        Path tooDeep = dir.resolve("run/stage2/x/.a.bin." + UUID + ".tmp");
        Path notOurs = dir.resolve("run/.notes.tmp");
        for (Path p : List.of(shallow, deep, tooDeep, notOurs)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        AtomicFiles.removeLeftovers(dir, 3);
        assertFalse(Files.exists(shallow));
        assertFalse(Files.exists(deep));
        assertTrue(Files.exists(tooDeep));
        assertTrue(Files.exists(notOurs));
    }

    @Test
    void temporariesAreNamedAfterTheTargetAndTheWritingProcess() throws Exception {
        Path target = dir.resolve("metrics.jsonl");
        String[] seen = new String[1];
        AtomicFiles.write(
                target,
                tmp -> {
                    seen[0] = tmp.getFileName().toString();
                    Files.writeString(tmp, "x");
                });
        assertTrue(
                seen[0].matches(
                        "\\.metrics\\.jsonl\\."
                                + ProcessHandle.current().pid()
                                + "\\.[0-9a-f-]{36}\\.tmp"),
                seen[0]);
    }

    private static IOException failedWrite(Path target, AtomicFiles.Content content) {
        return assertThrows(IOException.class, () -> AtomicFiles.write(target, content));
    }

    /** The id of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
