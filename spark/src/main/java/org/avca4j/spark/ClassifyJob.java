package org.avca4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.avca4j.sdk.ClassificationMode;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.data.BenchmarkReader;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} main class: classifies clips from Parquet or a benchmark folder and
 * writes predictions and bad rows as two Parquet outputs.
 *
 * <pre>
 * spark-submit --class org.avca4j.spark.ClassifyJob avca4j-spark-job.jar \
 *     --model hdfs:///models/ucf.onnx --input hdfs:///catalogue/clips \
 *     --output hdfs:///catalogue/predictions --errors hdfs:///catalogue/bad-rows
 * </pre>
 *
 * <p>Exit status: 0 done, 1 an error (a message naming the file or option, no stack trace), 2 a
 * usage error. Paths are Hadoop paths, read by the driver (model, embeddings) or the executors
 * (Parquet input); outputs are committed by Spark's output committer, so a failed job leaves no
 * partial table behind its {@code _SUCCESS} marker.
 */
@Command(
        name = "avca4j-spark-classify",
        mixinStandardHelpOptions = true,
        description = "Classifies clips on Spark with an exported AVCA model.")
public final class ClassifyJob implements Callable<Integer> {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "PATH",
            description = "The exported model (.onnx).")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(
                names = "--input",
                paramLabel = "PATH",
                split = ",",
                description = "Parquet file(s) or folder(s) of clips.")
        List<String> parquet;

        @ArgGroup(exclusive = false)
        BenchmarkInput benchmark;
    }

    static final class BenchmarkInput {
        @Option(
                names = "--benchmark",
                required = true,
                paramLabel = "DIR",
                description = "A benchmark data root (holds <Dataset>/), read on the driver.")
        Path root;

        @Option(names = "--dataset", required = true, description = "UCF, ActivityNet or VGGSound.")
        DatasetName dataset;

        @Option(
                names = "--clip-set",
                defaultValue = "TEST",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
                converter = ClipSetConverter.class)
        ClipSources.BenchmarkSet clipSet;

        @Option(
                names = "--feature-set",
                defaultValue = "main_features",
                description = "main_features or cls_features (default ${DEFAULT-VALUE}).")
        FeatureSet featureSet;

        @Option(
                names = "--split",
                description = "main_split or cls_split (default: the feature set's own split).")
        SplitName split;
    }

    @Option(
            names = "--output",
            required = true,
            paramLabel = "PATH",
            description = "Where the predictions' Parquet goes.")
    String output;

    @Option(
            names = "--errors",
            required = true,
            paramLabel = "PATH",
            description = "Where the bad rows' Parquet goes (clip_id, source, reason).")
    String errors;

    @Option(names = "--id-column", defaultValue = "clip_id")
    String idColumn;

    @Option(names = "--audio-column", defaultValue = "audio")
    String audioColumn;

    @Option(names = "--video-column", defaultValue = "video")
    String videoColumn;

    @Option(
            names = "--candidates",
            split = ",",
            paramLabel = "CLASS",
            description = "Restrict the candidates to these classes (card or added).")
    List<String> candidates = new ArrayList<>();

    @Option(
            names = "--add-class",
            paramLabel = "NAME=PATH",
            description =
                    "Add a class by its text embedding: a text file of text_dim floats separated by"
                            + " commas or white space ('#' starts a comment line).")
    List<String> addClasses = new ArrayList<>();

    @Option(
            names = "--mode",
            defaultValue = "GZSL",
            description = "GZSL or ZSL (default ${DEFAULT-VALUE}).")
    ClassificationMode mode;

    @Option(names = "--beta", description = "β for calibrated stacking (default: the card's β*).")
    Double beta;

    @Option(names = "--top-k", defaultValue = "5")
    int topK;

    @Option(names = "--batch-size", defaultValue = "256", description = "Rows per model run.")
    int batchSize;

    @Option(
            names = "--intra-op-threads",
            defaultValue = "1",
            description = "ONNX Runtime threads per model run; 0 lets it choose (default 1).")
    int intraOpThreads;

    @Option(
            names = "--fail-on-bad-rows",
            description = "Fail (writing the bad rows, no predictions) if any row is bad.")
    boolean failOnBadRows;

    @Option(names = "--overwrite", description = "Replace existing outputs.")
    boolean overwrite;

    @Option(
            names = "--master",
            description = "Spark master when not run by spark-submit, e.g. local[2].")
    String master;

    private PrintStream out = System.out;

    /**
     * Runs the job on the command line; exits with its status.
     *
     * @param args the options (see {@code --help})
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the job without exiting (spark-submit's own session is reused when there is one).
     *
     * @return 0 done, 1 an error (printed to {@code err}), 2 a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ClassifyJob job = new ClassifyJob();
        job.out = out;
        CommandLine cli =
                new CommandLine(job)
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        // The domain types' own parsers, as the avca4j command line uses them.
                        .registerConverter(DatasetName.class, DatasetName::parse)
                        .registerConverter(FeatureSet.class, FeatureSet::parse)
                        .registerConverter(SplitName.class, SplitName::parse);
        cli.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler(
                (e, line, parsed) -> {
                    line.getErr().println("error: " + message(e));
                    return 1;
                });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        SparkSession.Builder sb = SparkSession.builder().appName("avca4j-classify");
        if (master != null) {
            sb.master(master);
        }
        SparkSession spark = sb.getOrCreate();
        long start = System.nanoTime();
        SparkZeroShot.Builder b =
                SparkZeroShot.builder()
                        .setModel(readAll(spark, model))
                        .optCandidates(candidates)
                        .optMode(mode)
                        .optTopK(topK)
                        .optBatchSize(batchSize)
                        .optIntraOpThreads(intraOpThreads)
                        .optFailOnBadRows(failOnBadRows)
                        .optColumns(new FeatureColumns(idColumn, audioColumn, videoColumn));
        if (beta != null) {
            b.optBeta(beta);
        }
        for (String spec : addClasses) {
            b.optAddedClass(addedClass(spark, spec));
        }
        SparkZeroShot zs = b.build(spark);
        ClassifiedClips result = zs.classify(readInput(spark));
        SaveMode saveMode = overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        result.errors().write().mode(saveMode).parquet(errors);
        long bad = spark.read().parquet(errors).count();
        if (failOnBadRows && bad > 0) {
            Row first = spark.read().parquet(errors).first();
            throw new BadRowException(first.getString(0), first.getString(1), first.getString(2));
        }
        result.predictions().write().mode(saveMode).parquet(output);
        long predicted = spark.read().parquet(output).count();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                Locale.ROOT,
                "Classified %d clips into %s (%d bad rows into %s) in %.1f s: %.0f rows/s%n",
                predicted,
                output,
                bad,
                errors,
                seconds,
                (predicted + bad) / seconds);
        return 0;
    }

    private Dataset<Row> readInput(SparkSession spark) throws IOException {
        if (input.parquet != null) {
            return ClipSources.parquet(spark, input.parquet.toArray(String[]::new));
        }
        BenchmarkInput bi = input.benchmark;
        BenchmarkReader reader =
                BenchmarkReader.builder()
                        .setRoot(bi.root)
                        .setDataset(bi.dataset)
                        .optFeatureSet(bi.featureSet)
                        .optSplit(bi.split == null ? bi.featureSet.defaultSplit() : bi.split)
                        .build();
        return ClipSources.benchmark(spark, reader, bi.clipSet);
    }

    private static AddedClass addedClass(SparkSession spark, String spec) throws IOException {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--add-class expects NAME=PATH, got '" + spec + "'");
        }
        String path = spec.substring(eq + 1);
        String text = new String(readAll(spark, path), StandardCharsets.UTF_8);
        return new AddedClass(spec.substring(0, eq), FloatText.parse(text, path));
    }

    /** Reads a whole (small) file through Hadoop, so that hdfs:, s3a: and file: paths all work. */
    private static byte[] readAll(SparkSession spark, String path) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p)) {
            throw new java.nio.file.NoSuchFileException(path, null, "file not found");
        }
        try (FSDataInputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** The message to print: a bad row's own, else the failure's, without a stack trace. */
    private static String message(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadRowException) {
                return t.getMessage();
            }
        }
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof java.nio.file.NoSuchFileException nf) {
            return nf.getFile() + ": " + (nf.getReason() == null ? "not found" : nf.getReason());
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Parses {@code --clip-set} case-insensitively, dashes or underscores alike. */
    static final class ClipSetConverter
            implements CommandLine.ITypeConverter<ClipSources.BenchmarkSet> {
        @Override
        public ClipSources.BenchmarkSet convert(String value) {
            return ClipSources.BenchmarkSet.valueOf(
                    value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        }
    }
}
