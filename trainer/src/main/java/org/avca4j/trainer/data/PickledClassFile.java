package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import org.avca4j.trainer.data.NumpyUnpickler.NumpyArray;
import org.avca4j.trainer.io.AtomicFiles;

/**
 * Reads one per-class {@code .pkl} file of the TCaF and ClipClap layouts: a pickled dict {@code
 * {features: [n arrays], video_names: [n names], fps: [n ints]}} (docs/data-format.md). Every
 * global the pickle names must be one of numpy's array callables ({@link NumpyUnpickler}); a pickle
 * stays data.
 *
 * <p>Clips are sequences {@code (T_i, D)} with {@code T_i ≥ 1} ({@link Shape#SEQUENCE}) or 1-D
 * vectors {@code (D,)} ({@link Shape#VECTOR}); any real numeric dtype is accepted and converted to
 * float (float16 video of ClipClap, uint8 VGGish audio of TCaF's cls features, kept as stored:
 * scaling is the method's job). Names may be {@code bytes} (decoded as UTF-8) or {@code str}. A
 * file with more names than clips (ClipClap's own splitting script keeps the names of skipped
 * clips) is read with the first n names and a warning; fewer names is an error.
 */
public final class PickledClassFile {

    /** What each clip of a file must be. */
    public enum Shape {
        /** A feature sequence {@code (T_i, D)} (TCaF). */
        SEQUENCE,
        /** One feature vector {@code (D,)} (ClipClap). */
        VECTOR
    }

    private PickledClassFile() {}

    /**
     * Reads a class file.
     *
     * @param file the {@code .pkl} file
     * @param shape sequences or vectors
     * @return its clips
     * @throws BenchmarkFormatException if the file is missing or not a readable regular file, the
     *     pickle is truncated or names a forbidden global, it is not a dict with lists {@code
     *     features} and {@code video_names}, a clip is not a numeric array of the expected rank,
     *     has no rows, or another width than the first clip, a value is not finite, the file holds
     *     no clip, or it has fewer names than clips
     * @throws IOException if the file cannot be read
     */
    public static PickledClips read(Path file, Shape shape) throws IOException {
        byte[] bytes = InputFile.open(file, InputFile.Kind.PICKLE).bytes();
        Object root;
        try {
            root = NumpyUnpickler.readPlain(bytes);
        } catch (PickleException | ClassCastException e) {
            throw new BenchmarkFormatException(file, "malformed pickle: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BenchmarkFormatException(
                    file, "truncated or unreadable pickle: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> dict)) {
            throw new BenchmarkFormatException(
                    file, "the pickle holds " + kind(root) + ", expected a dict");
        }
        List<?> features = list(file, dict, "features");
        List<?> rawNames = list(file, dict, "video_names");
        if (features.isEmpty()) {
            throw new BenchmarkFormatException(
                    file, "'features' is empty, expected at least one clip");
        }
        List<String> warnings = new ArrayList<>();
        if (rawNames.size() < features.size()) {
            throw new BenchmarkFormatException(
                    file,
                    "'video_names' has "
                            + rawNames.size()
                            + " names for "
                            + features.size()
                            + " clips, expected one name per clip");
        }
        if (rawNames.size() > features.size()) {
            warnings.add(
                    file
                            + ": 'video_names' has "
                            + rawNames.size()
                            + " names for "
                            + features.size()
                            + " clips; the first "
                            + features.size()
                            + " are used (names may be shifted)");
        }
        String[] names = new String[features.size()];
        int[] lengths = new int[features.size()];
        int dim = -1;
        String dtype = null;
        long total = 0;
        List<float[]> values = new ArrayList<>(features.size());
        for (int i = 0; i < names.length; i++) {
            names[i] = name(file, i, rawNames.get(i));
            if (!(features.get(i) instanceof NumpyArray a) || a.values() == null) {
                throw new BenchmarkFormatException(
                        file,
                        "clip "
                                + i
                                + " of 'features' is "
                                + kind(features.get(i))
                                + ", expected a numeric numpy array");
            }
            int[] s = a.shape();
            boolean ok =
                    shape == Shape.SEQUENCE
                            ? s.length == 2 && s[0] >= 1 && s[1] >= 1
                            : s.length == 1 && s[0] >= 1;
            if (!ok) {
                throw new BenchmarkFormatException(
                        file,
                        "clip "
                                + i
                                + " ('"
                                + names[i]
                                + "') has shape "
                                + Arrays.toString(s)
                                + ", expected "
                                + (shape == Shape.SEQUENCE
                                        ? "(T, D) with T ≥ 1 rows"
                                        : "(D,), one vector"));
            }
            int width = s[s.length - 1];
            if (dim < 0) {
                dim = width;
                dtype = a.descr();
            } else if (width != dim) {
                throw new BenchmarkFormatException(
                        file,
                        "clip "
                                + i
                                + " ('"
                                + names[i]
                                + "') has width "
                                + width
                                + ", expected "
                                + dim
                                + " like clip 0");
            }
            checkFinite(file, i, names[i], a.values());
            lengths[i] = shape == Shape.SEQUENCE ? s[0] : 1;
            total += a.values().length;
            values.add(a.values());
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new BenchmarkFormatException(file, total + " values, more than one array holds");
        }
        float[] data = new float[(int) total];
        int at = 0;
        for (float[] v : values) {
            System.arraycopy(v, 0, data, at, v.length);
            at += v.length;
        }
        return new PickledClips(dim, lengths, data, names, dtype, List.copyOf(warnings));
    }

    /**
     * Writes single-vector clips as a class file that Python's {@code pickle.load} reads into
     * {@code {features: [1-D arrays], video_names: [bytes], fps: [25, …]}}, atomically.
     *
     * @param clips one row per clip
     * @param float16 whether arrays are stored as float16 (ClipClap's video) or float32
     * @throws IOException if writing fails
     */
    public static void writeVectors(Path file, FeatureFile clips, boolean float16)
            throws IOException {
        AtomicFiles.write(
                file,
                NumpyPickleWriter.pickleClassDict(
                        clips.data(), clips.dim(), null, float16, clips.urls()));
    }

    /**
     * Writes sequence clips as a class file that Python's {@code pickle.load} reads into {@code
     * {features: [(T_i, D) float32 arrays], video_names: [bytes], fps: [25, …]}}, atomically.
     *
     * @param clips per clip {@code [T_i][D]}, every {@code T_i ≥ 1}
     * @param names one per clip
     * @throws IllegalArgumentException if counts or widths disagree or a clip has no row
     * @throws IOException if writing fails
     */
    public static void writeSequences(Path file, float[][][] clips, String[] names)
            throws IOException {
        if (clips.length != names.length || clips.length == 0 || clips[0].length == 0) {
            throw new IllegalArgumentException(
                    file + ": " + clips.length + " clips and " + names.length + " names");
        }
        int dim = clips[0][0].length;
        int[] lengths = new int[clips.length];
        int rows = 0;
        for (int i = 0; i < clips.length; i++) {
            lengths[i] = clips[i].length;
            rows += lengths[i];
        }
        float[] data = new float[rows * dim];
        int at = 0;
        for (float[][] clip : clips) {
            if (clip.length == 0) {
                throw new IllegalArgumentException(file + ": a clip has no row");
            }
            for (float[] row : clip) {
                if (row.length != dim) {
                    throw new IllegalArgumentException(
                            file + ": a row of width " + row.length + ", expected " + dim);
                }
                System.arraycopy(row, 0, data, at, dim);
                at += dim;
            }
        }
        AtomicFiles.write(
                file, NumpyPickleWriter.pickleClassDict(data, dim, lengths, false, names));
    }

    private static List<?> list(Path file, Map<?, ?> dict, String key)
            throws BenchmarkFormatException {
        Object v = dict.get(key);
        if (!(v instanceof List<?> l)) {
            throw new BenchmarkFormatException(
                    file,
                    "'"
                            + key
                            + "' is "
                            + (v == null ? "missing" : kind(v))
                            + ", expected a list (keys found: "
                            + dict.keySet()
                            + ")");
        }
        return l;
    }

    private static String name(Path file, int i, Object raw) throws BenchmarkFormatException {
        if (raw instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (raw instanceof String s) {
            return s;
        }
        throw new BenchmarkFormatException(
                file,
                "name " + i + " of 'video_names' is " + kind(raw) + ", expected bytes or str");
    }

    private static void checkFinite(Path file, int clip, String name, float[] v)
            throws BenchmarkFormatException {
        for (int k = 0; k < v.length; k++) {
            if (!Float.isFinite(v[k])) {
                throw new BenchmarkFormatException(
                        file,
                        "clip "
                                + clip
                                + " ('"
                                + name
                                + "') has the non-finite value "
                                + v[k]
                                + " at element "
                                + k
                                + ", expected finite values");
            }
        }
    }

    private static String kind(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof NumpyArray a) {
            return "a numpy array of dtype " + a.descr() + (a.values() == null ? " (objects)" : "");
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        if (o instanceof Object[]) {
            return "a tuple";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        if (o instanceof Map<?, ?>) {
            return "a dict";
        }
        return "a " + o.getClass().getSimpleName();
    }
}
