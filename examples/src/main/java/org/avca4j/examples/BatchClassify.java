package org.avca4j.examples;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;

/**
 * Classifies every clip of a folder of HDF5 feature files laid out as the benchmark download and
 * writes one CSV row per clip.
 *
 * <pre>
 * java -cp ... org.avca4j.examples.BatchClassify ucf.onnx UCF/features/main_features predictions.csv --stage test
 * </pre>
 *
 * <p>The folder holds {@code audio/} and {@code video/} (with {@code --stage S}: {@code audio/S/}
 * and {@code video/S/}), each with one {@code <ClassName>.h5} per class: dataset {@code data}
 * float32 {@code [n, d]} and dataset {@code video_urls} ({@code n} strings); the audio and video
 * file of a class hold the same clips in the same order. Each file is classified in one {@link
 * ZeroShotClassifier#classifyBatch} call. The CSV ({@code
 * file,url,true_folder_class,predicted,role,distance}) is written to a temporary file beside it and
 * moved into place, so a failed run leaves no partial file.
 */
public final class BatchClassify {

    static final String USAGE =
            String.join(
                    System.lineSeparator(),
                    "Usage: BatchClassify <model.onnx> <features-dir> <out.csv> [--stage <name>]",
                    "  <model.onnx>    a model exported by avca4j (AvcaOnnxExporter)",
                    "  <features-dir>  a folder with audio/ and video/ sub-folders, each holding <ClassName>.h5 files",
                    "                  (datasets 'data' float32 [n,d] and 'video_urls'; same clips in the same order)",
                    "  <out.csv>       written atomically: file,url,true_folder_class,predicted,role,distance",
                    "  --stage NAME    read audio/NAME/ and video/NAME/ instead (the download's layout, e.g. test)");

    /** The CSV header. */
    static final String HEADER = "file,url,true_folder_class,predicted,role,distance";

    private static final String SUFFIX = ".h5";

    private BatchClassify() {}

    /**
     * Runs the example; exits with status 2 on a usage error and 1 on any other error.
     *
     * @param args see {@link #USAGE}
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the example, printing to the given streams instead of exiting.
     *
     * @return 0 on success, 1 on an error (model, files), 2 on a usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        String stage = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--stage") && i + 1 < args.length) {
                stage = args[++i];
            } else if (args[i].startsWith("--")) {
                err.println(
                        "error: "
                                + (args[i].equals("--stage")
                                        ? "--stage needs a folder name"
                                        : "unknown option " + args[i]));
                err.println(USAGE);
                return 2;
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 3) {
            err.println(
                    "error: expected <model.onnx> <features-dir> <out.csv>, got "
                            + positional.size()
                            + " positional argument(s)");
            err.println(USAGE);
            return 2;
        }
        Path root = Path.of(positional.get(1));
        Path audioDir =
                stage == null ? root.resolve("audio") : root.resolve("audio").resolve(stage);
        Path videoDir =
                stage == null ? root.resolve("video") : root.resolve("video").resolve(stage);
        try (ZeroShotClassifier classifier =
                ZeroShotClassifier.builder().setModel(Path.of(positional.get(0))).build()) {
            Summary s = classifyFolder(classifier, audioDir, videoDir, Path.of(positional.get(2)));
            out.printf(
                    Locale.ROOT,
                    "%d clips from %d files -> %s; predicted = folder class for %d (%.2f%%)%n",
                    s.clips,
                    s.files,
                    positional.get(2),
                    s.matches,
                    s.clips == 0 ? 0.0 : 100.0 * s.matches / s.clips);
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** What a run wrote. */
    record Summary(int files, int clips, int matches) {}

    /**
     * Classifies every class file and writes the CSV atomically.
     *
     * @throws IllegalArgumentException if a folder is missing or empty, a file has no counterpart
     *     in the other modality, a file is not a feature file of the model's width, audio and video
     *     files hold different clips, or a value is not finite; the message names the file
     * @throws IOException if a file cannot be read or the CSV cannot be written
     */
    static Summary classifyFolder(
            ZeroShotClassifier classifier, Path audioDir, Path videoDir, Path csv)
            throws IOException {
        List<String> names = matchingFiles(audioDir, videoDir);
        Path target = csv.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp =
                Files.createTempFile(
                        target.getParent(), target.getFileName().toString() + ".", ".tmp");
        int clips = 0;
        int matches = 0;
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(HEADER + "\n");
                for (String name : names) {
                    String folderClass = name.substring(0, name.length() - SUFFIX.length());
                    Path audioFile = audioDir.resolve(name);
                    Path videoFile = videoDir.resolve(name);
                    Features audio = read(audioFile, classifier.card().audioDim());
                    Features video = read(videoFile, classifier.card().videoDim());
                    checkSameClips(audioFile, audio, videoFile, video);
                    List<Prediction> predictions;
                    try {
                        predictions = classifier.classifyBatch(audio.rows, video.rows);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                audioFile + " / " + videoFile + ": " + e.getMessage(), e);
                    }
                    for (int i = 0; i < predictions.size(); i++) {
                        Prediction p = predictions.get(i);
                        w.write(
                                String.join(
                                                ",",
                                                csvField(name),
                                                csvField(audio.urls[i]),
                                                csvField(folderClass),
                                                csvField(p.label()),
                                                p.role().name(),
                                                Double.toString(p.distance()))
                                        + "\n");
                        matches += p.label().equals(folderClass) ? 1 : 0;
                    }
                    clips += predictions.size();
                }
            }
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Summary(names.size(), clips, matches);
    }

    /**
     * The {@code .h5} names present in both folders, sorted; every file must have its counterpart.
     */
    private static List<String> matchingFiles(Path audioDir, Path videoDir) throws IOException {
        TreeSet<String> audio = h5Files(audioDir);
        TreeSet<String> video = h5Files(videoDir);
        for (String name : audio) {
            if (!video.contains(name)) {
                throw new IllegalArgumentException(
                        audioDir.resolve(name)
                                + " has no matching video file "
                                + videoDir.resolve(name));
            }
        }
        for (String name : video) {
            if (!audio.contains(name)) {
                throw new IllegalArgumentException(
                        videoDir.resolve(name)
                                + " has no matching audio file "
                                + audioDir.resolve(name));
            }
        }
        if (audio.isEmpty()) {
            throw new IllegalArgumentException(
                    audioDir + ": no *" + SUFFIX + " files, expected one per class");
        }
        return new ArrayList<>(audio);
    }

    private static TreeSet<String> h5Files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    dir + ": folder not found, expected <ClassName>" + SUFFIX + " files in it");
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        }
        return names;
    }

    /** One class file: {@code rows[n][d]} and {@code n} urls. */
    private record Features(float[][] rows, String[] urls) {}

    private static Features read(Path file, int expectedWidth) {
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = dataset(file, hdf, "data");
            Dataset urls = dataset(file, hdf, "video_urls");
            int[] dims = data.getDimensions();
            if (dims.length != 2
                    || !(data.getDataType() instanceof FloatingPoint)
                    || data.getDataType().getSize() != 4) {
                throw new IllegalArgumentException(
                        file
                                + ": dataset 'data' is "
                                + data.getJavaType().getSimpleName()
                                + " of rank "
                                + dims.length
                                + ", expected float32 [clips, "
                                + expectedWidth
                                + "]");
            }
            if (dims[1] != expectedWidth) {
                throw new IllegalArgumentException(
                        file
                                + ": dataset 'data' is "
                                + dims[1]
                                + " wide, the model expects "
                                + expectedWidth);
            }
            if (urls.getJavaType() != String.class
                    || urls.getDimensions().length != 1
                    || urls.getDimensions()[0] != dims[0]) {
                throw new IllegalArgumentException(
                        file
                                + ": dataset 'video_urls' is "
                                + urls.getJavaType().getSimpleName()
                                + " "
                                + java.util.Arrays.toString(urls.getDimensions())
                                + ", expected "
                                + dims[0]
                                + " strings, one per clip of 'data'");
            }
            if (dims[0] == 0) {
                throw new IllegalArgumentException(file + ": dataset 'data' holds no clips");
            }
            String[] names = (String[]) urls.getData();
            for (int i = 0; i < names.length; i++) {
                names[i] = stripTrailingNuls(names[i]);
            }
            return new Features((float[][]) data.getData(), names);
        } catch (HdfException e) {
            throw new IllegalArgumentException(
                    file + ": not a readable HDF5 feature file: " + e.getMessage(), e);
        }
    }

    private static Dataset dataset(Path file, HdfFile hdf, String name) {
        Node node = hdf.getChildren().get(name);
        if (!(node instanceof Dataset d)) {
            throw new IllegalArgumentException(
                    file
                            + ": no dataset '"
                            + name
                            + "', expected datasets 'data' and 'video_urls'");
        }
        return d;
    }

    private static void checkSameClips(
            Path audioFile, Features audio, Path videoFile, Features video) {
        if (audio.rows.length != video.rows.length) {
            throw new IllegalArgumentException(
                    videoFile
                            + " holds "
                            + video.rows.length
                            + " clips but "
                            + audioFile
                            + " holds "
                            + audio.rows.length
                            + "; expected the same clips in the same order");
        }
        for (int i = 0; i < audio.urls.length; i++) {
            if (!audio.urls[i].equals(video.urls[i])) {
                throw new IllegalArgumentException(
                        videoFile
                                + ": clip "
                                + i
                                + " is '"
                                + video.urls[i]
                                + "' but "
                                + audioFile
                                + " has '"
                                + audio.urls[i]
                                + "'; expected the same clips in the same order");
            }
        }
    }

    /** Fixed-length HDF5 strings (the download's {@code S80}) may come back NUL-padded. */
    private static String stripTrailingNuls(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
    static String csvField(String s) {
        if (s.indexOf(',') < 0
                && s.indexOf('"') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
