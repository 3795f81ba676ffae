package org.avca4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.RankedClass;
import org.avca4j.sdk.ZeroShotClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

    private static final Pattern PREDICTION =
            Pattern.compile("Prediction: (\\S+) (\\S+) distance (\\S+) calibrated (\\S+)");
    private static final Pattern RANKED =
            Pattern.compile(" {2}\\d+\\. (\\S+) (\\S+) distance (\\S+) calibrated (\\S+)");

    @TempDir Path dir;

    /**
     * A class added with (twice) the text embedding of the seen class the clip is predicted as has
     * the same distance but no β, so it must win: the expectation does not rely on the example.
     */
    @Test
    void mainPrintsTheCardAndPredictsTheAddedClass() throws IOException {
        ExampleModel.Exported m = ExampleModel.export(dir);
        float[] audio = null;
        float[] video = null;
        Prediction before = null;
        Random r = new Random(11);
        try (ZeroShotClassifier c = ZeroShotClassifier.builder().setModel(m.file()).build()) {
            for (int i = 0; i < 50 && before == null; i++) {
                float[] a = ExampleModel.gaussianRows(1, ExampleModel.CONFIG.audioDim(), r)[0];
                float[] v = ExampleModel.gaussianRows(1, ExampleModel.CONFIG.videoDim(), r)[0];
                Prediction p = c.classify(a, v);
                if (p.role() == ClassRole.SEEN) {
                    audio = a;
                    video = v;
                    before = p;
                }
            }
        }
        assertNotNull(before, "no clip among 50 predicted as a seen class");
        String seenLabel = before.label();
        float[] doubled =
                m.card().classes().stream()
                        .filter(c -> c.name().equals(seenLabel))
                        .findFirst()
                        .orElseThrow()
                        .embedding();
        for (int j = 0; j < doubled.length; j++) {
            doubled[j] *= 2;
        }

        Path audioFile = dir.resolve("audio.txt");
        Files.writeString(
                audioFile,
                "# clip audio features\n"
                        + join(audio, " ", 6)
                        + "\n"
                        + join(java.util.Arrays.copyOfRange(audio, 6, audio.length), ", ", 1000)
                        + "\n");
        Path embFile = dir.resolve("harp.txt");
        Files.writeString(embFile, join(doubled, "\n", doubled.length));
        String out =
                runMain(
                        m.file().toString(),
                        "@" + audioFile,
                        join(video, ",", video.length),
                        "--add",
                        "PlayingHarp",
                        "@" + embFile,
                        "--top-k",
                        "3");

        for (ModelCard.CardClass c : m.card().classes()) {
            assertTrue(
                    out.contains("\n  " + c.name() + " " + c.role() + "\n")
                            || out.contains("\n  " + c.name() + " " + c.role() + "\r\n"),
                    () -> c.name() + " missing in\n" + out);
        }
        assertTrue(out.contains("Added: PlayingHarp ADDED"), out);
        Matcher pm = PREDICTION.matcher(out);
        assertTrue(pm.find(), out);
        assertEquals("PlayingHarp", pm.group(1));
        assertEquals("ADDED", pm.group(2));
        assertEquals(before.distance(), Double.parseDouble(pm.group(3)), 1e-5);
        assertEquals(before.distance(), Double.parseDouble(pm.group(4)), 1e-5);

        // The whole top-k equals a direct SDK call.
        Prediction direct;
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(m.file()).optTopK(3).build()) {
            c.addClass("PlayingHarp", doubled);
            direct = c.classify(audio, video);
        }
        List<String> printed = new ArrayList<>();
        Matcher rm = RANKED.matcher(out);
        int k = 0;
        while (rm.find()) {
            RankedClass expected = direct.topK().get(k++);
            assertEquals(expected.label(), rm.group(1));
            assertEquals(expected.role().name(), rm.group(2));
            assertEquals(expected.distance(), Double.parseDouble(rm.group(3)), 1e-5);
            assertEquals(expected.calibratedDistance(), Double.parseDouble(rm.group(4)), 1e-5);
            printed.add(rm.group(1));
        }
        assertEquals(3, printed.size(), out);
        assertEquals(direct.label(), printed.get(0));
    }

    @Test
    void usageErrorsReturnTwoWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                QuickStart.run(
                        new String[] {"model.onnx", "1,2"},
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("got 2 positional argument(s)"), text);
        assertTrue(text.contains("Usage: QuickStart"), text);
    }

    @Test
    void badVectorFileIsNamedWithLineAndValue() throws IOException {
        ExampleModel.Exported m = ExampleModel.export(dir);
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# header\n0.5, 1.5\n2.5 abc\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                QuickStart.run(
                        new String[] {m.file().toString(), "@" + bad, "1,2"},
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals(
                "error: audio (file " + bad + "), line 3, value 4: 'abc' is not a number",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void wrongWidthIsReportedBySdk() throws IOException {
        ExampleModel.Exported m = ExampleModel.export(dir);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                QuickStart.run(
                        new String[] {m.file().toString(), "1,2,3", "4,5"},
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("wrong audio feature width for clip 0: expected 24, got 3"), text);
    }

    /**
     * {@link QuickStart#run} (what {@code main} does, without exiting the test JVM): its output,
     * status 0 asserted.
     */
    private static String runMain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                QuickStart.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The first {@code limit} values, in full precision. */
    private static String join(float[] v, String sep, int limit) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(limit, v.length); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(v[i]);
        }
        return sb.toString();
    }
}
