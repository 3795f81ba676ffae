package org.avca4j.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.benchmarks.Main;
import org.avca4j.trainer.io.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Output folders are checked and locked before anything is trained; what an interrupted run or a
 * failed {@code synth} left behind is cleaned.
 */
class OutputFolderCommandTest {

    private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @TempDir Path dir;

    /** The error stream of a failed command; asserts the exit status 1. */
    private static String fails(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute(args), String.join(" ", args));
        assertEquals(1, err.toString().lines().count(), err.toString());
        return err.toString().strip();
    }

    /** The error line of a failed {@code reproduce --data DATA --dataset UCF --out OUT}. */
    private static String reproduceFails(Path data, Path out) {
        return fails(
                "reproduce",
                "--data",
                data.toString(),
                "--dataset",
                "UCF",
                "--out",
                out.toString());
    }

    private Path synth() {
        SynthInspectCommandTest.run(SynthInspectCommandTest.synthUcf(dir, 2));
        return dir;
    }

    private static String[] train(String command, Path data, Path out) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                command,
                                "--data",
                                data.toString(),
                                "--dataset",
                                "UCF",
                                "--epochs",
                                "1",
                                "--batches",
                                "1",
                                "--batch-size",
                                "4",
                                "--out",
                                out.toString()));
        if (command.equals("train")) {
            args.addAll(List.of("--stage", "1"));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void anExistingFileAsOutFailsBeforeTraining() throws Exception {
        Path data = synth();
        Path file = dir.resolve("results.txt");
        Files.writeString(file, "keep me");
        for (String command : List.of("train", "protocol")) {
            String err = fails(train(command, data, file));
            assertEquals(
                    "error: "
                            + file
                            + " is a file; an output folder is needed there (choose another path)",
                    err,
                    command);
        }
        assertEquals("keep me", Files.readString(file));
        String err = reproduceFails(data, file);
        assertTrue(err.contains(file + " is a file"), err);
    }

    @Test
    void aRunFolderInUseIsRefusedAtOnce() throws Exception {
        Path data = synth();
        Path run = dir.resolve("run");
        try (OutputFolder held = OutputFolder.lock(run)) {
            String err = fails(train("protocol", data, run));
            assertTrue(err.startsWith("error: " + run + " is already in use"), err);
        }
        assertFalse(Files.exists(run.resolve("stage1")), "nothing was trained");
    }

    @Test
    void reproduceRemovesTheTemporariesOfAKilledRunWhenItOpensItsFolder() throws Exception {
        Path out = dir.resolve("reproduce-out");
        Path model = out.resolve("UCF-main-seed42/.model.onnx." + UUID + ".tmp");
        Path report = out.resolve(".report.md." + UUID + ".tmp");
        for (Path p : List.of(model, report)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "half");
        }
        // A missing dataset folder is refused before the output folder is opened: nothing there
        // is touched.
        String missing = reproduceFails(dir.resolve("no-data"), out);
        assertTrue(missing.contains("dataset folder not found"), missing);
        assertTrue(Files.exists(model) && Files.exists(report), "the folder was not opened");
        // An empty dataset folder: its layout is known (AVCA), so the run opens its output folder,
        // then fails reading the class split, before any training.
        Path data = dir.resolve("empty-data");
        Files.createDirectories(data.resolve("UCF"));
        String err = reproduceFails(data, out);
        assertTrue(err.contains("class-split folder not found"), err);
        assertFalse(Files.exists(model));
        assertFalse(Files.exists(report));
    }

    @Test
    void aFailedSynthRemovesWhatItWrote() throws Exception {
        // A file where synth needs its features folder makes it fail after the class lists.
        Path features = dir.resolve("UCF/features");
        Files.createDirectories(features.getParent());
        Files.writeString(features, "in the way");
        String err = fails(SynthInspectCommandTest.synthUcf(dir, 2));
        assertTrue(err.contains(features + " is a file, where a folder is needed"), err);
        assertFalse(
                Files.exists(dir.resolve("UCF/class-split")), "the half-written data set is gone");
        assertEquals("in the way", Files.readString(features), "what was there before stays");
    }
}
