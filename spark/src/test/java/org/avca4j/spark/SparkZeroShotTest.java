package org.avca4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.avca4j.sdk.ClassificationMode;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.spark.example.SyntheticClips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkZeroShotTest {

    @TempDir static Path dir;
    static SparkSession spark;
    static byte[] model;

    @BeforeAll
    static void setUp() throws IOException {
        spark = LocalSpark.session();
        model = TestModel.small(dir);
    }

    private static final int A = TestModel.SMALL.audioDim();
    private static final int V = TestModel.SMALL.videoDim();

    /** {@code n} random clips in {@code partitions} partitions, and the same clips as arrays. */
    private static Dataset<Row> clips(int n, int partitions, Map<String, float[][]> out) {
        for (long i = 0; i < n; i++) {
            Row r = SyntheticClips.row(i, A, V, 5);
            out.put(r.getString(0), new float[][] {(float[]) r.get(1), (float[]) r.get(2)});
        }
        return SyntheticClips.generate(spark, n, partitions, A, V, 5);
    }

    @Test
    void gzslPredictionsWithAddedClassCandidatesAndBetaEqualDirectSdkCalls() throws IOException {
        AddedClass harp =
                new AddedClass("PlayingHarp", TestModel.unitRows(1, 30, new Random(9))[0]);
        List<String> candidates = List.of("Archery", "Basketball", "Diving", "PlayingHarp");
        SparkZeroShot zs =
                SparkZeroShot.builder()
                        .setModel(model)
                        .optAddedClass(harp)
                        .optCandidates(candidates)
                        .optBeta(0.3)
                        .optTopK(3)
                        .optBatchSize(32)
                        .build(spark);
        Map<String, float[][]> expected = new LinkedHashMap<>();
        ClassifiedClips out = zs.classify(clips(300, 5, expected));
        List<Row> rows = out.predictions().collectAsList();
        assertEquals(0, out.errors().count());
        try (ZeroShotClassifier direct =
                DirectSdk.open(model, ClassificationMode.GZSL, 0.3, 3, List.of(harp), candidates)) {
            DirectSdk.assertSameAsDirect(rows, direct, expected);
        }
        // Independently of the SDK: β is added to seen classes only, and only candidates appear.
        for (Row r : rows) {
            for (Row k : r.<Row>getList(5)) {
                double shift = k.getString(1).equals("SEEN") ? 0.3 : 0.0;
                assertEquals(k.getDouble(2) + shift, k.getDouble(3), 1e-12);
                assertTrue(candidates.contains(k.getString(0)), k.getString(0));
            }
        }
        assertTrue(
                rows.stream()
                        .anyMatch(
                                r ->
                                        r.<Row>getList(5).stream()
                                                .anyMatch(
                                                        k -> k.getString(0).equals("PlayingHarp"))),
                "the added class is ranked");
    }

    @Test
    void zslPredictionsAreUnseenClassesOnlyAndEqualDirectSdkCalls() throws IOException {
        SparkZeroShot zs =
                SparkZeroShot.builder()
                        .setModel(model)
                        .optMode(ClassificationMode.ZSL)
                        .build(spark);
        Map<String, float[][]> expected = new LinkedHashMap<>();
        List<Row> rows = zs.classify(clips(120, 3, expected)).predictions().collectAsList();
        try (ZeroShotClassifier direct =
                DirectSdk.open(model, ClassificationMode.ZSL, null, 5, List.of(), List.of())) {
            DirectSdk.assertSameAsDirect(rows, direct, expected);
        }
        for (Row r : rows) {
            assertEquals("UNSEEN", r.getString(2));
            assertEquals(3, r.getList(5).size(), "three unseen classes of seven");
        }
    }

    /** Parquet with one good row and one row per kind of fault. */
    private static String badParquet() {
        StructType schema =
                new StructType()
                        .add("clip_id", DataTypes.StringType, true)
                        .add("audio", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
                        .add("video", DataTypes.createArrayType(DataTypes.DoubleType, true), true);
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create("good_0", doubles(A, 0.5), doubles(V, -0.25)));
        rows.add(RowFactory.create("narrow", doubles(3, 0.5), doubles(V, 0.1)));
        List<Double> nan = doubles(V, 0.1);
        nan.set(7, Double.NaN);
        rows.add(RowFactory.create("nan", doubles(A, 0.5), nan));
        rows.add(RowFactory.create("no_audio", null, doubles(V, 0.1)));
        List<Double> hole = doubles(A, 0.5);
        hole.set(2, null);
        rows.add(RowFactory.create("hole", hole, doubles(V, 0.1)));
        List<Double> huge = doubles(A, 0.5);
        huge.set(4, 1e300);
        rows.add(RowFactory.create("huge", huge, doubles(V, 0.1)));
        rows.add(RowFactory.create(null, doubles(A, 0.5), doubles(V, 0.1)));
        rows.add(RowFactory.create("good_1", doubles(A, -1), doubles(V, 2)));
        String path = dir.resolve("bad.parquet").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
        return path;
    }

    private static List<Double> doubles(int n, double v) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(v + 0.01 * i);
        }
        return out;
    }

    @Test
    void badRowsLandInTheErrorOutputWithTheirReasonsAndTheRestIsClassified() throws IOException {
        SparkZeroShot zs = SparkZeroShot.builder().setModel(model).build(spark);
        String path = badParquetOnce();
        ClassifiedClips out = zs.classify(spark.read().parquet(path));
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Row r : out.errors().collectAsList()) {
            reasons.put(r.getString(0), r.getString(2));
            assertTrue(r.getString(1).contains("bad.parquet"), r.getString(1));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(
                "narrow", "column 'audio' holds 3 numbers, expected 24 (the model's audio_dim)");
        expected.put("nan", "column 'video' holds NaN at index 7: features must be finite");
        expected.put("no_audio", "column 'audio' is null");
        expected.put("hole", "column 'audio' holds a null at index 2");
        expected.put("huge", "column 'audio' holds Infinity at index 4: features must be finite");
        expected.put(null, "clip id (column 'clip_id') is null");
        assertEquals(expected, reasons);
        List<String> predicted =
                out.predictions()
                        .select("clip_id")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList();
        assertEquals(List.of("good_0", "good_1"), predicted.stream().sorted().toList());
    }

    @Test
    void failOnBadRowsFailsTheJobNamingTheRow() throws IOException {
        SparkZeroShot zs =
                SparkZeroShot.builder().setModel(model).optFailOnBadRows(true).build(spark);
        Dataset<Row> predictions =
                zs.classify(spark.read().parquet(badParquetOnce())).predictions();
        SparkException e = assertThrows(SparkException.class, predictions::collectAsList);
        assertTrue(
                e.getMessage().contains("bad input row 'narrow'")
                        && e.getMessage().contains("holds 3 numbers, expected 24"),
                e.getMessage());
    }

    private static String badParquetPath;

    private static synchronized String badParquetOnce() {
        if (badParquetPath == null) {
            badParquetPath = badParquet();
        }
        return badParquetPath;
    }

    @Test
    void theModelIsOpenedOncePerJvmNotPerTaskOrRow() throws IOException {
        // Options no other test uses: a classifier of its own in this JVM's holder.
        SparkZeroShot.Builder b = SparkZeroShot.builder().setModel(model).optTopK(2).optBeta(0.123);
        long opens = ExecutorClassifiers.opens();
        long lookups = ExecutorClassifiers.lookups();
        SparkZeroShot zs = b.build(spark);
        assertEquals(opens + 1, ExecutorClassifiers.opens(), "the driver's check opens it");
        int partitions = 8;
        long n =
                zs.classify(SyntheticClips.generate(spark, 800, partitions, A, V, 1))
                        .predictions()
                        .count();
        assertEquals(800, n);
        assertEquals(opens + 1, ExecutorClassifiers.opens(), "8 tasks on 2 threads: no new open");
        assertEquals(lookups + 1 + partitions, ExecutorClassifiers.lookups(), "one per task");
        // A second job on the same model and options reuses it too.
        zs.classify(SyntheticClips.generate(spark, 100, 2, A, V, 2)).predictions().count();
        assertEquals(opens + 1, ExecutorClassifiers.opens());
    }

    @Test
    void badOptionsAndInputsFailOnTheDriverNamingWhatIsWrong() throws IOException {
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SparkZeroShot.builder()
                                        .setModel(model)
                                        .optCandidates(List.of("Archery", "Curling"))
                                        .build(spark));
        assertTrue(unknown.getMessage().contains("'Curling'"), unknown.getMessage());
        IllegalArgumentException wide =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SparkZeroShot.builder()
                                        .setModel(model)
                                        .optAddedClass(new AddedClass("X", new float[] {1, 2}))
                                        .build(spark));
        assertTrue(wide.getMessage().contains("expected 30"), wide.getMessage());
        SparkZeroShot zs = SparkZeroShot.builder().setModel(model).build(spark);
        Dataset<Row> clips = SyntheticClips.generate(spark, 4, 1, A, V, 1);
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> zs.classify(clips.withColumnRenamed("video", "visual")));
        assertEquals(
                "no column 'video' in the input; it has [clip_id, audio, visual]",
                missing.getMessage());
        IllegalArgumentException notArray =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> zs.classify(clips.withColumn("audio", clips.col("clip_id"))));
        assertEquals(
                "column 'audio': expected an array of floats, got string", notArray.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> SparkZeroShot.builder().setModel(model).optBatchSize(0).build(spark));
        assertEquals(
                Arrays.asList(24, 40), Arrays.asList(zs.audioDim(), zs.videoDim()), "card widths");
    }
}
