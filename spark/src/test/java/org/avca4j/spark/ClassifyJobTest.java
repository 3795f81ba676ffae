package org.avca4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.avca4j.sdk.ClassificationMode;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.spark.example.SyntheticClips;
import org.avca4j.trainer.data.BenchmarkReader;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyJobTest {

    @TempDir static Path dir;
    static SparkSession spark;
    static byte[] model;
    static Path modelFile;

    private static final int A = TestModel.SMALL.audioDim();
    private static final int V = TestModel.SMALL.videoDim();

    @BeforeAll
    static void setUp() throws IOException {
        spark = LocalSpark.session();
        model = TestModel.small(dir);
        modelFile = dir.resolve("small.onnx");
    }

    /** Runs the job; returns {exit status, stdout, stderr}. */
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc =
                ClassifyJob.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            Integer.toString(rc),
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)
        };
    }

    /** Runs the job on {@link #renamedParquet} input, its columns named, with more options. */
    private static String[] renamedJob(String input, String out, String errors, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--model=" + modelFile,
                                "--input=" + input,
                                "--output=" + out,
                                "--errors=" + errors,
                                "--id-column=id",
                                "--audio-column=a",
                                "--video-column=v"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /**
     * 40 clips with a numeric id column {@code id} and features {@code a}, {@code v} (doubles),
     * plus one row of the wrong video width; the good clips go into {@code expected}.
     */
    private static String renamedParquet(String name, Map<String, float[][]> expected) {
        StructType schema =
                new StructType()
                        .add("id", DataTypes.LongType, false)
                        .add("a", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                        .add("v", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                        .add("note", DataTypes.StringType, true);
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 40; i++) {
            Row r = SyntheticClips.row(i, A, V, 11);
            float[] a = (float[]) r.get(1);
            float[] v = (float[]) r.get(2);
            expected.put(Long.toString(1000 + i), new float[][] {a, v});
            rows.add(RowFactory.create(1000 + i, doubles(a), doubles(v), "ignored"));
        }
        rows.add(RowFactory.create(7L, doubles(new float[A]), doubles(new float[V + 1]), null));
        String path = dir.resolve(name).toString();
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(path);
        return path;
    }

    private static List<Double> doubles(float[] f) {
        List<Double> out = new ArrayList<>(f.length);
        for (float x : f) {
            out.add((double) x);
        }
        return out;
    }

    @Test
    void parquetJobWithRenamedColumnsAndOptionsEqualsDirectSdkCalls() throws IOException {
        Map<String, float[][]> expected = new LinkedHashMap<>();
        String input = renamedParquet("renamed.parquet", expected);
        float[] harp = TestModel.unitRows(1, 30, new Random(4))[0];
        Path harpFile = dir.resolve("harp.txt");
        StringBuilder text = new StringBuilder("# PlayingHarp, word2vec-like\n");
        for (float x : harp) {
            text.append(x).append(",\n");
        }
        Files.writeString(harpFile, text);
        String out = dir.resolve("out").toString();
        String errors = dir.resolve("errors").toString();
        String[] r =
                renamedJob(
                        input,
                        out,
                        errors,
                        "--add-class=PlayingHarp=" + harpFile,
                        "--candidates=Archery,Bowling,Rowing,PlayingHarp",
                        "--mode=gzsl",
                        "--beta=0.2",
                        "--top-k=2",
                        "--batch-size=7");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("Classified 40 clips into " + out + " (1 bad rows into "), r[1]);
        List<Row> predictions = spark.read().parquet(out).collectAsList();
        try (ZeroShotClassifier direct =
                DirectSdk.open(
                        model,
                        ClassificationMode.GZSL,
                        0.2,
                        2,
                        List.of(new AddedClass("PlayingHarp", harp)),
                        List.of("Archery", "Bowling", "Rowing", "PlayingHarp"))) {
            DirectSdk.assertSameAsDirect(predictions, direct, expected);
        }
        List<Row> bad = spark.read().parquet(errors).collectAsList();
        assertEquals(1, bad.size());
        assertEquals("7", bad.get(0).getString(0));
        assertEquals(
                "column 'v' holds 41 numbers, expected 40 (the model's video_dim)",
                bad.get(0).getString(2));
        String[] again = renamedJob(input, out, errors);
        assertEquals("1", again[0], "existing outputs are not replaced without --overwrite");
        assertTrue(again[2].contains("already exists"), again[2]);
    }

    @Test
    void benchmarkFolderInputClassifiesTheChosenClipSetByUrl() throws IOException {
        Path root = dir.resolve("data");
        SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optWidths(A, V)
                .optClasses(5)
                .optClipsPerClass(3)
                .build()
                .write(root);
        String out = dir.resolve("bench-out").toString();
        String[] r =
                run(
                        "--model",
                        modelFile.toString(),
                        "--benchmark",
                        root.toString(),
                        "--dataset",
                        "UCF",
                        "--clip-set",
                        "test",
                        "--output",
                        out,
                        "--errors",
                        dir.resolve("bench-errors").toString());
        assertEquals("0", r[0], r[2]);
        ClipSet test =
                BenchmarkReader.builder()
                        .setRoot(root)
                        .setDataset(DatasetName.UCF)
                        .build()
                        .read()
                        .test();
        Map<String, float[][]> expected = new LinkedHashMap<>();
        for (int i = 0; i < test.size(); i++) {
            expected.put(
                    test.urls()[i],
                    new float[][] {
                        Arrays.copyOfRange(test.audio(), i * A, (i + 1) * A),
                        Arrays.copyOfRange(test.video(), i * V, (i + 1) * V)
                    });
        }
        try (ZeroShotClassifier direct =
                DirectSdk.open(model, ClassificationMode.GZSL, null, 5, List.of(), List.of())) {
            DirectSdk.assertSameAsDirect(
                    spark.read().parquet(out).collectAsList(), direct, expected);
        }
    }

    @Test
    void failOnBadRowsExitsWithTheRowsReasonAndWritesNoPredictions() {
        String input = renamedParquet("renamed-fail.parquet", new LinkedHashMap<>());
        Path out = dir.resolve("fail-out");
        String[] r =
                renamedJob(
                        input,
                        out.toString(),
                        dir.resolve("fail-errors").toString(),
                        "--fail-on-bad-rows");
        assertEquals("1", r[0]);
        assertTrue(
                r[2].startsWith("error: bad input row '7' in file:")
                        && r[2].contains("column 'v' holds 41 numbers, expected 40"),
                r[2]);
        assertTrue(!r[2].contains("\tat "), "no stack trace: " + r[2]);
        assertTrue(!Files.exists(out), "no predictions written");
    }

    @Test
    void usageAndMissingFilesGiveClearMessages() {
        String[] usage = run("--input", "x.parquet", "--output", "o", "--errors", "e");
        assertEquals("2", usage[0]);
        assertTrue(usage[2].contains("Missing required option: '--model=PATH'"), usage[2]);
        Path missing = dir.resolve("nope.onnx");
        String[] noModel =
                run(
                        "--model", missing.toString(),
                        "--input", "x.parquet",
                        "--output", dir.resolve("o").toString(),
                        "--errors", dir.resolve("e").toString());
        assertEquals("1", noModel[0]);
        assertEquals("error: " + missing + ": file not found", noModel[2].strip());
        String[] badClass =
                run(
                        "--model", modelFile.toString(),
                        "--input", "x.parquet",
                        "--output", dir.resolve("o").toString(),
                        "--errors", dir.resolve("e").toString(),
                        "--add-class", "Harp");
        assertEquals("1", badClass[0]);
        assertEquals("error: --add-class expects NAME=PATH, got 'Harp'", badClass[2].strip());
    }

    @Test
    void aJobOfManySyntheticRowsClassifiesEveryRow() throws IOException {
        // As many rows as a few seconds of the suite allow; 1M rows is a by-hand run (docs).
        long rows = 50_000;
        SparkZeroShot zs = SparkZeroShot.builder().setModel(model).optBatchSize(512).build(spark);
        ClassifiedClips out = zs.classify(SyntheticClips.generate(spark, rows, 4, A, V, 21));
        String path = dir.resolve("many").toString();
        out.predictions().write().parquet(path);
        assertEquals(rows, spark.read().parquet(path).count());
        assertEquals(0, out.errors().count());
        assertEquals(
                rows,
                spark.read().parquet(path).select("clip_id").distinct().count(),
                "every clip once");
    }
}
