package org.avca4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.BenchmarkReader;
import org.avca4j.trainer.data.ClipSet;

/** Where clips come from: Parquet tables, or one clip set of a benchmark folder. */
public final class ClipSources {

    /** The clip sets of a benchmark, by the names the protocol gives them. */
    public enum BenchmarkSet {
        STAGE1_TRAIN,
        STAGE1_VAL,
        STAGE2_TRAIN,
        TEST;

        ClipSet of(Benchmark b) {
            return switch (this) {
                case STAGE1_TRAIN -> b.stage1Train();
                case STAGE1_VAL -> b.stage1Val();
                case STAGE2_TRAIN -> b.stage2Train();
                case TEST -> b.test();
            };
        }
    }

    private ClipSources() {}

    /**
     * Parquet files (a file, a folder, or anything {@code spark.read().parquet} takes), read lazily
     * and in parallel by the executors.
     *
     * @param spark the session
     * @param paths Hadoop paths ({@code file:}, {@code hdfs:}, {@code s3a:} ...)
     * @return the table, columns as written
     */
    public static Dataset<Row> parquet(SparkSession spark, String... paths) {
        return spark.read().parquet(paths);
    }

    /**
     * One clip set of a benchmark folder in the download's layout, read on the driver with the
     * trainer's {@link BenchmarkReader} (which rejects a non-finite value or a width mismatch for
     * the whole folder, naming the file) and handed to Spark with the columns of {@link
     * FeatureColumns#DEFAULT}, the clip id being the clip's url. The set must fit in the driver's
     * memory (the published test sets do, at a few hundred MB); convert larger ones to Parquet.
     *
     * @param spark the session
     * @param reader the configured reader (root, dataset, feature set, split)
     * @param set which clip set
     * @return {@code clip_id, audio, video}, in the reader's clip order
     * @throws org.avca4j.trainer.data.BenchmarkFormatException if the folder is malformed
     * @throws IOException if a file cannot be read
     */
    public static Dataset<Row> benchmark(
            SparkSession spark, BenchmarkReader reader, BenchmarkSet set) throws IOException {
        ClipSet clips = set.of(reader.read());
        List<Row> rows = new ArrayList<>(clips.size());
        for (int i = 0; i < clips.size(); i++) {
            rows.add(
                    RowFactory.create(
                            clips.urls()[i],
                            slice(clips.audio(), i, clips.audioDim()),
                            slice(clips.video(), i, clips.videoDim())));
        }
        StructType schema =
                new StructType()
                        .add(FeatureColumns.DEFAULT.id(), DataTypes.StringType, false)
                        .add(FeatureColumns.DEFAULT.audio(), floatArray(), false)
                        .add(FeatureColumns.DEFAULT.video(), floatArray(), false);
        return spark.createDataFrame(rows, schema);
    }

    private static org.apache.spark.sql.types.ArrayType floatArray() {
        return DataTypes.createArrayType(DataTypes.FloatType, false);
    }

    private static float[] slice(float[] flat, int row, int width) {
        return Arrays.copyOfRange(flat, row * width, (row + 1) * width);
    }
}
