package org.avca4j.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.avca4j.trainer.model.ForwardPass.Side;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AvcaNetwork} on plain ND4J array operations with a hand-derived backward pass: the same
 * model, losses, BatchNorm order, dropout draws, Adam and checkpoints as {@link
 * SameDiffAvcaNetwork}, computed as a few hundred large operations per step instead of SameDiff's
 * thousands of small ones, every temporary array in a reused workspace. A step uses two helper
 * threads of its own: one draws the next pass's dropout masks ({@link MaskStream}); the other runs
 * the negative clips' forward ({@link ForwardPass}), the negative pass's backward into a gradient
 * buffer of its own, half of Adam's update and the post-step forward, which overlaps the next
 * step's forward passes. The split is fixed, so a step's numbers do not depend on timing. {@link
 * #close()} stops both.
 *
 * <p>The initial weights come from the same {@link ParameterStore} calls as the SameDiff graph's
 * ({@link AvcaBlocks}), so both networks built with one seed start identical, and a checkpoint of
 * either loads into the other. Not thread-safe.
 */
public final class FusedAvcaNetwork implements AvcaNetwork {

    static {
        // Before anything of this class touches ND4J: its OpenMP reads the wait policy when it
        // loads; then ND4J's ops and BLAS get one thread.
        NativeThreading.prepareNd4j();
    }

    private static final Logger LOG = LoggerFactory.getLogger(FusedAvcaNetwork.class);

    private static final WorkspaceConfiguration WORKSPACE =
            WorkspaceConfiguration.builder()
                    .initialSize(0)
                    .policyAllocation(AllocationPolicy.OVERALLOCATE)
                    .overallocationLimit(0.2)
                    .policyLearning(LearningPolicy.FIRST_LOOP)
                    .policyReset(ResetPolicy.BLOCK_LEFT)
                    .policySpill(SpillPolicy.REALLOCATE)
                    .build();

    private final AvcaConfig config;
    private final DataType dataType;
    private final String workspaceId;
    private final ParameterStore store;
    private final FlatArrays params;
    private final FlatArrays gradBuffer;
    private final Map<String, INDArray> grads;
    private final AdamL2Optimizer adam;
    private final FusedBlock aEnc;
    private final FusedBlock vEnc;
    private final FusedAttention attention;
    private final FusedBlock wProj;
    private final FusedBlock aProj;
    private final FusedBlock vProj;
    private final FusedBlock dec;
    private final FusedBlock aRec;
    private final FusedBlock vRec;
    private final MaskStream masks;
    private final MaskStream postMasks;
    private final BatchNormLog log = new BatchNormLog();

    /** The post-step forward's BatchNorm calls, recorded and applied on {@link #backwardThread}. */
    private final BatchNormLog postLog = new BatchNormLog();

    /** The last step's post-step forward, until the next pass hands it to the second thread. */
    private Runnable deferredPost;

    /** The last step's post-step forward on the second thread, until something waits for it. */
    private Future<?> pendingPost;

    /** Which set of positive input arrays the last step's post-step forward reads. */
    private boolean postSecond;

    /**
     * The training pass's forward calls, on the positive and on the negative side, in the order of
     * the graph.
     */
    private final ForwardPass forward;

    /**
     * Which of the BatchNorm calls of a pass of {@link #layoutBatch} clips are the negative side's,
     * in call order ({@link BatchNormLog#lanes()}), recorded by a pass run in order.
     */
    private boolean[] logLanes;

    /**
     * The batch size {@link #logLanes} was recorded for, after which the negative side may run on
     * the second thread. Not derivable from the mask stream's plan: a pass that fails after
     * recording it leaves the plan of an earlier batch size.
     */
    private long layoutBatch = -1;

    /** The BatchNorm calls of the negative side, when it runs on the second thread. */
    private final BatchNormLog negLog = new BatchNormLog();

    /**
     * The second thread's workspace scope that holds the negative side's arrays from its forward
     * until the next pass's (see {@link #negativeForward}); only that thread touches it.
     */
    private MemoryWorkspace helperScope;

    /**
     * Which of the two sets of positive input arrays the next step fills: the last step's post-step
     * forward may still be reading the other.
     */
    private boolean secondInputs;

    /** The negative pass's parameter gradients and the blocks that accumulate into them. */
    private final FlatArrays negGradBuffer;

    private final NegativeBackward negative;
    private ExecutorService backwardThread;
    private final InputArrays inputs;
    private boolean closed;

    private FusedAvcaNetwork(Builder b) {
        this.config = b.config;
        this.dataType = b.dataType;
        this.workspaceId = "avca4j-fused-" + System.identityHashCode(this);
        // The SameDiff instance only holds the store's arrays: no graph is built.
        this.store = new ParameterStore(SameDiff.create(), dataType, b.initSeed);
        AvcaBlocks blocks = AvcaBlocks.create(store, config);
        // Parameters, gradients and moments each in one flat buffer: Adam and the zeroing of the
        // gradients are a few operations over the buffers instead of a few per parameter.
        this.params = store.flattenTrainable();
        this.gradBuffer = FlatArrays.zerosLike(params.views());
        this.grads = gradBuffer.views();
        this.adam = new AdamL2Optimizer(b.adam, params);
        this.aEnc = block(blocks.aEnc());
        this.vEnc = block(blocks.vEnc());
        this.attention = new FusedAttention(config, store, grads);
        this.wProj = block(blocks.wProj());
        this.aProj = block(blocks.aProj());
        this.vProj = block(blocks.vProj());
        this.dec = block(blocks.dec());
        this.aRec = block(blocks.aRec());
        this.vRec = block(blocks.vRec());
        this.forward = new ForwardPass(aEnc, vEnc, attention, wProj, aProj, vProj, dec, aRec, vRec);
        this.masks = new MaskStream(dataType);
        this.postMasks = new MaskStream(dataType);
        this.inputs = new InputArrays(dataType);
        this.negGradBuffer = FlatArrays.zerosLike(params.views());
        Map<String, INDArray> negGrads = negGradBuffer.views();
        this.negative =
                new NegativeBackward(
                        new FusedBlock(blocks.aEnc(), store, negGrads),
                        new FusedBlock(blocks.vEnc(), store, negGrads),
                        new FusedAttention(config, store, negGrads),
                        new FusedBlock(blocks.wProj(), store, negGrads),
                        new FusedBlock(blocks.aProj(), store, negGrads),
                        new FusedBlock(blocks.vProj(), store, negGrads),
                        new FusedBlock(blocks.dec(), store, negGrads));
    }

    /** The blocks of the negative pass's backward, accumulating into {@link #negGradBuffer}. */
    private record NegativeBackward(
            FusedBlock aEnc,
            FusedBlock vEnc,
            FusedAttention attention,
            FusedBlock wProj,
            FusedBlock aProj,
            FusedBlock vProj,
            FusedBlock dec) {}

    private FusedBlock block(EmbeddingBlock b) {
        return new FusedBlock(b, store, grads);
    }

    /** A builder; {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A FLOAT network with the reference's Adam settings. */
    public static FusedAvcaNetwork create(AvcaConfig config, long initSeed) {
        return builder().setConfig(config).optInitSeed(initSeed).build();
    }

    @Override
    public AvcaConfig config() {
        return config;
    }

    /** The floating-point type of every array. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * @throws IllegalArgumentException if the batch's widths do not match the config or it has
     *     fewer than 2 clips (BatchNorm needs two to estimate a variance)
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public StepLosses step(TrainingBatch batch, double learningRate, long stepSeed) {
        boolean set = secondInputs;
        if ((deferredPost != null || pendingPost != null) && postSecond == set) {
            // only after a step that failed before it waited: the arrays are still being read
            awaitPostStep();
        }
        Inputs in = inputs(batch, set);
        secondInputs = !set;
        SplittableRandom random = new SplittableRandom(stepSeed);
        StepLosses losses;
        try (MemoryWorkspace ws = workspace()) {
            losses = lossAndGradients(in, random);
            // The last step's post-step forward reads the parameters Adam is about to change, and
            // its statistics come before this pass's in the running averages.
            awaitPostStep();
            // the second thread is idle now: it updates half of the parameters
            adam.step(params, gradBuffer, learningRate, backwardThread());
            log.apply();
        }
        // The post-step forward only updates running statistics, which no training-mode pass
        // reads: it runs on the second thread while the next step's forward passes run here, and
        // everything that reads the statistics or the parameters waits for it first.
        deferredPost = () -> postStepInBackground(in, random);
        postSecond = set;
        return losses;
    }

    /**
     * Hands the last step's post-step forward to the second thread, if it is still waiting; a pass
     * does so after the work it needs back from that thread first.
     */
    private void submitPostStep() {
        Runnable post = deferredPost;
        if (post != null) {
            deferredPost = null;
            pendingPost = backwardThread().submit(post);
        }
    }

    /** Waits for the last step's post-step forward; rethrows its failure. */
    private void awaitPostStep() {
        submitPostStep();
        Future<?> f = pendingPost;
        if (f != null) {
            pendingPost = null;
            HelperThreads.await(f, "the post-step forward");
        }
    }

    /** {@link #checkOpen()}, then {@link #awaitPostStep()}: the network's state is complete. */
    private void settle() {
        checkOpen();
        awaitPostStep();
    }

    /**
     * @throws IllegalArgumentException if the arrays' lengths do not match {@code n} clips
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public float[] embedVideo(float[] audio, float[] video, int n) {
        return embedClips(true, audio, video, n);
    }

    /**
     * @throws IllegalArgumentException if the arrays' lengths do not match {@code n} clips
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public float[] embedAudio(float[] audio, float[] video, int n) {
        return embedClips(false, audio, video, n);
    }

    /**
     * @throws IllegalArgumentException if the array's length is not {@code c·textDim}
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public float[] embedText(float[] text, int c) {
        settle();
        INDArray w = inputs.rows("text", text, c, config.textDim());
        try (MemoryWorkspace ws = workspace()) {
            return wProj.infer(w).data().asFloat();
        } finally {
            w.close();
        }
    }

    /**
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public AvcaWeights weights() {
        settle();
        return NetworkState.weights(config, store);
    }

    /**
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void save(Path file) throws IOException {
        settle();
        CheckpointFile.write(
                file, config, adam.steps(), NetworkState.checkpointArrays(store, adam));
    }

    /**
     * @throws IOException if the file cannot be read, is not a checkpoint, or belongs to another
     *     architecture; the network is then unchanged
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void load(Path file) throws IOException {
        settle();
        NetworkState.load(file, config, store, adam);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // a post-step forward not started yet would only update statistics about to be freed
        deferredPost = null;
        if (pendingPost != null) {
            try {
                awaitPostStep();
            } catch (RuntimeException | Error e) {
                // nothing is left to report it to: the running statistics it would have updated
                // are freed below
                LOG.warn("The last step's post-step forward failed: {}", e.toString());
            }
        }
        if (backwardThread != null) {
            // the thread's workspaces are its own: destroy them there, then stop the thread
            HelperThreads.awaitQuietly(
                    backwardThread.submit(
                            () -> {
                                closeHelperScope();
                                destroyWorkspace(negativeWorkspaceId());
                                destroyWorkspace(postWorkspaceId());
                                destroyWorkspace(workspaceId);
                            }));
            backwardThread.shutdownNow();
        }
        masks.release();
        postMasks.release();
        negGradBuffer.release();
        inputs.release();
        gradBuffer.release();
        adam.release();
        params.release();
        NativeArrays.close(store.state().values());
        destroyWorkspace(workspaceId);
    }

    /** Destroys the calling thread's workspace {@code id}. */
    private static void destroyWorkspace(String id) {
        Nd4j.getWorkspaceManager()
                .destroyWorkspace(
                        Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(WORKSPACE, id));
    }

    /** The second thread's workspace for the negative side's arrays ({@link #helperScope}). */
    private String negativeWorkspaceId() {
        return workspaceId + "-negative";
    }

    /** The second thread's workspace for the post-step forward. */
    private String postWorkspaceId() {
        return workspaceId + "-post";
    }

    // ---- package-private hooks for tests ----

    /** The live array of a parameter or of state. */
    INDArray array(String name) {
        awaitPostStep();
        return store.array(name);
    }

    /**
     * The loss terms and the gradients (copies, by parameter name) of a batch in training mode,
     * without any update.
     */
    Map.Entry<StepLosses, Map<String, INDArray>> lossAndGradients(
            TrainingBatch batch, long stepSeed) {
        settle();
        Inputs in = inputs(batch, false);
        Map<String, INDArray> copies = new LinkedHashMap<>();
        StepLosses losses;
        try (MemoryWorkspace ws = workspace()) {
            losses = lossAndGradients(in, new SplittableRandom(stepSeed));
            log.clear();
        }
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            copies.put(e.getKey(), e.getValue().dup());
        }
        return Map.entry(losses, copies);
    }

    // ---- internals ----

    /** The six inputs of a training batch as arrays. */
    private record Inputs(
            INDArray a, INDArray v, INDArray w, INDArray aNeg, INDArray vNeg, INDArray wNeg) {}

    /**
     * @param second which of the two sets of positive input arrays to fill (the negatives have one)
     */
    private Inputs inputs(TrainingBatch batch, boolean second) {
        checkOpen();
        Objects.requireNonNull(batch, "batch");
        int n = batch.size();
        if (n < 2) {
            throw new IllegalArgumentException(
                    "TrainingBatch.size must be >= 2 (BatchNorm), got " + n);
        }
        AvcaConfig c = config;
        String set = second ? "#2" : "";
        return new Inputs(
                inputs.reused("a" + set, "TrainingBatch.audio", batch.audio(), n, c.audioDim()),
                inputs.reused("v" + set, "TrainingBatch.video", batch.video(), n, c.videoDim()),
                inputs.reused("w" + set, "TrainingBatch.text", batch.text(), n, c.textDim()),
                inputs.reused("a_neg", "TrainingBatch.negAudio", batch.negAudio(), n, c.audioDim()),
                inputs.reused("v_neg", "TrainingBatch.negVideo", batch.negVideo(), n, c.videoDim()),
                inputs.reused("w_neg", "TrainingBatch.negText", batch.negText(), n, c.textDim()));
    }

    private MemoryWorkspace workspace() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId);
    }

    /**
     * The training pass of {@link AvcaGraph}'s loss, block calls (and so BatchNorm calls and mask
     * draws) in the same order, then its backward into {@link #grads}. The BatchNorm statistics are
     * left in {@link #log}.
     */
    private StepLosses lossAndGradients(Inputs in, SplittableRandom random) {
        gradBuffer.buffer().assign(0);
        long rows = in.a().rows();
        masks.begin(random, rows);
        MaskStream m = masks;
        Side pos = new Side(in.a(), in.v(), in.w());
        ForwardPass.Lane posLane = new ForwardPass.Lane(m, log);
        Future<Side> negFuture = null;
        if (m.prefetching() && layoutBatch == rows) {
            // The negative side needs nothing of the positive one until the losses: it runs on the
            // second thread, taking the masks of its sites, while this thread runs the positive
            // side and skips them. Its BatchNorm calls go to their places in the log afterwards.
            MaskSource negMasks = m.negative();
            negFuture = backwardThread().submit(() -> negativeForward(in, negMasks));
        }
        // after the negative side: this thread waits for that first
        submitPostStep();
        boolean done = false;
        try {
            Side neg;
            if (negFuture != null) {
                forward.side(false, pos, posLane);
                neg = HelperThreads.result(negFuture, "the negative clips' forward");
                log.merge(negLog, logLanes);
            } else {
                neg = new Side(in.aNeg(), in.vNeg(), in.wNeg());
                forward.inOrder(
                        pos, posLane, neg, new ForwardPass.Lane(m.negative(), log.negative()));
                logLanes = log.lanes();
                layoutBatch = rows;
            }
            m.end();
            StepLosses losses = lossAndGradients(pos, neg);
            done = true;
            return losses;
        } finally {
            if (!done) {
                // a failed pass leaves no statistics behind, and frees the second thread's scope
                // of the negative side's arrays once it is done
                if (negFuture != null) {
                    HelperThreads.awaitQuietly(negFuture);
                    HelperThreads.awaitQuietly(backwardThread().submit(this::closeHelperScope));
                }
                log.clear();
                negLog.clear();
            }
        }
    }

    /**
     * The negative side's forward, on {@link #backwardThread}, in a workspace scope of that thread
     * ({@link #helperScope}) that stays open until the next pass's: its arrays are read by this
     * pass's losses and negative backward, and its BatchNorm statistics by the running-statistics
     * update after Adam, on the calling thread. The last pass's scope is closed first: its
     * statistics were applied before this pass began.
     */
    private Side negativeForward(Inputs in, MaskSource masks) {
        closeHelperScope();
        // A workspace of its own: the second thread's other tasks (the post-step forward, the
        // negative backward) cycle theirs inside this scope, and a shared one would hold all of
        // them in one cycle larger than the one it learned its size from, spilling every step
        // (the step took 172-226 ms instead of 121-135).
        helperScope =
                Nd4j.getWorkspaceManager()
                        .getAndActivateWorkspace(WORKSPACE, negativeWorkspaceId());
        try {
            Side neg = new Side(in.aNeg(), in.vNeg(), in.wNeg());
            forward.side(true, neg, new ForwardPass.Lane(masks, negLog));
            return neg;
        } catch (RuntimeException | Error e) {
            negLog.clear();
            closeHelperScope();
            throw e;
        }
    }

    /** Closes {@link #helperScope} if open; on {@link #backwardThread}. */
    private void closeHelperScope() {
        MemoryWorkspace scope = helperScope;
        if (scope != null) {
            helperScope = null;
            scope.close();
        }
    }

    /**
     * The losses of a pass's forward ({@code p} positive, {@code n} negative), then its backward.
     */
    private StepLosses lossAndGradients(Side p, Side n) {
        Grad g = new Grad();
        INDArray w = p.w;
        double lRec =
                FusedLosses.mse(w, p.rhoV.output(), null, g.of(p.rhoV))
                        + FusedLosses.mse(w, p.rhoA.output(), null, g.of(p.rhoA))
                        + FusedLosses.mse(w, p.rhoW.output(), null, g.of(p.rhoW));
        double lCt = triplet(g, p.rhoW, p.rhoA, n.rhoA) + triplet(g, p.rhoW, p.rhoV, n.rhoV);
        double lW =
                triplet(g, p.thW, p.thA, n.thA)
                        + triplet(g, p.thA, p.thW, n.thW)
                        + triplet(g, p.thW, p.thV, n.thV)
                        + triplet(g, p.thV, p.thW, n.thW);
        double lT =
                triplet(g, p.thA, p.thW, n.thA)
                        + triplet(g, p.thV, p.thW, n.thV)
                        + triplet(g, p.thW, p.thA, n.thW)
                        + triplet(g, p.thW, p.thV, n.thW);
        double lR =
                mse(g, p.phiVRec, p.phiV)
                        + mse(g, p.phiARec, p.phiA)
                        + mse(g, p.thV, p.thW)
                        + mse(g, p.thA, p.thW);

        // Backward, consumers before producers. The negative pass's backward (the calls on the
        // negative clips and texts) depends on nothing of the positive pass's, so it runs on a
        // second thread into its own gradient buffer, added to the main one at the end: with one
        // native thread each, the two halves use both cores and give the same numbers every run.
        g.freeze();
        Future<?> neg = backwardThread().submit(() -> negativeBackward(g, n));
        // the other thread reads this pass's arrays: it must be done before they are released,
        // also when this thread fails
        HelperThreads.alongside(
                neg,
                "the negative pass's backward",
                () -> {
                    g.add(p.thV, dec.backward(p.rhoV, g.of(p.rhoV), true));
                    g.add(p.thA, dec.backward(p.rhoA, g.of(p.rhoA), true));
                    g.add(p.thA, aRec.backward(p.phiARec, g.of(p.phiARec), true));
                    g.add(p.thV, vRec.backward(p.phiVRec, g.of(p.phiVRec), true));
                    g.add(p.thW, dec.backward(p.rhoW, g.of(p.rhoW), true));
                    wProj.backward(p.thW, g.of(p.thW), false);
                    INDArray dPhiA2 = aProj.backward(p.thA, g.of(p.thA), true);
                    INDArray dPhiV2 = vProj.backward(p.thV, g.of(p.thV), true);
                    INDArray[] dt = attention.backward(p.t, dPhiA2, dPhiV2);
                    g.add(p.phiA, dPhiA2.addi(dt[0]));
                    g.add(p.phiV, dPhiV2.addi(dt[1]));
                    vEnc.backward(p.phiV, g.of(p.phiV), false);
                    aEnc.backward(p.phiA, g.of(p.phiA), false);
                });
        gradBuffer.buffer().addi(negGradBuffer.buffer());
        return new StepLosses(lRec + lCt + lW + lT + lR, lRec, lCt, lW, lT, lR);
    }

    /** The backward of the negative side, on {@link #backwardThread} in its own workspace. */
    private void negativeBackward(Grad g, Side s) {
        NegativeBackward n = negative;
        try (MemoryWorkspace ws = workspace()) {
            negGradBuffer.buffer().assign(0);
            g.add(s.thV, n.dec().backward(s.rhoV, g.of(s.rhoV), true));
            g.add(s.thA, n.dec().backward(s.rhoA, g.of(s.rhoA), true));
            n.wProj().backward(s.thW, g.of(s.thW), false);
            INDArray dPhiA2Neg = n.aProj().backward(s.thA, g.of(s.thA), true);
            INDArray dPhiV2Neg = n.vProj().backward(s.thV, g.of(s.thV), true);
            INDArray[] dtNeg = n.attention().backward(s.t, dPhiA2Neg, dPhiV2Neg);
            n.vEnc().backward(s.phiV, dPhiV2Neg.addi(dtNeg[1]), false);
            n.aEnc().backward(s.phiA, dPhiA2Neg.addi(dtNeg[0]), false);
        }
    }

    private ExecutorService backwardThread() {
        if (backwardThread == null) {
            backwardThread = HelperThreads.single("avca4j-backward");
        }
        return backwardThread;
    }

    /**
     * The post-step training-mode forward of the positive batch, for its statistics only, applied
     * to the running statistics: on {@link #backwardThread}, in its workspace. Its masks continue
     * the step's random stream where the step's own pass left it, as before the forward moved to
     * this thread.
     */
    private void postStepInBackground(Inputs in, SplittableRandom random) {
        // its own workspace, as the negative side's forward (see there)
        try (MemoryWorkspace ws =
                Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, postWorkspaceId())) {
            postMasks.begin(random, in.a().rows());
            MaskStream m = postMasks;
            BatchNormLog l = postLog;
            FusedBlock.Call phiA = aEnc.train(in.a(), m, l, true);
            FusedBlock.Call phiV = vEnc.train(in.v(), m, l, true);
            wProj.train(in.w(), m, l, false);
            FusedAttention.Call t = attention.apply(phiA.output(), phiV.output(), m);
            vProj.train(phiV.output().add(t.video()), m, l, false);
            aProj.train(phiA.output().add(t.audio()), m, l, false);
            m.end();
            l.apply();
        } finally {
            postLog.clear();
        }
    }

    private float[] embedClips(boolean video, float[] audio, float[] visual, int n) {
        settle();
        INDArray a = inputs.rows("audio", audio, n, config.audioDim());
        INDArray v = inputs.rows("video", visual, n, config.videoDim());
        try (MemoryWorkspace ws = workspace()) {
            INDArray phiA = aEnc.infer(a);
            INDArray phiV = vEnc.infer(v);
            FusedAttention.Call t = attention.apply(phiA, phiV, null);
            INDArray out =
                    video ? vProj.infer(phiV.addi(t.video())) : aProj.infer(phiA.addi(t.audio()));
            return out.data().asFloat();
        } finally {
            a.close();
            v.close();
        }
    }

    private static double triplet(Grad g, FusedBlock.Call a, FusedBlock.Call p, FusedBlock.Call n) {
        return FusedLosses.triplet(a.output(), p.output(), n.output(), g.of(a), g.of(p), g.of(n));
    }

    private static double mse(Grad g, FusedBlock.Call a, FusedBlock.Call b) {
        return FusedLosses.mse(a.output(), b.output(), g.of(a), g.of(b));
    }

    /**
     * The gradient of each call's output, created as zeros on first use until {@link #freeze()};
     * after that the map is only read, so the two backward threads can share it.
     */
    private static final class Grad {
        private final Map<FusedBlock.Call, INDArray> of = new java.util.IdentityHashMap<>();
        private boolean frozen;

        INDArray of(FusedBlock.Call c) {
            INDArray d = of.get(c);
            if (d == null) {
                if (frozen) {
                    throw new IllegalStateException("no loss reached this call's output");
                }
                d = c.output().ulike().assign(0);
                of.put(c, d);
            }
            return d;
        }

        void freeze() {
            frozen = true;
        }

        void add(FusedBlock.Call c, INDArray d) {
            of(c).addi(d);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("FusedAvcaNetwork is closed");
        }
    }

    /** Builds a {@link FusedAvcaNetwork}. */
    public static final class Builder extends AvcaNetworkBuilder<Builder> {

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * @throws IllegalStateException if no config was set
         */
        public FusedAvcaNetwork build() {
            checkRequired("FusedAvcaNetwork");
            return new FusedAvcaNetwork(this);
        }
    }
}
