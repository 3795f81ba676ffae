package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import org.avca4j.trainer.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the benchmark's text embeddings: a {@code .npy} file holding a pickled {@code
 * dict} {manual class name → float32[dim]} (docs/data-format.md).
 *
 * <p>Reading accepts only the numpy globals the format needs ({@code _reconstruct}, {@code
 * ndarray}, {@code dtype}); any other global in the pickle is rejected, since unpickling it in
 * Python would run arbitrary code. Writing produces a file that {@code numpy.load(f,
 * allow_pickle=True).item()} loads into the same dict.
 */
public final class TextEmbeddings {

    private static final Logger LOG = LoggerFactory.getLogger(TextEmbeddings.class);

    private TextEmbeddings() {}

    /**
     * Reads a pickled embeddings dict.
     *
     * @param file the {@code .npy} file
     * @return the dict in the file's order (unmodifiable); every vector has the same width and
     *     finite values
     * @throws BenchmarkFormatException if the file is missing or not a readable regular file (see
     *     {@link InputFile#open}), its header is not that of a pickled object, the pickle names a
     *     forbidden global or is not a dict of float32 vectors, the dict is empty, or a vector has
     *     another width or a non-finite value
     * @throws IOException if the file cannot be read
     */
    public static Map<String, float[]> read(Path file) throws IOException {
        long start = System.nanoTime();
        byte[] bytes = InputFile.open(file, InputFile.Kind.EMBEDDINGS).bytes();
        int offset = NpyHeader.checkObjectHeader(file, bytes);
        Map<String, float[]> dict;
        try {
            dict = NumpyUnpickler.readFloatDict(bytes, offset);
        } catch (PickleException | ClassCastException | IOException e) {
            throw new BenchmarkFormatException(
                    file, "malformed pickled embeddings: " + e.getMessage(), e);
        }
        if (dict.isEmpty()) {
            throw new BenchmarkFormatException(
                    file, "the embeddings dict is empty, expected one vector per class");
        }
        checkVectors(file, dict);
        LOG.info(
                "Read {} text embeddings of width {} from {} in {} ms",
                dict.size(),
                dict.values().iterator().next().length,
                file,
                (System.nanoTime() - start) / 1_000_000);
        return Collections.unmodifiableMap(dict);
    }

    /**
     * Writes embeddings as numpy does ({@code np.save(file, dict)}), atomically.
     *
     * @param file the {@code .npy} file to write
     * @param embeddings name → vector, written in iteration order
     * @throws IllegalArgumentException if the map is empty, or a vector has another width or a
     *     non-finite value
     * @throws IOException if writing fails
     */
    public static void write(Path file, Map<String, float[]> embeddings) throws IOException {
        try {
            checkVectors(file, embeddings);
        } catch (BenchmarkFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (embeddings.isEmpty()) {
            throw new IllegalArgumentException(file + ": no embeddings to write");
        }
        byte[] header = NpyHeader.objectHeader();
        byte[] pickle = NumpyPickleWriter.pickleFloatDict(new LinkedHashMap<>(embeddings));
        byte[] all = new byte[header.length + pickle.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(pickle, 0, all, header.length, pickle.length);
        AtomicFiles.write(file, all);
    }

    private static void checkVectors(Path file, Map<String, float[]> dict)
            throws BenchmarkFormatException {
        int width = -1;
        for (Map.Entry<String, float[]> e : dict.entrySet()) {
            float[] v = e.getValue();
            if (width < 0) {
                width = v.length;
                if (width == 0) {
                    throw new BenchmarkFormatException(
                            file, "the vector of '" + e.getKey() + "' is empty");
                }
            } else if (v.length != width) {
                throw new BenchmarkFormatException(
                        file,
                        "the vector of '"
                                + e.getKey()
                                + "' has width "
                                + v.length
                                + ", expected "
                                + width
                                + " like the first entry");
            }
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new BenchmarkFormatException(
                            file,
                            "the vector of '"
                                    + e.getKey()
                                    + "' has the non-finite value "
                                    + v[i]
                                    + " at index "
                                    + i
                                    + ", expected finite values");
                }
            }
        }
    }
}
