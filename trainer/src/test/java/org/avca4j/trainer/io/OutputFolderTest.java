package org.avca4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output folders are checked and locked before work starts. */
class OutputFolderTest {

    private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @TempDir Path dir;

    @Test
    void aSecondProcessIsRefusedWithTheFolderAndTheHoldersPid() throws Exception {
        Path folder = dir.resolve("run");
        Process holder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                LockHolder.class.getName(),
                                folder.toString())
                        .redirectErrorStream(true)
                        .start();
        try {
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(
                                    holder.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("locked", out.readLine());
            IOException e = assertThrows(IOException.class, () -> OutputFolder.lock(folder));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    folder
                                            + " is in use by another process (pid "
                                            + holder.pid()
                                            + ")"),
                    e.getMessage());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        // Released when the holder ended: the folder can be locked again.
        try (OutputFolder lock = OutputFolder.lock(folder)) {
            assertEquals(
                    ProcessHandle.current().pid() + "\n",
                    Files.readString(folder.resolve(OutputFolder.LOCK_FILE)));
        }
        assertEquals("", Files.readString(folder.resolve(OutputFolder.LOCK_FILE)));
    }

    @Test
    void aFolderHeldByThisProcessIsRefusedUntilReleased() throws Exception {
        Path folder = dir.resolve("run");
        OutputFolder first = OutputFolder.lock(folder);
        IOException e = assertThrows(IOException.class, () -> OutputFolder.lock(folder));
        assertEquals(
                folder
                        + " is already in use by this process (pid "
                        + ProcessHandle.current().pid()
                        + ")",
                e.getMessage());
        first.close();
        OutputFolder.lock(folder).close();
    }

    @Test
    void aFileGivenAsTheFolderIsRefusedAtOnce() throws Exception {
        Path file = dir.resolve("results.txt");
        Files.writeString(file, "not a folder");
        IOException e = assertThrows(IOException.class, () -> OutputFolder.lock(file));
        assertEquals(
                file + " is a file; an output folder is needed there (choose another path)",
                e.getMessage());
        Path below = file.resolve("run");
        e = assertThrows(IOException.class, () -> OutputFolder.lock(below));
        assertTrue(
                e.getMessage().contains(file + " is a file, where a folder is needed"),
                e.getMessage());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void lockingRemovesStaleTemporariesBelowTheFolder() throws Exception {
        Path model = dir.resolve("UCF-main-seed42/.model.onnx." + UUID + ".tmp");
        Path report = dir.resolve(".report.md." + AtomicFilesTest.deadPid() + "." + UUID + ".tmp");
        Path checkpoint =
                dir.resolve("UCF-main-seed42/stage2/.checkpoint-epoch-003.bin." + UUID + ".tmp");
        Path kept = dir.resolve("UCF-main-seed42/model.onnx");
        for (Path p : new Path[] {model, report, checkpoint, kept}) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        try (OutputFolder lock = OutputFolder.lock(dir)) {
            assertEquals(dir, lock.folder());
        }
        assertFalse(Files.exists(model));
        assertFalse(Files.exists(report));
        assertFalse(Files.exists(checkpoint));
        assertTrue(Files.exists(kept));
    }
}
