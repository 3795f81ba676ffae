package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.avca4j.sdk.ClassificationMode;
import org.avca4j.sdk.Device;
import org.avca4j.sdk.DeviceUnavailableException;
import org.avca4j.sdk.ModelFormatException;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.trainer.model.AvcaConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every error the SDK promises, with a message that says what was expected. */
class ZeroShotClassifierErrorsTest {

    private static final AvcaConfig CFG = TestModels.small();

    @TempDir static Path dir;
    static TestModels.Exported model;
    static byte[] bytes;

    @BeforeAll
    static void export() throws Exception {
        model = TestModels.export(dir, CFG, 4, 0.2, 5);
        bytes = Files.readAllBytes(model.file());
    }

    private static ZeroShotClassifier open() throws Exception {
        return ZeroShotClassifier.builder().setModel(model.file()).build();
    }

    private static float[] audio() {
        return new float[CFG.audioDim()];
    }

    private static float[] video() {
        return new float[CFG.videoDim()];
    }

    private static void assertMessage(
            Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(
                    e.getMessage().contains(part),
                    "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void wrongFeatureWidthSaysExpectedGotAndWhichInput() throws Exception {
        try (ZeroShotClassifier c = open()) {
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.classify(audio(), new float[CFG.videoDim() - 1]),
                    "video",
                    "expected " + CFG.videoDim(),
                    "got " + (CFG.videoDim() - 1));
            assertMessage(
                    IllegalArgumentException.class,
                    () ->
                            c.classifyBatch(
                                    new float[][] {audio(), new float[CFG.audioDim() + 2]},
                                    new float[][] {video(), video()}),
                    "audio",
                    "clip 1",
                    "expected " + CFG.audioDim(),
                    "got " + (CFG.audioDim() + 2));
        }
    }

    @Test
    void nonFiniteInputSaysWhichClipAndInput() throws Exception {
        try (ZeroShotClassifier c = open()) {
            float[] bad = video();
            bad[3] = Float.NaN;
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
    void emptyOrMismatchedBatchIsRejected() throws Exception {
        try (ZeroShotClassifier c = open()) {
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.classifyBatch(new float[0][], new float[0][]),
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
        }
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder()
                        .setModel(model.file())
                        .optMode(ClassificationMode.ZSL)
                        .build()) {
            c.removeClass("class_1");
            c.removeClass("class_3");
            assertMessage(
                    IllegalStateException.class,
                    () -> c.classify(audio(), video()),
                    "empty candidate set",
                    "ZSL");
            c.addClass("new", TestWeights.unitRows(1, CFG.textDim(), 3)[0]);
            assertEquals("new", c.classify(audio(), video()).label());
        }
    }

    @Test
    void duplicateAndInvalidAddedClassesAreRejected() throws Exception {
        float[] emb = TestWeights.unitRows(1, CFG.textDim(), 9)[0];
        try (ZeroShotClassifier c = open()) {
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("class_0", emb),
                    "duplicate",
                    "class_0");
            c.addClass("extra", emb);
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("extra", emb),
                    "duplicate",
                    "extra");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("w", new float[CFG.textDim() + 1]),
                    "expected " + CFG.textDim());
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.addClass("z", new float[CFG.textDim()]),
                    "all zeros");
            float[] nan = emb.clone();
            nan[1] = Float.NaN;
            assertMessage(IllegalArgumentException.class, () -> c.addClass("n", nan), "finite");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.removeClass("nope"),
                    "unknown class 'nope'");
            assertEquals(
                    List.of("class_0", "class_1", "class_2", "class_3", "extra"), c.classNames());
        }
    }

    @Test
    void missingCorruptAndForeignModelsAreRejected() throws Exception {
        Path missing = dir.resolve("missing.onnx");
        assertMessage(
                NoSuchFileException.class,
                () -> ZeroShotClassifier.builder().setModel(missing).build(),
                "missing.onnx");

        Path corrupt = dir.resolve("corrupt.onnx");
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertMessage(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(corrupt).build(),
                "corrupt.onnx",
                "not a model ONNX Runtime can load");

        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(bytes);
        byte[] noCard = proto.toBuilder().clearMetadataProps().build().toByteArray();
        assertMessage(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(noCard).build(),
                "avca.model_card",
                "not an AVCA model");

        byte[] badCard =
                proto.toBuilder()
                        .setMetadataProps(
                                0,
                                proto.getMetadataProps(0).toBuilder()
                                        .setValue("{\"format_version\": 99}"))
                        .build()
                        .toByteArray();
        assertMessage(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(badCard).build(),
                "format_version");

        OnnxMl.GraphProto.Builder g = proto.getGraph().toBuilder();
        g.setInput(0, g.getInput(0).toBuilder().setName("sound"));
        for (int i = 0; i < g.getNodeCount(); i++) {
            OnnxMl.NodeProto node = g.getNode(i);
            for (int j = 0; j < node.getInputCount(); j++) {
                if (node.getInput(j).equals("audio")) {
                    g.setNode(i, node.toBuilder().setInput(j, "sound"));
                }
            }
        }
        byte[] renamed = proto.toBuilder().setGraph(g).build().toByteArray();
        assertMessage(
                ModelFormatException.class,
                () -> ZeroShotClassifier.builder().setModel(renamed).build(),
                "not an AVCA model",
                "sound");
    }

    @Test
    void modelLoadsFromBytesAndStreams() throws Exception {
        try (ZeroShotClassifier a = ZeroShotClassifier.builder().setModel(bytes).build();
                ZeroShotClassifier b =
                        ZeroShotClassifier.builder()
                                .setModel(new ByteArrayInputStream(bytes))
                                .build()) {
            assertEquals(a.classify(audio(), video()), b.classify(audio(), video()));
        }
    }

    @Test
    void closedClassifierThrowsAndCloseIsIdempotent() throws Exception {
        ZeroShotClassifier c = open();
        c.close();
        assertDoesNotThrow(c::close);
        assertMessage(IllegalStateException.class, () -> c.classify(audio(), video()), "closed");
        assertMessage(
                IllegalStateException.class,
                () -> c.classifyBatch(new float[][] {audio()}, new float[][] {video()}),
                "closed");
        assertMessage(IllegalStateException.class, () -> c.embed(audio(), video()), "closed");
        assertMessage(
                IllegalStateException.class,
                () -> c.addClass("x", TestWeights.unitRows(1, CFG.textDim(), 1)[0]),
                "closed");
        assertMessage(IllegalStateException.class, () -> c.removeClass("class_0"), "closed");
        assertMessage(IllegalStateException.class, () -> c.classNames(), "closed");
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
                                .setModel(model.file())
                                .optDevice(Device.cuda(0))
                                .build(),
                "CUDA device 0",
                "onnxruntime_gpu");
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder()
                        .setModel(model.file())
                        .optDevice(Device.AUTO)
                        .build()) {
            assertEquals(Device.CPU, c.device());
            assertEquals(4, c.classNames().size());
        }
    }

    // "try": the classifier is built only to learn whether CUDA works, then closed unused.
    @SuppressWarnings("try")
    static boolean cudaWorks() {
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder().setModel(bytes).optDevice(Device.cuda(0)).build()) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
