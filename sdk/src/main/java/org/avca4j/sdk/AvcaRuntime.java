package org.avca4j.sdk;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.avca4j.sdk.card.ScoringRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime sessions on an AVCA model, checked against its card: runs the clip and the text
 * branch. Thread-safe (ONNX Runtime's {@code run} is); the caller makes sure {@link #close()} does
 * not race a run.
 *
 * <p>On the CPU, calls of at most {@code smallBatch} clips run on a second session with one
 * intra-op thread: a small batch is too little work to share, and waking sleeping pool threads for
 * each operator costs more than it saves (docs/performance.md, Inference). Concurrent small calls
 * then run side by side on their callers' threads. Larger calls take their cores from {@link
 * CoreSlots} first: alone, a call runs on the multi-thread session; when other calls hold cores, it
 * runs on the single-thread session, on one core.
 */
final class AvcaRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AvcaRuntime.class);

    /**
     * The rows of the branch not asked for: direct, as ONNX Runtime's Java API copies a heap buffer
     * into a fresh direct one for every tensor (with the memory reservation and cleaner that
     * allocating one costs, even empty).
     */
    private static final FloatBuffer NO_ROWS = FeatureChecks.allocate(0);

    /**
     * The model's bytes, read from its file or given, and checked ({@link ModelIntegrity}); throws
     * {@link ModelFormatException} if the model is damaged or cannot be read.
     */
    @FunctionalInterface
    interface SessionSource {
        byte[] read() throws ModelFormatException;
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelCard card;
    private final Device device;
    private final boolean sequences;

    /** The single-thread session for small batches, or null. */
    private final OrtSession small;

    private final int smallBatch;

    /** The cores that calls larger than {@link #smallBatch} take, or null for no limit. */
    private final CoreSlots slots;

    private AvcaRuntime(
            OrtEnvironment env,
            OrtSession session,
            ModelCard card,
            Device device,
            boolean sequences,
            OrtSession small,
            int smallBatch,
            CoreSlots slots) {
        this.env = env;
        this.session = session;
        this.card = card;
        this.device = device;
        this.sequences = sequences;
        this.small = small;
        this.smallBatch = small == null ? 0 : smallBatch;
        this.slots = slots;
    }

    /**
     * Opens and checks a model, on a graph pruned to the outputs the caller will ask for ({@link
     * OutputPruner}): ONNX Runtime runs every node of a graph on every call, so a session on the
     * whole AVCA graph computed θa for a call that asked for θv alone.
     *
     * @param source the model's bytes
     * @param description the model's name in messages (file name or "model bytes")
     * @param intraOpThreads ONNX Runtime's intra-op threads (0: its choice)
     * @param interOpThreads its inter-op threads (0: its choice)
     * @param spinning whether idle intra- and inter-op threads busy-wait for work (ONNX Runtime's
     *     own default) instead of sleeping
     * @param smallBatch the largest call that runs on a single-thread session; 0 for none. None is
     *     made on a GPU, or when {@code intraOpThreads} is 1 already
     * @param outputsUsed every output the caller will ask for, from the model's card; the sessions
     *     run only what these need, and a call for another output fails
     * @throws ModelFormatException if ONNX Runtime cannot load it, it has no valid card, or its
     *     inputs and outputs are not those of an AVCA model
     * @throws DeviceUnavailableException if a CUDA device was asked for and cannot be used
     */
    static AvcaRuntime open(
            SessionSource source,
            String description,
            Device device,
            int intraOpThreads,
            int interOpThreads,
            boolean spinning,
            int smallBatch,
            Function<ModelCard, Set<String>> outputsUsed)
            throws ModelFormatException {
        Threading threading = new Threading(intraOpThreads, interOpThreads, spinning);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] model = source.read();
        OrtSession session = null;
        Device used = Device.CPU;
        if (device.kind() != Device.Kind.CPU) {
            int id = device.kind() == Device.Kind.AUTO ? 0 : device.id();
            try (OrtSession.SessionOptions options = options(threading)) {
                // The list of compiled-in providers says nothing about the machine: only creating a
                // session on the device proves that a GPU, its driver and the CUDA libraries work.
                options.addCUDA(id);
                session = env.createSession(model, options);
                used = Device.cuda(id);
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                // Load on the CPU to tell a bad model (which fails there too) from an unusable
                // device.
                OrtSession cpu = openOn(env, model, description, Device.CPU, threading);
                if (device.kind() == Device.Kind.CUDA) {
                    closeQuietly(cpu);
                    throw new DeviceUnavailableException(
                            "CUDA device "
                                    + id
                                    + " cannot run "
                                    + description
                                    + ": "
                                    + e.getMessage()
                                    + ". CUDA needs ONNX Runtime's onnxruntime_gpu artifact in place of onnxruntime (docs/sdk-guide.md, section GPU), an NVIDIA GPU with that ordinal, and the "
                                    + "CUDA and cuDNN libraries ONNX Runtime was built for",
                            e);
                }
                LOG.info(
                        "Device AUTO: CUDA device 0 is not usable ({}); running on the CPU",
                        e.getMessage());
                session = cpu;
            }
        } else {
            session = openOn(env, model, description, Device.CPU, threading);
        }
        OrtSession small = null;
        try {
            ModelCard card = readCard(session, description);
            boolean sequences = SequenceSignature.isSequenceModel(session, description);
            if (sequences) {
                SequenceSignature.check(session, card, description);
            } else {
                checkSignature(session, card, description);
            }
            // The whole graph was needed to check the signature; the calls run on the pruned one.
            byte[] runs = prune(model, outputsUsed.apply(card), description);
            if (runs != model) {
                OrtSession whole = session;
                session = null;
                closeQuietly(whole);
                session = openOn(env, runs, description, used, threading);
            }
            if (used.kind() == Device.Kind.CPU && smallBatch > 0 && intraOpThreads != 1) {
                small =
                        openOn(
                                env,
                                runs,
                                description,
                                Device.CPU,
                                new Threading(1, interOpThreads, spinning));
            }
            LOG.debug(
                    "Loaded {} on {}: {} classes, beta* {}",
                    description,
                    used,
                    card.classes().size(),
                    card.beta());
            return new AvcaRuntime(
                    env,
                    session,
                    card,
                    used,
                    sequences,
                    small,
                    smallBatch,
                    coreSlots(used, intraOpThreads, small != null));
        } catch (ModelFormatException | RuntimeException e) {
            if (session != null) {
                closeQuietly(session);
            }
            if (small != null) {
                closeQuietly(small);
            }
            throw e;
        }
    }

    /**
     * The model pruned to {@code outputs}; the model itself, with a warning, if it cannot be (the
     * calls are then right, only slower).
     */
    private static byte[] prune(byte[] model, Set<String> outputs, String description) {
        try {
            byte[] pruned = OutputPruner.keepOutputs(model, outputs);
            if (pruned != model) {
                LOG.debug("{}: the sessions run only what {} need", description, outputs);
            }
            return pruned;
        } catch (ModelFormatException | IllegalArgumentException e) {
            LOG.warn(
                    "{}: running the whole graph, as it cannot be pruned to {}: {}",
                    description,
                    outputs,
                    e.getMessage());
            return model;
        }
    }

    /**
     * The cores of the machine as permits for the calls larger than the single-thread batch; null
     * (no limit) on a GPU, where ONNX Runtime queues the work itself, and with one intra-op thread,
     * where every call runs on its caller's thread and on one core anyway.
     *
     * @param narrow whether there is a single-thread session for calls that find the cores busy
     */
    static CoreSlots coreSlots(Device used, int intraOpThreads, boolean narrow) {
        if (used.kind() != Device.Kind.CPU || intraOpThreads == 1) {
            return null;
        }
        return CoreSlots.forThreads(
                Runtime.getRuntime().availableProcessors(), intraOpThreads, narrow);
    }

    /**
     * A session on the CPU or on the CUDA device {@code used}, which has loaded this model (whole)
     * already.
     *
     * @throws ModelFormatException if ONNX Runtime cannot load the model on the CPU
     * @throws DeviceUnavailableException if the CUDA device cannot open the session
     */
    private static OrtSession openOn(
            OrtEnvironment env, byte[] model, String description, Device used, Threading threading)
            throws ModelFormatException {
        try (OrtSession.SessionOptions options = options(threading)) {
            if (used.kind() == Device.Kind.CUDA) {
                options.addCUDA(used.id());
            }
            return env.createSession(model, options);
        } catch (OrtException e) {
            if (used.kind() == Device.Kind.CUDA) {
                // the device loaded the whole model a moment ago: what fails now is the device
                // (its memory, most likely), not the model
                throw new DeviceUnavailableException(
                        "CUDA device "
                                + used.id()
                                + " cannot open a second session of "
                                + description
                                + " (on the graph pruned to the outputs the classifier uses): "
                                + e.getMessage(),
                        e);
            }
            throw new ModelFormatException(
                    description + " is not a model ONNX Runtime can load: " + e.getMessage(), e);
        }
    }

    /** Thread pool sizes (0: ONNX Runtime's choice) and whether idle pool threads spin. */
    record Threading(int intra, int inter, boolean spinning) {}

    /**
     * The session options every session of the SDK gets. Spinning is off unless asked for: ONNX
     * Runtime's idle pool threads otherwise busy-wait for the next call, which on a server with
     * other work (or with many caller threads) takes the cores from the threads that have work.
     */
    static OrtSession.SessionOptions options(Threading threading) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threading.intra() > 0) {
                options.setIntraOpNumThreads(threading.intra());
            }
            if (threading.inter() > 0) {
                options.setInterOpNumThreads(threading.inter());
            }
            String spin = threading.spinning() ? "1" : "0";
            options.addConfigEntry("session.intra_op.allow_spinning", spin);
            options.addConfigEntry("session.inter_op.allow_spinning", spin);
            return options;
        } catch (OrtException e) {
            options.close();
            throw e;
        }
    }

    private static ModelCard readCard(OrtSession session, String description)
            throws ModelFormatException {
        Optional<String> json;
        try {
            json = session.getMetadata().getCustomMetadataValue(ModelSignature.CARD_KEY);
        } catch (OrtException e) {
            throw new ModelFormatException(
                    description + ": its metadata cannot be read: " + e.getMessage(), e);
        }
        if (json.isEmpty()) {
            throw new ModelFormatException(
                    description
                            + " has no '"
                            + ModelSignature.CARD_KEY
                            + "' entry in its metadata: it is not an AVCA model exported by avca4j");
        }
        try {
            return ModelCard.fromJson(json.get());
        } catch (ModelFormatException e) {
            throw new ModelFormatException(description + ": " + e.getMessage(), e);
        }
    }

    private static void checkSignature(OrtSession session, ModelCard card, String description)
            throws ModelFormatException {
        Map<String, Long> inputs = new TreeMap<>();
        Map<String, Long> outputs = new TreeMap<>();
        inputs.put(ModelSignature.AUDIO, (long) card.audioDim());
        inputs.put(ModelSignature.VIDEO, (long) card.videoDim());
        if (card.scoringRule() == ScoringRule.FIXED_CLASSES) {
            outputs.put(ModelSignature.SCORES, (long) card.classes().size());
        } else {
            inputs.put(ModelSignature.TEXT, (long) card.textDim());
            outputs.put(ModelSignature.THETA_V, (long) card.embeddingDim());
            outputs.put(ModelSignature.THETA_A, (long) card.embeddingDim());
            outputs.put(ModelSignature.THETA_W, (long) card.embeddingDim());
            if (card.scoringRule() == ScoringRule.GATED) {
                outputs.put(ModelSignature.GATE, 1L);
            }
        }
        try {
            String in = describe(session.getInputInfo());
            String out = describe(session.getOutputInfo());
            String expected =
                    "expected inputs "
                            + inputs
                            + " and outputs "
                            + outputs
                            + " (name=width of [rows, width] float tensors)";
            if (!session.getInputInfo().keySet().equals(inputs.keySet())
                    || !session.getOutputInfo().keySet().containsAll(outputs.keySet())) {
                throw new ModelFormatException(
                        description
                                + " is not an AVCA model: "
                                + expected
                                + ", got inputs "
                                + in
                                + " and outputs "
                                + out);
            }
            for (var e : inputs.entrySet()) {
                checkTensor(
                        session.getInputInfo().get(e.getKey()),
                        e.getValue(),
                        description,
                        expected,
                        in,
                        out);
            }
            for (var e : outputs.entrySet()) {
                checkTensor(
                        session.getOutputInfo().get(e.getKey()),
                        e.getValue(),
                        description,
                        expected,
                        in,
                        out);
            }
        } catch (OrtException e) {
            throw new ModelFormatException(
                    description + ": its inputs cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkTensor(
            NodeInfo node, long width, String description, String expected, String in, String out)
            throws ModelFormatException {
        if (!(node.getInfo() instanceof TensorInfo t)
                || t.type != OnnxJavaType.FLOAT
                || t.getShape().length != 2
                || t.getShape()[1] != width) {
            throw new ModelFormatException(
                    description
                            + " does not match its model card: "
                            + expected
                            + ", got inputs "
                            + in
                            + " and outputs "
                            + out);
        }
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        StringBuilder sb = new StringBuilder("{");
        for (NodeInfo n : nodes.values()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(n.getName()).append('=');
            if (n.getInfo() instanceof TensorInfo t) {
                sb.append(t.type).append(java.util.Arrays.toString(t.getShape()));
            } else {
                sb.append(n.getInfo());
            }
        }
        return sb.append('}').toString();
    }

    ModelCard card() {
        return card;
    }

    Device device() {
        return device;
    }

    /**
     * θv or θa of {@code n} clips.
     *
     * @param audio {@code [n*audioDim]} row-major (a direct buffer in native order is not copied)
     * @param video {@code [n*videoDim]} row-major
     * @param output {@link ModelSignature#THETA_V} or {@link ModelSignature#THETA_A}
     * @return {@code [n*embeddingDim]} row-major
     * @throws InferenceException if ONNX Runtime fails
     */
    float[] embedClips(FloatBuffer audio, FloatBuffer video, int n, String output) {
        return run(audio, video, n, NO_ROWS, 0, Set.of(output)).get(output);
    }

    /**
     * Several clip outputs of {@code n} clips in one run (θa, θv, gate).
     *
     * @return output name → row-major values
     * @throws InferenceException if ONNX Runtime fails
     */
    Map<String, float[]> embedClips(
            FloatBuffer audio, FloatBuffer video, int n, Set<String> outputs) {
        return run(audio, video, n, NO_ROWS, 0, outputs);
    }

    /**
     * θw of {@code c} text embeddings.
     *
     * @param text {@code [c*textDim]} row-major
     * @return {@code [c*embeddingDim]} row-major
     * @throws InferenceException if ONNX Runtime fails
     */
    float[] embedTexts(float[] text, int c) {
        if (sequences) {
            return runSequences(
                            SequenceInputs.empty(),
                            FloatBuffer.wrap(text),
                            c,
                            Set.of(ModelSignature.THETA_W))
                    .get(ModelSignature.THETA_W);
        }
        return run(NO_ROWS, NO_ROWS, 0, FloatBuffer.wrap(text), c, Set.of(ModelSignature.THETA_W))
                .get(ModelSignature.THETA_W);
    }

    /**
     * The scores of {@code n} clips of a fixed-class model ({@link ScoringRule#FIXED_CLASSES}).
     *
     * @param audio {@code [n*audioDim]} row-major
     * @param video {@code [n*videoDim]} row-major
     * @return {@code [n*classes]} row-major, in card class order
     * @throws InferenceException if ONNX Runtime fails
     */
    float[] scores(FloatBuffer audio, FloatBuffer video, int n) {
        try (OnnxTensor a = tensor(audio, n, card.audioDim());
                OnnxTensor v = tensor(video, n, card.videoDim());
                OrtSession.Result result =
                        runOn(
                                n,
                                Map.of(ModelSignature.AUDIO, a, ModelSignature.VIDEO, v),
                                Set.of(ModelSignature.SCORES))) {
            return values(((OnnxTensor) result.get(0)).getFloatBuffer());
        } catch (OrtException e) {
            throw new InferenceException(
                    "ONNX Runtime failed computing "
                            + ModelSignature.SCORES
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Whether the model takes feature sequences ({@link SequenceSignature}). */
    boolean sequences() {
        return sequences;
    }

    /**
     * Clip outputs of padded sequence clips, for a sequence model.
     *
     * @return output name → row-major values
     * @throws InferenceException if ONNX Runtime fails
     */
    Map<String, float[]> embedSequences(SequenceInputs clips, Set<String> outputs) {
        return runSequences(clips, NO_ROWS, 0, outputs);
    }

    private Map<String, float[]> runSequences(
            SequenceInputs s, FloatBuffer text, int c, Set<String> outputs) {
        long n = s.clips;
        try (OnnxTensor a =
                        OnnxTensor.createTensor(
                                env,
                                s.audio.duplicate(),
                                new long[] {n, s.audioLength, card.audioDim()});
                OnnxTensor ma =
                        OnnxTensor.createTensor(
                                env, s.audioMask.duplicate(), new long[] {n, s.audioLength});
                OnnxTensor v =
                        OnnxTensor.createTensor(
                                env,
                                s.video.duplicate(),
                                new long[] {n, s.videoLength, card.videoDim()});
                OnnxTensor mv =
                        OnnxTensor.createTensor(
                                env, s.videoMask.duplicate(), new long[] {n, s.videoLength});
                OnnxTensor t = tensor(text, c, card.textDim());
                OrtSession.Result result =
                        runOn(
                                (int) n,
                                Map.of(
                                        ModelSignature.AUDIO, a,
                                        ModelSignature.AUDIO_MASK, ma,
                                        ModelSignature.VIDEO, v,
                                        ModelSignature.VIDEO_MASK, mv,
                                        ModelSignature.TEXT, t),
                                outputs)) {
            return read(result, outputs);
        } catch (OrtException e) {
            throw new InferenceException(
                    "ONNX Runtime failed computing " + outputs + ": " + e.getMessage(), e);
        }
    }

    private Map<String, float[]> run(
            FloatBuffer audio,
            FloatBuffer video,
            int n,
            FloatBuffer text,
            int c,
            Set<String> outputs) {
        // The branch not asked for gets zero rows: the model's inputs are all required (see
        // docs/model-format.md), and an empty tensor costs nothing to run.
        try (OnnxTensor a = tensor(audio, n, card.audioDim());
                OnnxTensor v = tensor(video, n, card.videoDim());
                OnnxTensor t = tensor(text, c, card.textDim());
                OrtSession.Result result =
                        runOn(
                                n,
                                Map.of(
                                        ModelSignature.AUDIO,
                                        a,
                                        ModelSignature.VIDEO,
                                        v,
                                        ModelSignature.TEXT,
                                        t),
                                outputs)) {
            return read(result, outputs);
        } catch (OrtException e) {
            throw new InferenceException(
                    "ONNX Runtime failed computing " + outputs + ": " + e.getMessage(), e);
        }
    }

    /**
     * The values of a buffer from {@link OnnxTensor#getFloatBuffer()}, which is already a copy on
     * the Java heap: its backing array where that holds exactly the values, else a copy.
     */
    static float[] values(FloatBuffer buffer) {
        if (buffer.hasArray()
                && buffer.arrayOffset() == 0
                && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** The named outputs of a run, copied out of the result (which the caller closes). */
    private static Map<String, float[]> read(OrtSession.Result result, Set<String> outputs) {
        Map<String, float[]> out = new java.util.HashMap<>();
        for (String output : outputs) {
            out.put(
                    output,
                    values(((OnnxTensor) result.get(output).orElseThrow()).getFloatBuffer()));
        }
        return out;
    }

    /**
     * Runs a call of {@code n} clips (0: a text-only call) on its session. A call of at most {@link
     * #smallBatch} clips runs on the single-thread session at once. A larger one takes cores from
     * {@link #slots} first: every core of the multi-thread session when they are free; otherwise
     * one core, on the single-thread session. So a caller alone gets the lowest latency, and many
     * callers get the most clips per second, one single-thread run per core, instead of queuing for
     * the whole machine (docs/performance.md, Inference).
     */
    private OrtSession.Result runOn(int n, Map<String, OnnxTensor> inputs, Set<String> outputs)
            throws OrtException {
        if (n > 0 && n <= smallBatch) {
            return small.run(inputs, outputs);
        }
        if (slots == null) {
            return session.run(inputs, outputs);
        }
        int taken = slots.acquire();
        try {
            return (taken == slots.wide() ? session : small).run(inputs, outputs);
        } finally {
            slots.release(taken);
        }
    }

    /** The cores that large calls take, or null (for tests). */
    CoreSlots slots() {
        return slots;
    }

    private OnnxTensor tensor(FloatBuffer data, int rows, int width) throws OrtException {
        return OnnxTensor.createTensor(env, data.duplicate(), new long[] {rows, width});
    }

    @Override
    public void close() {
        closeQuietly(session);
        if (small != null) {
            closeQuietly(small);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the ONNX Runtime session failed: {}", e.getMessage());
        }
    }
}
