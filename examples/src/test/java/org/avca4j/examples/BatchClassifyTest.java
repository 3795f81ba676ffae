package org.avca4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.trainer.data.FeatureFile;
import org.avca4j.trainer.data.Hdf5Features;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchClassifyTest {

    @TempDir Path dir;
    private ExampleModel.Exported model;
    private final Random random = new Random(5);

    @BeforeEach
    void exportModel() throws IOException {
        model = ExampleModel.export(dir);
    }

    /**
     * The download's layout with --stage; a class not in the vocabulary; a url that needs CSV
     * quoting.
     */
    @Test
    void csvRowsEqualDirectClassifyBatchPerFile() throws IOException {
        Path root = dir.resolve("main_features");
        List<String> classes = List.of("Archery", "Rowing", "Zumba");
        int[] sizes = {5, 3, 4};
        List<float[][]> audios = new ArrayList<>();
        List<float[][]> videos = new ArrayList<>();
        List<String[]> urls = new ArrayList<>();
        for (int f = 0; f < classes.size(); f++) {
            String[] u = new String[sizes[f]];
            for (int i = 0; i < u.length; i++) {
                u[i] = "v_" + classes.get(f) + "_g01_c0" + i;
            }
            if (f == 1) {
                u[1] = "v_odd,\"quoted\"_c01";
            }
            float[][] a =
                    ExampleModel.gaussianRows(u.length, ExampleModel.CONFIG.audioDim(), random);
            float[][] v =
                    ExampleModel.gaussianRows(u.length, ExampleModel.CONFIG.videoDim(), random);
            write(root.resolve("audio").resolve("test").resolve(classes.get(f) + ".h5"), a, u);
            write(root.resolve("video").resolve("test").resolve(classes.get(f) + ".h5"), v, u);
            audios.add(a);
            videos.add(v);
            urls.add(u);
        }
        Path csv = dir.resolve("out").resolve("predictions.csv");
        String out =
                run(0, model.file().toString(), root.toString(), csv.toString(), "--stage", "test");

        List<List<String>> rows = readCsv(csv);
        assertEquals(
                List.of("file", "url", "true_folder_class", "predicted", "role", "distance"),
                rows.get(0));
        int row = 1;
        int matches = 0;
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(model.file()).build()) {
            for (int f = 0; f < classes.size(); f++) {
                List<Prediction> expected = c.classifyBatch(audios.get(f), videos.get(f));
                for (int i = 0; i < expected.size(); i++) {
                    List<String> r = rows.get(row++);
                    Prediction p = expected.get(i);
                    assertEquals(
                            List.of(
                                    classes.get(f) + ".h5",
                                    urls.get(f)[i],
                                    classes.get(f),
                                    p.label(),
                                    p.role().name()),
                            r.subList(0, 5),
                            "row " + (row - 1));
                    assertEquals(
                            p.distance(), Double.parseDouble(r.get(5)), 1e-6, "row " + (row - 1));
                    matches += p.label().equals(classes.get(f)) ? 1 : 0;
                }
            }
        }
        assertEquals(row, rows.size(), "no extra rows");
        assertTrue(
                Files.readString(csv).contains(",\"v_odd,\"\"quoted\"\"_c01\","),
                "RFC 4180 quoting");
        assertTrue(
                out.startsWith(
                        "12 clips from 3 files -> "
                                + csv
                                + "; predicted = folder class for "
                                + matches
                                + " "),
                out);
        assertNoTempFiles(csv.getParent());
    }

    @Test
    void audioFileWithoutVideoIsNamedAndOldCsvKept() throws IOException {
        Path root = dir.resolve("features");
        writeClass(root, "Archery", 2, 2);
        writeClip(root.resolve("audio").resolve("Bowling.h5"), ExampleModel.CONFIG.audioDim(), 2);
        Path csv = dir.resolve("predictions.csv");
        Files.writeString(csv, "old\n");
        String err = run(1, model.file().toString(), root.toString(), csv.toString());
        assertEquals(
                "error: "
                        + root.resolve("audio").resolve("Bowling.h5")
                        + " has no matching video file "
                        + root.resolve("video").resolve("Bowling.h5"),
                err.strip());
        assertEquals("old\n", Files.readString(csv));
        assertNoTempFiles(dir);
    }

    @Test
    void differentClipsInAudioAndVideoAreNamed() throws IOException {
        Path root = dir.resolve("features");
        Path audio = root.resolve("audio").resolve("Diving.h5");
        Path video = root.resolve("video").resolve("Diving.h5");
        write(
                audio,
                ExampleModel.gaussianRows(2, ExampleModel.CONFIG.audioDim(), random),
                new String[] {"a", "b"});
        write(
                video,
                ExampleModel.gaussianRows(2, ExampleModel.CONFIG.videoDim(), random),
                new String[] {"a", "c"});
        Path csv = dir.resolve("predictions.csv");
        String err = run(1, model.file().toString(), root.toString(), csv.toString());
        assertEquals(
                "error: "
                        + video
                        + ": clip 1 is 'c' but "
                        + audio
                        + " has 'b'; expected the same clips in the same order",
                err.strip());
        assertTrue(Files.notExists(csv));
        assertNoTempFiles(dir);
    }

    @Test
    void wrongWidthAndNanAreNamedWithTheFile() throws IOException {
        Path root = dir.resolve("features");
        writeClass(root, "Archery", ExampleModel.CONFIG.audioDim() + 1, 2);
        Path csv = dir.resolve("predictions.csv");
        String err = run(1, model.file().toString(), root.toString(), csv.toString());
        assertEquals(
                "error: "
                        + root.resolve("audio").resolve("Archery.h5")
                        + ": dataset 'data' is "
                        + (ExampleModel.CONFIG.audioDim() + 1)
                        + " wide, the model expects "
                        + ExampleModel.CONFIG.audioDim(),
                err.strip());

        float[][] a = ExampleModel.gaussianRows(3, ExampleModel.CONFIG.audioDim(), random);
        a[2][5] = Float.NaN;
        String[] u = {"x0", "x1", "x2"};
        write(root.resolve("audio").resolve("Archery.h5"), a, u);
        write(
                root.resolve("video").resolve("Archery.h5"),
                ExampleModel.gaussianRows(3, ExampleModel.CONFIG.videoDim(), random),
                u);
        err = run(1, model.file().toString(), root.toString(), csv.toString());
        assertTrue(
                err.startsWith(
                        "error: "
                                + root.resolve("audio").resolve("Archery.h5")
                                + " / "
                                + root.resolve("video").resolve("Archery.h5")
                                + ": audio features of clip 2 hold NaN at index 5"),
                err);
        assertTrue(Files.notExists(csv));
        assertNoTempFiles(dir);
    }

    @Test
    void missingArgumentsPrintUsage() {
        String err = run(2, "model.onnx");
        assertTrue(err.contains("Usage: BatchClassify"), err);
    }

    /**
     * Runs the example (as {@code main} does, without exiting); returns stdout on success, else
     * stderr.
     */
    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                BatchClassify.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedStatus, status, () -> err.toString(StandardCharsets.UTF_8));
        return (status == 0 ? out : err).toString(StandardCharsets.UTF_8);
    }

    private void writeClass(Path root, String name, int audioDim, int clips) throws IOException {
        writeClip(root.resolve("audio").resolve(name + ".h5"), audioDim, clips);
        writeClip(
                root.resolve("video").resolve(name + ".h5"), ExampleModel.CONFIG.videoDim(), clips);
    }

    private void writeClip(Path file, int dim, int clips) throws IOException {
        String[] u = new String[clips];
        for (int i = 0; i < clips; i++) {
            u[i] = "clip" + i;
        }
        write(file, ExampleModel.gaussianRows(clips, dim, random), u);
    }

    private static void write(Path file, float[][] rows, String[] urls) throws IOException {
        Files.createDirectories(file.getParent());
        int dim = rows[0].length;
        float[] flat = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * dim, dim);
        }
        Hdf5Features.write(file, new FeatureFile(rows.length, dim, flat, urls));
    }

    private static void assertNoTempFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> tmp =
                    files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp);
        }
    }

    /** A small RFC 4180 reader: quoted fields with doubled quotes, no line breaks inside fields. */
    private static List<List<String>> readCsv(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
            fields.add(field.toString());
            rows.add(fields);
        }
        return rows;
    }
}
