package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link OutputPruner} on the tiny models, read back with the ONNX protobuf classes (an independent
 * reader of the wire format) and run with ONNX Runtime. In the tiny graph θv needs {@code
 * video_part} (video·Iv), {@code audio_part} (audio·Av) and their sum; θa is audio·Aa; θw is
 * text·W.
 */
class OutputPrunerTest {

    private static final byte[] MODEL = TinyModels.model(TinyModels.abcCard());

    private static OnnxMl.GraphProto graph(byte[] model) throws Exception {
        return OnnxMl.ModelProto.parseFrom(model).getGraph();
    }

    /** The tiny model with its graph changed. */
    private static byte[] edited(Consumer<OnnxMl.GraphProto.Builder> change) throws Exception {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(MODEL);
        OnnxMl.GraphProto.Builder g = m.getGraph().toBuilder();
        change.accept(g);
        return m.toBuilder().setGraph(g).build().toByteArray();
    }

    private static Set<String> nodeOutputs(OnnxMl.GraphProto g) {
        return g.getNodeList().stream()
                .flatMap(n -> n.getOutputList().stream())
                .collect(Collectors.toSet());
    }

    @Test
    void keepsExactlyWhatThetaVAndThetaWNeed() throws Exception {
        byte[] pruned =
                OutputPruner.keepOutputs(
                        MODEL, Set.of(ModelSignature.THETA_V, ModelSignature.THETA_W));
        OnnxMl.GraphProto g = graph(pruned);
        assertEquals(
                Set.of("video_part", "audio_part", ModelSignature.THETA_V, ModelSignature.THETA_W),
                nodeOutputs(g));
        assertEquals(
                Set.of("Av", "Iv", "W"),
                g.getInitializerList().stream()
                        .map(OnnxMl.TensorProto::getName)
                        .collect(Collectors.toSet()),
                "θa's weight Aa is left out");
        assertEquals(
                List.of(ModelSignature.THETA_V, ModelSignature.THETA_W),
                g.getOutputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
        assertEquals(
                List.of(ModelSignature.AUDIO, ModelSignature.VIDEO, ModelSignature.TEXT),
                g.getInputList().stream().map(OnnxMl.ValueInfoProto::getName).toList(),
                "every input stays");
        OnnxMl.ModelProto whole = OnnxMl.ModelProto.parseFrom(MODEL);
        OnnxMl.ModelProto part = OnnxMl.ModelProto.parseFrom(pruned);
        assertEquals(whole.getMetadataPropsList(), part.getMetadataPropsList(), "card unchanged");
        assertEquals(whole.getOpsetImportList(), part.getOpsetImportList());
        assertEquals(whole.getIrVersion(), part.getIrVersion());
    }

    @Test
    void onlyThetaWLeavesTheClipBranchesOut() throws Exception {
        OnnxMl.GraphProto g =
                graph(OutputPruner.keepOutputs(MODEL, Set.of(ModelSignature.THETA_W)));
        assertEquals(Set.of(ModelSignature.THETA_W), nodeOutputs(g));
        assertEquals(1, g.getInitializerCount());
    }

    @Test
    void thePrunedModelRunsAndGivesTheSameThetaV() throws Exception {
        byte[] pruned =
                OutputPruner.keepOutputs(
                        MODEL, Set.of(ModelSignature.THETA_V, ModelSignature.THETA_W));
        float[] whole = thetaV(MODEL);
        float[] part = thetaV(pruned);
        assertArrayEquals(whole, part, 0f);
        // worked by hand from the tiny graph: θv = (v0, v1, v2 + a0) of the first clip
        Random r = new Random(3);
        float a0 = (float) r.nextGaussian();
        r.nextGaussian();
        float v0 = (float) r.nextGaussian();
        float v1 = (float) r.nextGaussian();
        float v2 = (float) r.nextGaussian();
        assertArrayEquals(new float[] {v0, v1, v2 + a0}, java.util.Arrays.copyOf(part, 3), 0f);
    }

    /** θv of two clips drawn from seed 3, audio then video per clip. */
    private static float[] thetaV(byte[] model) throws Exception {
        Random r = new Random(3);
        float[] audio = new float[2 * TinyModels.AUDIO_DIM];
        float[] video = new float[2 * TinyModels.VIDEO_DIM];
        for (int clip = 0; clip < 2; clip++) {
            for (int i = 0; i < TinyModels.AUDIO_DIM; i++) {
                audio[clip * TinyModels.AUDIO_DIM + i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < TinyModels.VIDEO_DIM; i++) {
                video[clip * TinyModels.VIDEO_DIM + i] = (float) r.nextGaussian();
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor a =
                        OnnxTensor.createTensor(
                                env,
                                FloatBuffer.wrap(audio),
                                new long[] {2, TinyModels.AUDIO_DIM});
                OnnxTensor v =
                        OnnxTensor.createTensor(
                                env,
                                FloatBuffer.wrap(video),
                                new long[] {2, TinyModels.VIDEO_DIM});
                OnnxTensor t =
                        OnnxTensor.createTensor(
                                env, FloatBuffer.allocate(0), new long[] {0, TinyModels.TEXT_DIM});
                OrtSession.Result res =
                        s.run(
                                Map.of(
                                        ModelSignature.AUDIO,
                                        a,
                                        ModelSignature.VIDEO,
                                        v,
                                        ModelSignature.TEXT,
                                        t),
                                Set.of(ModelSignature.THETA_V))) {
            return AvcaRuntime.values(((OnnxTensor) res.get(0)).getFloatBuffer());
        }
    }

    @Test
    void followsInputsWhateverTheNodeOrder() throws Exception {
        byte[] reversed =
                edited(
                        g -> {
                            List<OnnxMl.NodeProto> nodes = new ArrayList<>(g.getNodeList());
                            Collections.reverse(nodes);
                            g.clearNode().addAllNode(nodes);
                        });
        OnnxMl.GraphProto g =
                graph(OutputPruner.keepOutputs(reversed, Set.of(ModelSignature.THETA_V)));
        assertEquals(Set.of("video_part", "audio_part", ModelSignature.THETA_V), nodeOutputs(g));
    }

    @Test
    void keepingEveryOutputReturnsTheModelItself() throws Exception {
        Set<String> all =
                Set.of(ModelSignature.THETA_V, ModelSignature.THETA_A, ModelSignature.THETA_W);
        assertSame(MODEL, OutputPruner.keepOutputs(MODEL, all));
    }

    @Test
    void anInitializerListedAsAnInputStays() throws Exception {
        byte[] older =
                edited(
                        g ->
                                g.addInput(
                                        OnnxMl.ValueInfoProto.newBuilder()
                                                .setName("Aa")
                                                .setType(g.getInput(0).getType())));
        OnnxMl.GraphProto g =
                graph(OutputPruner.keepOutputs(older, Set.of(ModelSignature.THETA_V)));
        assertTrue(
                g.getInitializerList().stream().anyMatch(t -> t.getName().equals("Aa")),
                "an input with a default value must keep it");
    }

    @Test
    void aModelWithASubgraphIsLeftWhole() throws Exception {
        OnnxMl.NodeProto withBody =
                OnnxMl.NodeProto.newBuilder()
                        .setOpType("If")
                        .addInput("cond")
                        .addOutput("branch")
                        .addAttribute(
                                OnnxMl.AttributeProto.newBuilder()
                                        .setName("then_branch")
                                        .setType(OnnxMl.AttributeProto.AttributeType.GRAPH)
                                        .setG(OnnxMl.GraphProto.newBuilder().setName("body")))
                        .build();
        byte[] model = edited(g -> g.addNode(withBody));
        assertSame(model, OutputPruner.keepOutputs(model, Set.of(ModelSignature.THETA_V)));
    }

    @Test
    void anOutputTheModelDoesNotHaveIsNamed() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OutputPruner.keepOutputs(MODEL, Set.of("theta_x")));
        assertTrue(e.getMessage().contains("'theta_x'"), e.getMessage());
        assertTrue(e.getMessage().contains(ModelSignature.THETA_A), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> OutputPruner.keepOutputs(MODEL, Set.of()));
    }

    @Test
    void flippedBytesNeverThrowAnythingElse() {
        Random r = new Random(17);
        Set<String> keep = Set.of(ModelSignature.THETA_V);
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bad = MODEL.clone();
            for (int flips = 1 + r.nextInt(3); flips > 0; flips--) {
                bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            }
            try {
                OutputPruner.keepOutputs(bad, keep);
            } catch (ModelFormatException | IllegalArgumentException expected) {
                // refused with a message; anything else (an index or size error) fails the test
            }
        }
    }

    @Test
    void malformedBytesAreAModelFormatErrorAtEveryTruncation() {
        Set<String> keep = Set.of(ModelSignature.THETA_V);
        int errors = 0;
        for (int length = 0; length < MODEL.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(MODEL, length);
            try {
                OutputPruner.keepOutputs(cut, keep);
            } catch (ModelFormatException | IllegalArgumentException expected) {
                errors++;
            }
        }
        // a cut at a field boundary can still parse (as a model without its later fields); any
        // other cut must be refused, and none may throw anything else
        assertTrue(errors > MODEL.length * 9 / 10, errors + " of " + MODEL.length);
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class,
                        () -> OutputPruner.keepOutputs(new byte[] {0x3a, 0x7f, 0x01}, keep));
        assertTrue(e.getMessage().contains("127 bytes within the 1 left"), e.getMessage());
        assertThrows(
                ModelFormatException.class,
                () -> OutputPruner.keepOutputs(new byte[] {0x0b}, keep),
                "wire type 3 (groups)");
        assertThrows(
                ModelFormatException.class,
                () -> OutputPruner.keepOutputs(new byte[] {0x08, 0x01}, keep),
                "no graph");
    }
}
