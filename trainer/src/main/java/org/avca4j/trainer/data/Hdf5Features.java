package org.avca4j.trainer.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.avca4j.trainer.io.AtomicFiles;

/**
 * Reads and writes a class's HDF5 feature file (docs/data-format.md) through jhdf: dataset {@code
 * data} float32 {@code [n, d]} and dataset {@code video_urls}, {@code n} strings.
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

    /** The most elements of a Java array on common JVMs. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** HDF5's filter ids (H5Zpublic.h). */
    private static final int DEFLATE_FILTER = 1;

    private static final int FLETCHER32_FILTER = 3;

    private Hdf5Features() {}

    /**
     * Reads a feature file, bounded only by the heap (see {@link #read(Path, long, String)}).
     *
     * @param file the {@code .h5} file
     * @return its features and urls
     * @throws BenchmarkFormatException as {@link #read(Path, long, String)}
     * @throws IOException if the file cannot be read
     */
    public static FeatureFile read(Path file) throws IOException {
        return read(file, Long.MAX_VALUE, null);
    }

    /**
     * Reads a feature file, refusing one that declares more clips than expected before anything is
     * decompressed.
     *
     * <p>A chunked, compressed HDF5 dataset can declare far more values than its file holds (a few
     * MB of gzip can stand for GBs of zeros, and unwritten chunks take no space at all). So the
     * sizes the datasets declare are checked first: at most {@code maxClips} rows, no more values
     * than one Java array holds, and no more bytes than half the JVM's maximum heap (reading a
     * chunked dataset holds its bytes twice for a moment). Only then are the values read.
     *
     * @param file the {@code .h5} file
     * @param maxClips the most rows the file may have (e.g. the clips the split's {@code .csv}
     *     lists for the class), or {@link Long#MAX_VALUE}
     * @param maxClipsSource where {@code maxClips} comes from, for the message; null if unbounded
     * @return its features and urls
     * @throws BenchmarkFormatException if the file is missing, not a regular file or not HDF5,
     *     lacks {@code data} or {@code video_urls} or one of them was created but never written,
     *     {@code data} is not 2-D float32, the url count differs from the row count, the file holds
     *     no clips or more than the bounds above, or a value is not finite
     * @throws IOException if the file cannot be read
     */
    static FeatureFile read(Path file, long maxClips, String maxClipsSource) throws IOException {
        return read(file, maxClips, maxClipsSource, Runtime.getRuntime().maxMemory() / 2);
    }

    /** {@link #read(Path, long, String)} with the byte budget given (tests use a small one). */
    static FeatureFile read(Path file, long maxClips, String maxClipsSource, long maxBytes)
            throws IOException {
        InputFile.open(file, InputFile.Kind.FEATURES);
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = dataset(file, hdf, "data");
            Dataset urls = dataset(file, hdf, "video_urls");
            long[] dims = data.getDimensionsAsLong();
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
            long rows = dims[0];
            long dim = dims[1];
            if (rows == 0) {
                throw new BenchmarkFormatException(
                        file, "dataset 'data' holds no clips, expected at least one");
            }
            if (dim == 0) {
                throw new BenchmarkFormatException(
                        file, "dataset 'data' has width 0, expected a feature width");
            }
            long[] urlDims = urls.getDimensionsAsLong();
            if (urls.getJavaType() != String.class || urlDims.length != 1) {
                throw new BenchmarkFormatException(
                        file,
                        "dataset 'video_urls' is "
                                + urls.getJavaType().getSimpleName()
                                + " of rank "
                                + urlDims.length
                                + ", expected 1-D strings (S80)");
            }
            if (urlDims[0] != rows) {
                throw new BenchmarkFormatException(
                        file,
                        "dataset 'video_urls' has "
                                + urlDims[0]
                                + " entries, expected one per row of 'data' ("
                                + rows
                                + ")");
            }
            checkDeclaredSize(file, rows, dim, urls, maxClips, maxClipsSource, maxBytes);
            checkWritten(file, data, rows + " × " + dim + " float32 values");
            checkWritten(file, urls, rows + " urls");
            checkChunks(file, data);
            checkChunks(file, urls);
            String[] names = (String[]) urls.getData();
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
            return new FeatureFile((int) rows, (int) dim, flat, names);
        } catch (HdfException e) {
            throw new BenchmarkFormatException(
                    file, "not a readable HDF5 feature file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // jhdf parses untrusted bytes; a damaged structure surfaces as any runtime exception.
            throw new BenchmarkFormatException(file, "not a readable HDF5 feature file: " + e, e);
        }
    }

    /** Refuses, before anything is decompressed, sizes no reader could or should hold. */
    private static void checkDeclaredSize(
            Path file,
            long rows,
            long dim,
            Dataset urls,
            long maxClips,
            String maxClipsSource,
            long maxBytes)
            throws BenchmarkFormatException {
        if (rows > maxClips) {
            throw new BenchmarkFormatException(
                    file,
                    "dataset 'data' declares "
                            + rows
                            + " clips, expected at most the "
                            + maxClips
                            + " that "
                            + maxClipsSource
                            + " lists for this class");
        }
        String declared = "dataset 'data' declares " + rows + " × " + dim + " float32 values";
        if (rows < 0
                || dim < 0
                || rows * dim > MAX_ARRAY / Float.BYTES
                || rows * dim / dim != rows) {
            // jhdf reads a dataset into one byte array.
            throw new BenchmarkFormatException(
                    file,
                    declared
                            + ", more than the "
                            + MAX_ARRAY
                            + " bytes one read can hold; not read");
        }
        long bytes = 2 * rows * dim * Float.BYTES + rows * (3L * urls.getDataType().getSize() + 48);
        if (bytes > maxBytes) {
            throw new BenchmarkFormatException(
                    file,
                    String.format(
                            Locale.ROOT,
                            "%s; reading them needs about %.1f MiB, more than the %.1f MiB allowed"
                                    + " (half the JVM heap; raise -Xmx if the file is genuine); not"
                                    + " read",
                            declared,
                            bytes / 1048576.0,
                            maxBytes / 1048576.0));
        }
    }

    /**
     * Inflates every stored chunk of a gzip-compressed dataset into a bounded counter first: jhdf
     * inflates a chunk without limit, so one chunk of a few kB could otherwise grow to GBs whatever
     * the dataset declares. Chunks under other compressors (lz4, lzf, bitshuffle) are not checked
     * here; they are rare in feature files.
     */
    private static void checkChunks(Path file, Dataset d) throws BenchmarkFormatException {
        if (!(d instanceof ChunkedDataset chunked) || !deflateIsOutermost(d.getFilters())) {
            return;
        }
        int[] dims = d.getDimensions();
        int[] chunk = chunked.getChunkDimensions();
        long chunkBytes = d.getDataType().getSize();
        for (int c : chunk) {
            chunkBytes *= c;
        }
        int[] offset = new int[dims.length];
        while (true) {
            ByteBuffer raw;
            try {
                raw = chunked.getRawChunkBuffer(offset);
            } catch (HdfException e) {
                raw = null; // never written: HDF5 reads it as the fill value
            }
            if (raw != null) {
                checkInflatedSize(file, d.getName(), offset, raw, chunkBytes);
            }
            int axis = dims.length - 1;
            while (axis >= 0 && (offset[axis] += chunk[axis]) >= dims[axis]) {
                offset[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                return;
            }
        }
    }

    private static boolean deflateIsOutermost(List<PipelineFilterWithData> filters) {
        for (int i = filters.size() - 1; i >= 0; i--) {
            int id = filters.get(i).getId();
            if (id != FLETCHER32_FILTER) {
                return id == DEFLATE_FILTER;
            }
        }
        return false;
    }

    private static void checkInflatedSize(
            Path file, String dataset, int[] offset, ByteBuffer raw, long chunkBytes)
            throws BenchmarkFormatException {
        byte[] input = new byte[raw.remaining()];
        raw.get(input);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            byte[] sink = new byte[8192];
            long total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(sink);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break; // truncated: jhdf reports it when reading
                }
                total += n;
                if (total > chunkBytes) {
                    throw new BenchmarkFormatException(
                            file,
                            "dataset '"
                                    + dataset
                                    + "': the gzip chunk at "
                                    + Arrays.toString(offset)
                                    + " inflates to more than the "
                                    + chunkBytes
                                    + " bytes its chunk shape declares; not read");
                }
            }
        } catch (DataFormatException e) {
            throw new BenchmarkFormatException(
                    file,
                    "dataset '"
                            + dataset
                            + "': the chunk at "
                            + Arrays.toString(offset)
                            + " is not a valid gzip stream: "
                            + e.getMessage(),
                    e);
        } finally {
            inflater.end();
        }
    }

    /** h5py creates a dataset's storage only when values are written; jhdf then returns null. */
    private static void checkWritten(Path file, Dataset d, String expected)
            throws BenchmarkFormatException {
        if (d.isEmpty()) {
            throw new BenchmarkFormatException(
                    file,
                    "dataset '"
                            + d.getName()
                            + "' was created but never written (no values stored), expected "
                            + expected);
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
                    Arrays.copyOfRange(
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
