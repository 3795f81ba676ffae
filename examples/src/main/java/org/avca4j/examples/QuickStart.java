package org.avca4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.RankedClass;
import org.avca4j.sdk.ZeroShotClassifier;

/**
 * Loads a model, shows what its card says, adds a class described only by its text embedding, and
 * classifies one clip.
 *
 * <pre>
 * java -cp ... org.avca4j.examples.QuickStart ucf.onnx @clip-audio.txt @clip-video.txt \
 *     --add PlayingHarp @harp-word2vec.txt --top-k 3
 * </pre>
 *
 * <p>A vector is given inline as comma-separated floats ({@code 0.12,-0.5,3e-2}) or as
 * {@code @FILE}: a UTF-8 text file of floats separated by commas, spaces or line breaks, where a
 * line starting with {@code #} is a comment.
 */
public final class QuickStart {

    static final String USAGE =
            String.join(
                    System.lineSeparator(),
                    "Usage: QuickStart <model.onnx> <audio> <video> [--add <name> <text-embedding>]... [--top-k <k>]",
                    "  <model.onnx>      a model exported by avca4j (AvcaOnnxExporter)",
                    "  <audio>           the clip's audio features: audio_dim floats",
                    "  <video>           the clip's visual features: video_dim floats",
                    "  --add NAME VEC    add class NAME (role ADDED, counted as unseen) with its text embedding:",
                    "                    text_dim floats, e.g. the class name's word2vec vector; repeatable",
                    "  --top-k K         how many nearest classes to list (default 5)",
                    "A vector is either inline comma-separated floats, e.g. 0.12,-0.5,3e-2, or @FILE: a UTF-8",
                    "text file of floats separated by commas, spaces or line breaks ('#' starts a comment line).");

    private QuickStart() {}

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
     * @return 0 on success, 1 on an error (model, vectors), 2 on a usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            classify(a, out);
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void classify(Arguments a, PrintStream out) throws IOException {
        try (ZeroShotClassifier classifier =
                ZeroShotClassifier.builder().setModel(a.model).optTopK(a.topK).build()) {
            ModelCard card = classifier.card();
            out.printf(
                    Locale.ROOT,
                    "Model: %s (%s, %s), audio %d + video %d -> %d, text %d, beta* %.4f%n",
                    card.dataset().folder(),
                    card.featureSet().folder(),
                    card.split().folder(),
                    card.audioDim(),
                    card.videoDim(),
                    card.embeddingDim(),
                    card.textDim(),
                    card.beta());
            out.println("Classes (" + card.classes().size() + "):");
            for (ModelCard.CardClass c : card.classes()) {
                out.println("  " + c.name() + " " + c.role());
            }
            for (Map.Entry<String, String> added : a.added.entrySet()) {
                float[] embedding =
                        vector("embedding of '" + added.getKey() + "'", added.getValue());
                classifier.addClass(added.getKey(), embedding);
                out.println("Added: " + added.getKey() + " " + classifier.role(added.getKey()));
            }
            float[] audio = vector("audio", a.audio);
            float[] video = vector("video", a.video);
            Prediction p = classifier.classify(audio, video);
            out.printf(
                    Locale.ROOT,
                    "Prediction: %s %s distance %.6f calibrated %.6f%n",
                    p.label(),
                    p.role(),
                    p.distance(),
                    p.calibratedDistance());
            out.println("Top " + p.topK().size() + ":");
            int rank = 1;
            for (RankedClass r : p.topK()) {
                out.printf(
                        Locale.ROOT,
                        "  %d. %s %s distance %.6f calibrated %.6f%n",
                        rank++,
                        r.label(),
                        r.role(),
                        r.distance(),
                        r.calibratedDistance());
            }
        }
    }

    /**
     * Reads a vector given inline or as {@code @FILE}.
     *
     * @param what what the vector is, for error messages
     * @throws IllegalArgumentException if a value is not a number, there is none, or the file is
     *     missing
     * @throws IOException if the file cannot be read
     */
    static float[] vector(String what, String spec) throws IOException {
        List<String> tokens = new ArrayList<>();
        List<String> places = new ArrayList<>();
        String source;
        if (spec.startsWith("@")) {
            Path file = Path.of(spec.substring(1));
            source = what + " (file " + file + ")";
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(source + ": file not found");
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("#")) {
                    continue;
                }
                for (String token : line.split("[,\\s]+")) {
                    if (!token.isEmpty()) {
                        tokens.add(token);
                        places.add("line " + (i + 1) + ", value " + (tokens.size()));
                    }
                }
            }
        } else {
            source = what;
            if (!spec.isBlank()) {
                for (String token : spec.split(",", -1)) {
                    tokens.add(token.strip());
                    places.add("value " + (tokens.size()));
                }
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": no values, expected comma-separated floats");
        }
        float[] v = new float[tokens.size()];
        for (int k = 0; k < v.length; k++) {
            try {
                v[k] = Float.parseFloat(tokens.get(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        source
                                + ", "
                                + places.get(k)
                                + ": '"
                                + tokens.get(k)
                                + "' is not a number");
            }
        }
        return v;
    }

    /** The command line, checked for shape only (the files are read later). */
    private record Arguments(
            Path model, String audio, String video, Map<String, String> added, int topK) {

        static Arguments parse(String[] args) {
            List<String> positional = new ArrayList<>();
            Map<String, String> added = new LinkedHashMap<>();
            int topK = 5;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--add" -> {
                        if (i + 2 >= args.length) {
                            throw new IllegalArgumentException(
                                    "--add needs a class name and a text embedding");
                        }
                        if (added.put(args[i + 1], args[i + 2]) != null) {
                            throw new IllegalArgumentException(
                                    "--add " + args[i + 1] + " is given twice");
                        }
                        i += 2;
                    }
                    case "--top-k" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--top-k needs a number");
                        }
                        try {
                            topK = Integer.parseInt(args[++i]);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(
                                    "--top-k: '" + args[i] + "' is not an integer");
                        }
                        if (topK < 1) {
                            throw new IllegalArgumentException(
                                    "--top-k must be at least 1, got " + topK);
                        }
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.size() != 3) {
                throw new IllegalArgumentException(
                        "expected <model.onnx> <audio> <video>, got "
                                + positional.size()
                                + " positional argument(s)");
            }
            return new Arguments(
                    Path.of(positional.get(0)), positional.get(1), positional.get(2), added, topK);
        }
    }
}
