package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every error the SDK promises, with a message that says what was expected and what came. */
class ZeroShotClassifierErrorsTest {

    private static final byte[] MODEL = TinyModels.model(TinyModels.abcCard());

    @TempDir Path dir;

    private static ZeroShotClassifier open() throws Exception {
        return ZeroShotClassifier.builder().setModel(MODEL).build();
    }

    private static float[] audio() {
        return new float[TinyModels.AUDIO_DIM];
    }

    private static float[] video() {
        return new float[TinyModels.VIDEO_DIM];
    }

    private static float[] text(float... v) {
        return v;
    }

    static <T extends Throwable> T assertMessage(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(
                    e.getMessage().contains(part),
                    "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
        return e;
    }

    @Test
    void wrongFeatureWidthSaysExpectedGotAndWhichInput() throws Exception {
        try (ZeroShotClassifier c = open()) {
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.classify(audio(), new float[2]),
                    "video",
                    "expected 3",
                    "got 2");
            assertMessage(
                    IllegalArgumentException.class,
                    () ->
                            c.classifyBatch(
                                    new float[][] {audio(), new float[4]},
                                    new float[][] {video(), video()}),
                    "audio",
                    "clip 1",
                    "expected 2",
                    "got 4");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.embed(null, video()),
                    "audio vector of clip 0 is null");
        }
    }

    @Test
    void nonFiniteInputSaysWhichClipAndInput() throws Exception {
        try (ZeroShotClassifier c = open()) {
            float[] bad = video();
            bad[2] = Float.NaN;
            assertMessage(
                    IllegalArgumentException.class,
                    () ->
                            c.classifyBatch(
                                    new float[][] {audio(), audio(), audio()},
                                    new float[][] {video(), video(), bad}),
                    "video",
                    "clip 2",
                    "NaN");
            float[] inf = audio();
            inf[0] = Float.POSITIVE_INFINITY;
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.embed(inf, video()),
                    "audio",
                    "clip 0",
                    "Infinity");
        }
    }

    @Test
    void featuresThatOverflowInsideTheModelAreAnErrorNotAPrediction() throws Exception {
        try (ZeroShotClassifier c = open()) {
            // θv[2] = v2 + a0 = 3e38 + 3e38 overflows float: θv itself is infinite.
            float[] a = {3e38f, 0};
            float[] v = {0, 0, 3e38f};
            assertMessage(
                    InferenceException.class,
                    () -> c.classify(a, v),
                    "theta_v",
                    "Infinity",
                    "row 0",
                    "index 2");
            assertMessage(
                    InferenceException.class,
                    () -> c.classifyBatch(new float[][] {audio(), a}, new float[][] {video(), v}),
                    "theta_v",
                    "row 1");
            assertMessage(InferenceException.class, () -> c.embed(a, v), "theta_v");
            // θv = (3e38, 3e38, 0) is finite, but its distance to every class, ≈ 4.24e38, is not a
            // float.
            float[] big = {3e38f, 3e38f, 0};
            assertMessage(
                    InferenceException.class,
                    () -> c.classify(audio(), big),
                    "distance of clip 0",
                    "class 'a'",
                    "Infinity");
            // The classifier still works afterwards.
            assertEquals("a", c.classify(audio(), new float[] {2, 0, 0}).label());
        }
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(MODEL).optScoring(Scoring.AUDIO).build()) {
            // θa = (a0, a1, 0) is finite; the video overflow does not matter for θa scoring.
            assertEquals("b", c.classify(new float[] {0, 2}, new float[] {0, 0, 3e38f}).label());
        }
    }

    @Test
    void aClassEmbeddingThatOverflowsInsideTheModelIsRejected() throws Exception {
        // θw = 2·t overflows for a card embedding of 3e38 (the SDK scales only added classes).
        String card =
                TinyModels.card(0.1, TinyModels.cardClass("huge", 0, "UNSEEN", 3e38f, 0, 0, 0));
        assertMessage(
                InferenceException.class,
                () -> ZeroShotClassifier.builder().setModel(TinyModels.model(card)).build(),
                "theta_w",
                "Infinity");
    }

    @Test
    void emptyOrMismatchedBatchIsRejected() throws Exception {
        try (ZeroShotClassifier c = open()) {
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.classifyBatch(new float[0][], new float[0][]),
                    "empty batch");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.embedBatch(null, new float[][] {video()}),
                    "empty batch");
            assertMessage(
                    IllegalArgumentException.class,
                    () ->
                            c.classifyBatch(
                                    new float[][] {audio()}, new float[][] {video(), video()}),
                    "1 audio",
                    "2 video");
        }
    }

    @Test
    void emptyCandidateSetIsRejected() throws Exception {
        try (ZeroShotClassifier c = open()) {
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.setCandidates(List.of()),
                    "empty candidate set");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.setCandidates(List.of("nope")),
                    "unknown class 'nope'");
            assertEquals(
                    List.of("a", "b", "c"), c.candidates(), "a rejected choice changes nothing");
        }
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder()
                        .setModel(MODEL)
                        .optMode(ClassificationMode.ZSL)
                        .build()) {
            c.removeClass("b");
            assertMessage(
                    IllegalStateException.class,
                    () -> c.classify(audio(), video()),
                    "empty candidate set",
                    "ZSL");
            assertMessage(
                    IllegalStateException.class,
                    () -> c.classifyBatch(new float[][] {audio()}, new float[][] {video()}),
                    "empty candidate set");
            assertMessage(IllegalStateException.class, c::candidateSet, "empty candidate set");
            c.addClass("new", text(0, 0, 1, 0));
            assertEquals("new", c.classify(audio(), video()).label());
        }
        assertMessage(
                IllegalArgumentException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(MODEL)
                                .optCandidates(List.of("zzz"))
                                .build(),
                "unknown class 'zzz'");
    }

    @Test
    void duplicateAndInvalidAddedClassesAreRejected() throws Exception {
        float[] emb = text(0, 0, 0, 1);
        try (ZeroShotClassifier c = open()) {
            assertMessage(
                    IllegalArgumentException.class, () -> c.addClass("a", emb), "duplicate", "'a'");
            c.addClass("extra", emb);
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("extra", emb),
                    "duplicate",
                    "extra");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("w", new float[5]),
                    "class 'w'",
                    "5 floats",
                    "expected 4");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("z", new float[4]),
                    "all zeros");
            assertMessage(IllegalArgumentException.class, () -> c.addClass("n", null), "is null");
            assertMessage(
                    IllegalArgumentException.class, () -> c.addClass("", emb), "null or empty");
            float[] nan = {0, Float.NaN, 0, 1};
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("n", nan),
                    "NaN",
                    "index 1",
                    "finite");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.removeClass("nope"),
                    "unknown class 'nope'");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.classEmbedding("nope"),
                    "unknown class 'nope'");
            assertMessage(
                    IllegalArgumentException.class, () -> c.role("nope"), "unknown class 'nope'");
            assertEquals(List.of("a", "b", "c", "extra"), c.classNames());
        }
    }

    @Test
    void builderOptionsAreChecked() {
        ZeroShotClassifier.Builder b = ZeroShotClassifier.builder();
        assertMessage(IllegalStateException.class, b::build, "no model", "setModel");
        assertMessage(IllegalArgumentException.class, () -> b.optTopK(0), "topK", "got 0");
        assertMessage(IllegalArgumentException.class, () -> b.optBeta(Double.NaN), "beta", "NaN");
        assertMessage(
                IllegalArgumentException.class,
                () -> b.optIntraOpThreads(-1),
                "intra-op threads",
                "got -1");
        assertMessage(
                IllegalArgumentException.class,
                () -> b.optInterOpThreads(-2),
                "inter-op threads",
                "got -2");
        assertThrows(NullPointerException.class, () -> b.setModel((Path) null));
        assertThrows(NullPointerException.class, () -> b.optDevice(null));
    }

    @Test
    void missingCorruptAndForeignModelsAreRejected() throws Exception {
        Path missing = dir.resolve("missing.onnx");
        assertMessage(
                NoSuchFileException.class,
                () -> ZeroShotClassifier.builder().setModel(missing).build(),
                "missing.onnx");

        Path corrupt = dir.resolve("corrupt.onnx");
        Files.write(corrupt, Arrays.copyOf(MODEL, MODEL.length / 3));
        assertMessage(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(corrupt).build(),
                "corrupt.onnx",
                "not a model ONNX Runtime can load");

        assertMessage(
                ModelFormatException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(new TinyModels.Graph().card(null).build())
                                .build(),
                "avca.model_card",
                "not an AVCA model");
        assertMessage(
                ModelFormatException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(TinyModels.model("{\"format_version\": 99}"))
                                .build(),
                "model bytes",
                "format_version");
        assertMessage(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(TinyModels.model("{not json")).build(),
                "not valid JSON");
    }

    @Test
    void aGraphWithoutTheAvcaSignatureIsRejectedWithBothSides() throws Exception {
        String card = TinyModels.abcCard();
        assertMessage(
                ModelFormatException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(
                                        new TinyModels.Graph()
                                                .card(card)
                                                .audioInput("sound")
                                                .build())
                                .build(),
                "not an AVCA model",
                "expected inputs {audio=2, text=4, video=3}",
                "sound");
        assertMessage(
                ModelFormatException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(
                                        new TinyModels.Graph().card(card).withExtraInput().build())
                                .build(),
                "not an AVCA model",
                "extra");
        assertMessage(
                ModelFormatException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(new TinyModels.Graph().card(card).withoutThetaA().build())
                                .build(),
                "not an AVCA model",
                "theta_a=3");
        assertMessage(
                ModelFormatException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(
                                        new TinyModels.Graph().card(card).thetaAAsDouble().build())
                                .build(),
                "does not match its model card",
                "DOUBLE");
        // The card says video_dim 5, the graph has 3.
        String wide =
                TinyModels.card(2, 5, 4, 3, 0.1, TinyModels.cardClass("a", 0, "SEEN", 1, 0, 0, 0));
        assertMessage(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(TinyModels.model(wide)).build(),
                "does not match its model card",
                "video=5",
                "video=FLOAT[-1, 3]");
    }

    @Test
    void modelLoadsFromAFileBytesAndAStream() throws Exception {
        Path file = dir.resolve("tiny.onnx");
        Files.write(file, MODEL);
        try (ZeroShotClassifier a = ZeroShotClassifier.builder().setModel(file).build();
                ZeroShotClassifier b =
                        ZeroShotClassifier.builder()
                                .setModel(new ByteArrayInputStream(MODEL))
                                .build();
                ZeroShotClassifier c = open()) {
            float[] v = {1.2f, 0.8f, 0};
            assertEquals(a.classify(audio(), v), b.classify(audio(), v));
            assertEquals(a.classify(audio(), v), c.classify(audio(), v));
            assertEquals("b", a.classify(audio(), v).label());
        }
    }

    @Test
    void theModelBytesAreCopiedByTheBuilder() throws Exception {
        byte[] bytes = MODEL.clone();
        ZeroShotClassifier.Builder b = ZeroShotClassifier.builder().setModel(bytes);
        Arrays.fill(bytes, (byte) 0);
        try (ZeroShotClassifier c = b.build()) {
            assertEquals(List.of("a", "b", "c"), c.classNames());
        }
    }

    @Test
    void closedClassifierThrowsAndCloseIsIdempotent() throws Exception {
        ZeroShotClassifier c = open();
        CandidateSet set = c.candidateSet(List.of("a", "b"));
        c.close();
        assertDoesNotThrow(c::close);
        assertMessage(IllegalStateException.class, () -> c.classify(audio(), video()), "closed");
        assertMessage(
                IllegalStateException.class,
                () -> c.classifyBatch(new float[][] {audio()}, new float[][] {video()}),
                "closed");
        assertMessage(
                IllegalStateException.class, () -> c.classify(audio(), video(), set), "closed");
        assertMessage(
                IllegalStateException.class,
                () -> c.classifyBatch(new float[][] {audio()}, new float[][] {video()}, set),
                "closed");
        assertMessage(IllegalStateException.class, () -> c.embed(audio(), video()), "closed");
        assertMessage(
                IllegalStateException.class,
                () -> c.embedBatch(new float[][] {audio()}, new float[][] {video()}),
                "closed");
        assertMessage(
                IllegalStateException.class, () -> c.addClass("x", text(0, 0, 0, 1)), "closed");
        assertMessage(IllegalStateException.class, () -> c.removeClass("a"), "closed");
        assertMessage(IllegalStateException.class, () -> c.setCandidates(List.of("a")), "closed");
        assertMessage(IllegalStateException.class, c::useAllCandidates, "closed");
        assertMessage(IllegalStateException.class, c::classNames, "closed");
        assertMessage(IllegalStateException.class, c::candidates, "closed");
        assertMessage(IllegalStateException.class, () -> c.role("a"), "closed");
        assertMessage(IllegalStateException.class, () -> c.classEmbedding("a"), "closed");
        assertMessage(IllegalStateException.class, c::candidateSet, "closed");
        assertMessage(IllegalStateException.class, () -> c.candidateSet(List.of("a")), "closed");
        assertMessage(IllegalStateException.class, c::candidateSetBuilder, "closed");
        // The card, β, mode, scoring and device stay readable; a set made before keeps its θw.
        assertEquals(0.6, c.beta());
        assertEquals(3, c.card().classes().size());
        assertEquals(Device.CPU, c.device());
        assertEquals(List.of("a", "b"), set.names());
    }

    @Test
    void addClassAfterCloseIsAnIllegalStateEvenWithABadEmbedding() throws Exception {
        ZeroShotClassifier c = open();
        c.close();
        // Each of these embeddings is itself invalid; the closed classifier is what is reported.
        assertMessage(IllegalStateException.class, () -> c.addClass("x", new float[4]), "closed");
        assertMessage(IllegalStateException.class, () -> c.addClass("x", new float[9]), "closed");
        assertMessage(IllegalStateException.class, () -> c.addClass("x", null), "closed");
        assertMessage(IllegalStateException.class, () -> c.addClass("a", null), "closed");
        assertMessage(
                IllegalStateException.class,
                () -> c.addClass("x", new float[] {Float.NaN, 0, 0, 1}),
                "closed");
        assertMessage(IllegalStateException.class, () -> c.addClass(null, new float[4]), "closed");
    }

    @Test
    void cudaOnTheCpuRuntimeFailsClearlyAndAutoFallsBack() throws Exception {
        // The CPU artifact has no CUDA provider; on a GPU build without a GPU creating it fails the
        // same way.
        org.junit.jupiter.api.Assumptions.assumeFalse(
                cudaWorks(), "a usable CUDA device is present");
        assertMessage(
                DeviceUnavailableException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(MODEL)
                                .optDevice(Device.cuda(0))
                                .build(),
                "CUDA device 0",
                "model bytes",
                "onnxruntime_gpu");
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(MODEL).optDevice(Device.AUTO).build()) {
            assertEquals(Device.CPU, c.device());
            assertEquals(3, c.classNames().size());
        }
        // A bad model on CUDA is reported as a bad model, not as a missing device.
        assertMessage(
                ModelFormatException.class,
                () ->
                        ZeroShotClassifier.builder()
                                .setModel(Arrays.copyOf(MODEL, 10))
                                .optDevice(Device.cuda(0))
                                .build(),
                "not a model ONNX Runtime can load");
    }

    static boolean cudaWorks() {
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(MODEL).optDevice(Device.cuda(0)).build()) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
