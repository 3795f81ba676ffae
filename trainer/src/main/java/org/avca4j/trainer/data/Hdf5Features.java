package org.avca4j.trainer.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avca4j.trainer.io.AtomicFiles;

/**
 * Reads and writes a class's HDF5 feature file (spec §2) through jhdf: dataset {@code data} float32
 * {@code [n, d]} and dataset {@code video_urls}, {@code n} strings.
 *
 * <p>The benchmark's files hold {@code video_urls} as fixed-length {@code S80}. jhdf 0.13 writes a
 * {@code String[]} as fixed-length null-terminated strings sized to the longest one; the writer
 * pads every url with NULs to 79 bytes so that the type is {@code S80} as in the download (urls
 * longer than 79 bytes are refused). The reader accepts any fixed- or variable-length string
 * dataset and strips trailing NULs.
 */
public final class Hdf5Features {

    /** Bytes of a url in the benchmark's {@code S80} type, less jhdf's terminating NUL. */
    static final int MAX_URL_BYTES = 79;

    private Hdf5Features() {}

    /**
     * Reads a feature file.
     *
     * @param file the {@code .h5} file
     * @return its features and urls
     * @throws BenchmarkFormatException if the file is missing or not HDF5, lacks {@code data} or
     *     {@code video_urls}, {@code data} is not 2-D float32, the url count differs from the row
     *     count, the file holds no clips, or a value is not finite
     * @throws IOException if the file cannot be read
     */
    public static FeatureFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BenchmarkFormatException(file, "feature file not found");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = dataset(file, hdf, "data");
            Dataset urls = dataset(file, hdf, "video_urls");
            int[] dims = data.getDimensions();
            if (dims.length != 2
                    || !(data.getDataType() instanceof FloatingPoint)
                    || data.getDataType().getSize() != 4) {
                throw new BenchmarkFormatException(
                        file,
                        "dataset 'data' is "
                                + data.getJavaType().getSimpleName()
                                + " of rank "
                                + dims.length
                                + ", expected float32 [clips, dim]");
            }
            int rows = dims[0];
            int dim = dims[1];
            if (rows == 0) {
                throw new BenchmarkFormatException(
                        file, "dataset 'data' holds no clips, expected at least one");
            }
            if (dim == 0) {
                throw new BenchmarkFormatException(
                        file, "dataset 'data' has width 0, expected a feature width");
            }
            if (urls.getJavaType() != String.class || urls.getDimensions().length != 1) {
                throw new BenchmarkFormatException(
                        file,
                        "dataset 'video_urls' is "
                                + urls.getJavaType().getSimpleName()
                                + " of rank "
                                + urls.getDimensions().length
                                + ", expected 1-D strings (S80)");
            }
            String[] names = (String[]) urls.getData();
            if (names.length != rows) {
                throw new BenchmarkFormatException(
                        file,
                        "dataset 'video_urls' has "
                                + names.length
                                + " entries, expected one per row of 'data' ("
                                + rows
                                + ")");
            }
            for (int i = 0; i < names.length; i++) {
                names[i] = stripNuls(names[i]);
            }
            float[] flat = (float[]) data.getDataFlat();
            for (int i = 0; i < flat.length; i++) {
                if (!Float.isFinite(flat[i])) {
                    throw new BenchmarkFormatException(
                            file,
                            "dataset 'data' has the non-finite value "
                                    + flat[i]
                                    + " at clip "
                                    + i / dim
                                    + ", column "
                                    + i % dim
                                    + ", expected finite values");
                }
            }
            return new FeatureFile(rows, dim, flat, names);
        } catch (HdfException e) {
            throw new BenchmarkFormatException(
                    file, "not a readable HDF5 feature file: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a feature file atomically.
     *
     * @param file the {@code .h5} file
     * @param features what to write
     * @throws IllegalArgumentException if a url is longer than 79 UTF-8 bytes or holds a NUL
     * @throws IOException if writing fails
     */
    public static void write(Path file, FeatureFile features) throws IOException {
        float[][] rows = new float[features.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] =
                    java.util.Arrays.copyOfRange(
                            features.data(), r * features.dim(), (r + 1) * features.dim());
        }
        String[] padded = new String[features.rows()];
        for (int i = 0; i < padded.length; i++) {
            String url = features.urls()[i];
            int bytes = url.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_URL_BYTES || url.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(
                        file
                                + ": url '"
                                + url
                                + "' has "
                                + bytes
                                + " bytes or a NUL, expected at most "
                                + MAX_URL_BYTES
                                + " bytes without NUL");
            }
            padded[i] = url + "\0".repeat(MAX_URL_BYTES - bytes);
        }
        AtomicFiles.write(
                file,
                tmp -> {
                    try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                        hdf.putDataset("data", rows);
                        hdf.putDataset("video_urls", padded);
                    } catch (HdfException e) {
                        throw new IOException(file + ": writing HDF5 failed: " + e.getMessage(), e);
                    }
                });
    }

    private static Dataset dataset(Path file, HdfFile hdf, String name)
            throws BenchmarkFormatException {
        Node node = hdf.getChildren().get(name);
        if (!(node instanceof Dataset d)) {
            throw new BenchmarkFormatException(
                    file, "no dataset '" + name + "', expected datasets 'data' and 'video_urls'");
        }
        return d;
    }

    private static String stripNuls(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }
}
