package org.avca4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.input_file_name;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The row layouts of this module: the normalised input every partition function reads, the
 * predictions and the bad rows.
 */
final class ClipRows {

    /** Normalised input: {@code clip_id} string, {@code audio} and {@code video} float arrays. */
    static final int ID = 0;

    static final int AUDIO = 1;
    static final int VIDEO = 2;

    /** The file a row came from ({@code ""} when not read from files). */
    static final int SOURCE = 3;

    private static final StructType RANKED =
            new StructType()
                    .add("label", DataTypes.StringType, false)
                    .add("role", DataTypes.StringType, false)
                    .add("distance", DataTypes.DoubleType, false)
                    .add("calibrated_distance", DataTypes.DoubleType, false);

    /** One prediction per classified clip. */
    static final StructType PREDICTIONS =
            new StructType()
                    .add("clip_id", DataTypes.StringType, false)
                    .add("label", DataTypes.StringType, false)
                    .add("role", DataTypes.StringType, false)
                    .add("distance", DataTypes.DoubleType, false)
                    .add("calibrated_distance", DataTypes.DoubleType, false)
                    .add("top_k", DataTypes.createArrayType(RANKED, false), false);

    /** One row per input row that could not be classified. */
    static final StructType ERRORS =
            new StructType()
                    .add("clip_id", DataTypes.StringType, true)
                    .add("source", DataTypes.StringType, false)
                    .add("reason", DataTypes.StringType, false);

    private ClipRows() {}

    /**
     * Selects the configured columns as {@code clip_id} (cast to string), {@code audio}, {@code
     * video} (cast to float arrays) and {@code source} (the input file).
     *
     * @throws IllegalArgumentException if a column is missing or a feature column is not an array
     *     of numbers
     */
    static Dataset<Row> normalise(Dataset<Row> clips, FeatureColumns columns) {
        StructType schema = clips.schema();
        field(schema, columns.id());
        requireNumberArray(field(schema, columns.audio()));
        requireNumberArray(field(schema, columns.video()));
        DataType floats = DataTypes.createArrayType(DataTypes.FloatType, true);
        return clips.select(
                quoted(columns.id()).cast(DataTypes.StringType).as("clip_id"),
                quoted(columns.audio()).cast(floats).as("audio"),
                quoted(columns.video()).cast(floats).as("video"),
                input_file_name().as("source"));
    }

    /**
     * A Spark SQL condition true for every normalised row that {@link RowChecks} rejects (and
     * perhaps a few more: RowChecks has the last word and gives the reason). It runs on Spark's own
     * array data, without converting each row to Java objects, so that the error pass over mostly
     * good input stays cheap.
     */
    static Column maybeBad(int audioDim, int videoDim) {
        return expr("clip_id IS NULL" + badArray("audio", audioDim) + badArray("video", videoDim));
    }

    private static String badArray(String column, int width) {
        return " OR "
                + column
                + " IS NULL OR size("
                + column
                + ") != "
                + width
                + " OR exists("
                + column
                + ", x -> x IS NULL OR isnan(x) OR abs(x) = CAST('Infinity' AS FLOAT))";
    }

    /** A column by its exact name, dots included. */
    private static Column quoted(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    private static StructField field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "no column '" + name + "' in the input; it has " + Arrays.toString(schema.names()));
    }

    private static void requireNumberArray(StructField f) {
        if (!(f.dataType() instanceof ArrayType a && a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException(
                    "column '"
                            + f.name()
                            + "': expected an array of floats, got "
                            + f.dataType().simpleString());
        }
    }
}
