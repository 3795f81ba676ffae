package org.avca4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.avca4j.spark.example.SparkCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkCatalogueTest {

    @TempDir Path dir;

    @Test
    void theExampleWritesParquetRunsTheJobAndCompares() throws IOException {
        SparkSession spark = LocalSpark.session();
        TestModel.small(dir);
        String[] args = {
            dir.resolve("small.onnx").toString(),
            "600",
            dir.resolve("work").toString(),
            "--compare",
            "1"
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc =
                SparkCatalogue.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("Wrote 600 synthetic clips (audio 24, video 40)"), text);
        assertTrue(text.contains("Classified 600 clips into "), text);
        assertTrue(text.contains("round 1: Spark job "), text);
        assertTrue(text.contains("median of 1 rounds: "), text);
        assertEquals(600, spark.read().parquet(dir.resolve("work/predictions").toString()).count());
        assertTrue(!spark.sparkContext().isStopped(), "the test's session is left running");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, invoke("only-one-arg"));
        assertEquals(2, invoke("m.onnx", "many", "work"));
    }

    private static int invoke(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true);
        return SparkCatalogue.run(args, sink, sink);
    }
}
