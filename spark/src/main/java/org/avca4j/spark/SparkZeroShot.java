package org.avca4j.spark;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.avca4j.sdk.ClassificationMode;
import org.avca4j.sdk.ZeroShotClassifier;

/**
 * Zero-shot classification of a {@code Dataset<Row>} of clips on Spark.
 *
 * <pre>{@code
 * SparkZeroShot zs = SparkZeroShot.builder()
 *         .setModel(Files.readAllBytes(Path.of("ucf.onnx")))
 *         .optAddedClass(new AddedClass("PlayingHarp", harp))
 *         .build(spark);
 * ClassifiedClips out = zs.classify(spark.read().parquet("clips.parquet"));
 * out.predictions().write().parquet("predictions");
 * out.errors().write().parquet("errors");
 * }</pre>
 *
 * <p>The model's bytes are broadcast once; each executor JVM opens one classifier from them on
 * first use and shares it between its task threads (ONNX Runtime sessions are thread-safe), then
 * closes it when the JVM ends. {@link Builder#build} opens it on the driver too, so that a bad
 * option fails there, before any task runs.
 *
 * <p>Rows with a null id or null features, a wrong width, a null element, NaN or an infinity are
 * never classified: they go to {@link ClassifiedClips#errors()} with the reason, or, with {@link
 * Builder#optFailOnBadRows}, fail the job. Predictions need one model run per {@link
 * Builder#optBatchSize batch} of rows; the error output is a second, model-free pass over the
 * input.
 *
 * <p>Immutable and serializable parts only; safe to use from several driver threads.
 */
public final class SparkZeroShot {

    private final SparkSession spark;
    private final Broadcast<byte[]> model;
    private final ExecutorClassifiers.Key key;
    private final FeatureColumns columns;
    private final int batchSize;
    private final boolean failOnBadRows;
    private final int audioDim;
    private final int videoDim;

    private SparkZeroShot(
            SparkSession spark,
            Builder b,
            ExecutorClassifiers.Key key,
            ZeroShotClassifier driverCopy) {
        this.spark = spark;
        this.key = key;
        this.model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(b.model);
        this.columns = b.columns;
        this.batchSize = b.batchSize;
        this.failOnBadRows = b.failOnBadRows;
        int[] widths = SdkBridge.widths(driverCopy);
        this.audioDim = widths[0];
        this.videoDim = widths[1];
    }

    /** A builder; {@link Builder#setModel} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plans the classification of {@code clips} (nothing runs until an action on an output).
     *
     * @param clips rows with the configured id, audio and video columns (other columns are ignored)
     * @return the predictions and the bad rows
     * @throws IllegalArgumentException if a configured column is missing or a feature column is not
     *     an array of numbers
     */
    public ClassifiedClips classify(Dataset<Row> clips) {
        Dataset<Row> rows = ClipRows.normalise(clips, columns);
        RowChecks checks = new RowChecks(columns, audioDim, videoDim);
        Dataset<Row> predictions =
                rows.mapPartitions(
                        new ClassifyPartition(model, key, checks, batchSize, failOnBadRows),
                        Encoders.row(ClipRows.PREDICTIONS));
        Dataset<Row> errors =
                rows.filter(ClipRows.maybeBad(audioDim, videoDim))
                        .flatMap(new BadRows(checks), Encoders.row(ClipRows.ERRORS));
        return new ClassifiedClips(predictions, errors);
    }

    /** The model's audio feature width. Never throws. */
    public int audioDim() {
        return audioDim;
    }

    /** The model's visual feature width. Never throws. */
    public int videoDim() {
        return videoDim;
    }

    /** The SHA-256 of the model's bytes, in hex: the key of the executors' classifiers. */
    public String modelDigest() {
        return key.modelDigest();
    }

    /** The session this was built for. Never throws. */
    public SparkSession session() {
        return spark;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Builds a {@link SparkZeroShot}: {@code setModel} is required, every {@code opt} has a
     * default.
     */
    public static final class Builder {
        private byte[] model;
        private List<String> candidates = List.of();
        private final List<AddedClass> added = new ArrayList<>();
        private ClassificationMode mode = ClassificationMode.GZSL;
        private Double beta;
        private int topK = 5;
        private FeatureColumns columns = FeatureColumns.DEFAULT;
        private int batchSize = 256;
        private boolean failOnBadRows;
        private int intraOpThreads = 1;

        private Builder() {}

        /** The exported model's bytes (copied). */
        public Builder setModel(byte[] model) {
            this.model = Objects.requireNonNull(model, "model").clone();
            return this;
        }

        /** Restricts the candidates to these classes (card classes or added ones); default: all. */
        public Builder optCandidates(Collection<String> names) {
            this.candidates = List.copyOf(names);
            return this;
        }

        /** Adds a class by name and embedding (it counts as unseen); may be called repeatedly. */
        public Builder optAddedClass(AddedClass added) {
            this.added.add(Objects.requireNonNull(added, "added"));
            return this;
        }

        /** {@link ClassificationMode#GZSL} (default) or {@link ClassificationMode#ZSL}. */
        public Builder optMode(ClassificationMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** β for calibrated stacking instead of the card's β* (checked in {@link #build}). */
        public Builder optBeta(double beta) {
            this.beta = beta;
            return this;
        }

        /** How many nearest candidates each prediction lists (default 5; checked in build). */
        public Builder optTopK(int k) {
            this.topK = k;
            return this;
        }

        /** The input's column names (default {@link FeatureColumns#DEFAULT}). */
        public Builder optColumns(FeatureColumns columns) {
            this.columns = Objects.requireNonNull(columns, "columns");
            return this;
        }

        /** Rows per model run (default 256; checked in build). */
        public Builder optBatchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        /**
         * ONNX Runtime's threads per model run (default 1: an executor already runs one task per
         * core, each calling the shared session; 0 lets ONNX Runtime choose). Checked in build.
         */
        public Builder optIntraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        /** Fail the job on the first bad row instead of reporting it (default false). */
        public Builder optFailOnBadRows(boolean fail) {
            this.failOnBadRows = fail;
            return this;
        }

        private ClassifierOptions options() {
            return new ClassifierOptions(candidates, added, mode, beta, topK, intraOpThreads);
        }

        /**
         * Checks the options by opening the model on the driver (through the same per-JVM holder
         * the executors use), then broadcasts its bytes.
         *
         * @param spark the session to run on
         * @return the classifier
         * @throws IllegalStateException if no model was set
         * @throws IllegalArgumentException if β is not finite, topK or the batch size is below 1,
         *     the thread count is below 0, a candidate is unknown, an added class is malformed or
         *     taken, or no candidate is left
         * @throws org.avca4j.sdk.ModelFormatException if the bytes are not an exported model
         * @throws IOException if ONNX Runtime cannot read the model
         */
        public SparkZeroShot build(SparkSession spark) throws IOException {
            Objects.requireNonNull(spark, "spark");
            if (model == null) {
                throw new IllegalStateException("no model: call setModel first");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            ExecutorClassifiers.Key key = new ExecutorClassifiers.Key(digest(model), options());
            ZeroShotClassifier driverCopy;
            try {
                driverCopy = ExecutorClassifiers.get(key, () -> model);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            return new SparkZeroShot(spark, this, key, driverCopy);
        }
    }
}
