package org.avca4j.spark.example;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.spark.ClassifiedClips;
import org.avca4j.spark.ClassifyJob;
import org.avca4j.spark.SparkZeroShot;

/**
 * Writes a Parquet table of synthetic clips for a model, runs the Spark job on it, and, with {@code
 * --compare R}, times R alternating rounds of the job against single-JVM {@code classifyBatch} on
 * the same clips.
 *
 * <pre>
 * SparkCatalogue MODEL ROWS WORKDIR [--master local[2]] [--partitions P] [--compare R]
 * </pre>
 *
 * <p>The master is spark-submit's, else {@code --master}, else {@code local[2]}; partitions default
 * to twice the default parallelism.
 *
 * <p>Exit status 0, 2 on a usage error, 1 on any other error (a message, no stack trace).
 */
public final class SparkCatalogue {

    private static final int BATCH = 256;

    private SparkCatalogue() {}

    /**
     * Runs the example; exits with its status.
     *
     * @param args {@code MODEL ROWS WORKDIR [--master M] [--partitions P] [--compare R]}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * {@link #main} without exiting (a session already running in this JVM is used and left
     * running).
     *
     * @return 0 done, 1 an error (printed to {@code err}), 2 a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 3 || args.length % 2 == 0) {
            err.println(
                    "usage: SparkCatalogue MODEL ROWS WORKDIR [--master local[2]] [--partitions P]"
                            + " [--compare ROUNDS]");
            return 2;
        }
        String master = null;
        int partitions = 0;
        int rounds = 0;
        try {
            for (int i = 3; i < args.length; i += 2) {
                switch (args[i]) {
                    case "--master" -> master = args[i + 1];
                    case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
                    case "--compare" -> rounds = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return example(
                    Path.of(args[0]),
                    Long.parseLong(args[1]),
                    Path.of(args[2]),
                    master,
                    partitions,
                    rounds,
                    out);
        } catch (NumberFormatException e) {
            err.println("error: not a number: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int example(
            Path model,
            long rows,
            Path work,
            String master,
            int partitions,
            int rounds,
            PrintStream out)
            throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder sb = SparkSession.builder().appName("avca4j-spark-catalogue");
        if (master != null) {
            sb.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            sb.master("local[2]");
        }
        SparkSession spark = sb.getOrCreate();
        try {
            SparkZeroShot zs = SparkZeroShot.builder().setModel(bytes).build(spark);
            int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism() * 2;
            String clips = work.resolve("clips.parquet").toString();
            long start = System.nanoTime();
            SyntheticClips.generate(spark, rows, parts, zs.audioDim(), zs.videoDim(), 1)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(clips);
            out.printf(
                    Locale.ROOT,
                    "Wrote %d synthetic clips (audio %d, video %d) to %s in %.1f s%n",
                    rows,
                    zs.audioDim(),
                    zs.videoDim(),
                    clips,
                    seconds(start));
            int rc =
                    ClassifyJob.run(
                            new String[] {
                                "--model", model.toString(),
                                "--input", clips,
                                "--output", work.resolve("predictions").toString(),
                                "--errors", work.resolve("errors").toString(),
                                "--overwrite"
                            },
                            out,
                            System.err);
            if (rc != 0) {
                return rc;
            }
            for (Row r :
                    spark.read().parquet(work.resolve("predictions").toString()).takeAsList(3)) {
                out.printf(
                        Locale.ROOT,
                        "  %s -> %s %s distance %.4f%n",
                        r.getString(0),
                        r.getString(1),
                        r.getString(2),
                        r.getDouble(3));
            }
            if (rounds > 0) {
                compare(spark, zs, bytes, clips, rows, work, rounds, out);
            }
            return 0;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** Alternates the Spark job and direct classifyBatch; prints each round and the medians. */
    private static void compare(
            SparkSession spark,
            SparkZeroShot zs,
            byte[] model,
            String clips,
            long rows,
            Path work,
            int rounds,
            PrintStream out)
            throws IOException {
        List<Double> job = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(model).build()) {
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                ClassifiedClips result = zs.classify(spark.read().parquet(clips));
                result.predictions()
                        .write()
                        .mode(SaveMode.Overwrite)
                        .parquet(work.resolve("round-predictions").toString());
                long bad = result.errors().count();
                job.add(rows / seconds(start));
                direct.add(directRowsPerSecond(c, rows, zs.audioDim(), zs.videoDim()));
                out.printf(
                        Locale.ROOT,
                        "round %d: Spark job %.0f rows/s (Parquet in and out, %d bad), direct"
                                + " classifyBatch %.0f rows/s%n",
                        round,
                        job.get(job.size() - 1),
                        bad,
                        direct.get(direct.size() - 1));
            }
        }
        out.printf(
                Locale.ROOT,
                "median of %d rounds: Spark job %.0f rows/s, direct classifyBatch %.0f rows/s%n",
                rounds,
                median(job),
                median(direct));
    }

    /**
     * classifyBatch over the same clips (regenerated from their seed, untimed), {@value #BATCH} per
     * call, one thread, ONNX Runtime choosing its threads: model time only, no I/O.
     */
    private static double directRowsPerSecond(
            ZeroShotClassifier c, long rows, int audioDim, int videoDim) {
        long nanos = 0;
        float[][] audio = new float[BATCH][];
        float[][] video = new float[BATCH][];
        for (long first = 0; first < rows; first += BATCH) {
            int n = (int) Math.min(BATCH, rows - first);
            for (int i = 0; i < n; i++) {
                Row r = SyntheticClips.row(first + i, audioDim, videoDim, 1);
                audio[i] = (float[]) r.get(1);
                video[i] = (float[]) r.get(2);
            }
            float[][] a = n == BATCH ? audio : Arrays.copyOf(audio, n);
            float[][] v = n == BATCH ? video : Arrays.copyOf(video, n);
            long start = System.nanoTime();
            c.classifyBatch(a, v);
            nanos += System.nanoTime() - start;
        }
        return rows / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
