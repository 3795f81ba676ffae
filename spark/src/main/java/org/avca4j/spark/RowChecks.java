package org.avca4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * Checks one normalised input row ({@code clip_id, audio, video, source}, see {@link ClipRows})
 * against the model's widths and turns its arrays into floats; a bad row gets a reason naming the
 * column and what was expected, instead of an exception.
 */
final class RowChecks implements Serializable {

    // Shipped to executors inside Spark closures of the same job jar, never stored.
    private static final long serialVersionUID = 1L;

    private final FeatureColumns columns;
    private final int audioDim;
    private final int videoDim;

    RowChecks(FeatureColumns columns, int audioDim, int videoDim) {
        this.columns = columns;
        this.audioDim = audioDim;
        this.videoDim = videoDim;
    }

    /** The row's features, or why it cannot be classified. */
    sealed interface Outcome {}

    /** A row the model can take. */
    record Clip(String id, float[] audio, float[] video) implements Outcome {}

    /** A row it cannot, and why. */
    record Bad(String id, String source, String reason) implements Outcome {}

    /** Checks the row. Never throws. */
    Outcome check(Row row) {
        String id = row.isNullAt(ClipRows.ID) ? null : row.getString(ClipRows.ID);
        String source = row.isNullAt(ClipRows.SOURCE) ? "" : row.getString(ClipRows.SOURCE);
        if (id == null) {
            return new Bad(null, source, "clip id (column '" + columns.id() + "') is null");
        }
        Floats audio = floats(row, ClipRows.AUDIO, columns.audio(), audioDim, "audio_dim");
        if (audio.problem() != null) {
            return new Bad(id, source, audio.problem());
        }
        Floats video = floats(row, ClipRows.VIDEO, columns.video(), videoDim, "video_dim");
        if (video.problem() != null) {
            return new Bad(id, source, video.problem());
        }
        return new Clip(id, audio.values(), video.values());
    }

    /** A column's floats, or (values null) why they are unusable. */
    private record Floats(float[] values, String problem) {
        static Floats bad(String problem) {
            return new Floats(null, problem);
        }
    }

    private static Floats floats(Row row, int index, String column, int width, String dimName) {
        if (row.isNullAt(index)) {
            return Floats.bad("column '" + column + "' is null");
        }
        List<Float> values = row.getList(index);
        if (values.size() != width) {
            return Floats.bad(
                    "column '"
                            + column
                            + "' holds "
                            + values.size()
                            + " numbers, expected "
                            + width
                            + " (the model's "
                            + dimName
                            + ")");
        }
        float[] out = new float[width];
        for (int j = 0; j < width; j++) {
            Float v = values.get(j);
            if (v == null) {
                return Floats.bad("column '" + column + "' holds a null at index " + j);
            }
            if (!Float.isFinite(v)) {
                return Floats.bad(
                        String.format(
                                Locale.ROOT,
                                "column '%s' holds %s at index %d: features must be finite",
                                column,
                                v,
                                j));
            }
            out[j] = v;
        }
        return new Floats(out, null);
    }
}
