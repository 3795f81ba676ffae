package org.avca4j.trainer.data;

/**
 * The content of one class's HDF5 feature file: {@code data} float32 {@code [rows, dim]} and {@code
 * video_urls}.
 *
 * @param rows number of clips
 * @param dim feature width
 * @param data the features, row-major, {@code rows*dim} floats
 * @param urls the clip identifiers, one per row
 */
public record FeatureFile(int rows, int dim, float[] data, String[] urls) {

    public FeatureFile {
        if ((long) rows * dim != data.length || urls.length != rows) {
            throw new IllegalArgumentException(
                    "FeatureFile: "
                            + rows
                            + " rows of width "
                            + dim
                            + " need "
                            + (long) rows * dim
                            + " floats and "
                            + rows
                            + " urls, got "
                            + data.length
                            + " and "
                            + urls.length);
        }
    }
}
