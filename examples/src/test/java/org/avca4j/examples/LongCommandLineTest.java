package org.avca4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application server's JVM often has a long command line. ONNX Runtime 1.29.0 crashed (SIGSEGV,
 * exit 139, no message) every JVM whose command line was 3,980 bytes or longer as soon as it loaded
 * its native library; this runs the SDK (QuickStart: load, add nothing, classify one clip) in a
 * fresh JVM whose command line is over 8 KB, and checks its prediction against this JVM's.
 */
class LongCommandLineTest {

    private static final Pattern PREDICTION =
            Pattern.compile("Prediction: (\\S+) (\\S+) distance (\\S+) calibrated (\\S+)");

    @TempDir Path dir;

    @Test
    void sdkClassifiesInAJvmWhoseCommandLineIsOver8Kb() throws IOException, InterruptedException {
        ExampleModel.Exported m = ExampleModel.export(dir);
        Random r = new Random(5);
        float[] audio = ExampleModel.gaussianRows(1, ExampleModel.CONFIG.audioDim(), r)[0];
        float[] video = ExampleModel.gaussianRows(1, ExampleModel.CONFIG.videoDim(), r)[0];
        Prediction expected;
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(m.file()).build()) {
            expected = c.classify(audio, video);
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Any long option crashed 1.29.0 the same way: the class path is not the cause.
        command.add("-Davca4j.padding=" + "x".repeat(9000));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QuickStart.class.getName());
        command.add(m.file().toString());
        command.add(csv(audio));
        command.add(csv(video));
        int length = String.join(" ", command).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(length > 8192, "command line of " + length + " bytes");

        Path log = dir.resolve("quickstart.log");
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log);
        assertTrue(ended, () -> "QuickStart did not end within 120 s:\n" + out);
        assertEquals(0, p.exitValue(), () -> "exit " + p.exitValue() + " (139: SIGSEGV):\n" + out);
        Matcher pm = PREDICTION.matcher(out);
        assertTrue(pm.find(), out);
        assertEquals(expected.label(), pm.group(1), out);
        assertEquals(expected.role().name(), pm.group(2), out);
        assertEquals(expected.distance(), Double.parseDouble(pm.group(3)), 1e-5, out);
    }

    /** Full precision: {@link Float#toString} round-trips. */
    private static String csv(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (float x : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(x);
        }
        return sb.toString();
    }
}
