package org.avca4j.trainer.method.clipclap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.evaluation.ScoringKernel;
import org.avca4j.trainer.method.ClipInputs;
import org.avca4j.trainer.method.ExtraTrainPass;
import org.avca4j.trainer.method.GraphMethodNetwork;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.method.PairedBatch;
import org.avca4j.trainer.method.TwoBranchNetwork;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.model.InputArrays;
import org.avca4j.trainer.model.MethodGraph;
import org.avca4j.trainer.model.SuccessorEmbeddingNet;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ClipClap's network and loss on a {@link MethodGraph} (SUCCESSORS-SPEC §2.3–2.4):
 *
 * <pre>
 *   x = [v ‖ a]          θo = O_proj(O_enc(x))      ρo = D_o(θo)
 *   ŵ = W_enc(w)          θw = W_proj(ŵ)             ρw = D_w(θw)
 *   l_ce  = CE(θo · W_proj(W_enc(E))ᵀ, idx(y))      l_reg = MSE(θo, θw)
 *   l_rec = MSE(ŵ, ρo) + MSE(ŵ, ρw)                  loss  = l_ce + l_reg + l_rec
 * </pre>
 *
 * The reconstruction target is the learned ŵ, and gradients flow into W_enc through it. Inference:
 * θo of the clips, W_proj(W_enc(w_c)) of the candidates, L2 distances. BatchNorm calls of a step,
 * in order: O_enc, W_enc(w), O_proj, D_o, W_proj(ŵ), D_w, W_enc(E), W_proj(Ê); then, with {@code
 * extra_train_pass=reference} (the default), the reference's training-mode forward after the update
 * (SUCCESSORS-SPEC §0 "One training step", §2.4): O_enc, W_enc(w), O_proj, W_proj, outputs unused,
 * dropout on.
 *
 * <p>Known difference from the reference, named: it also runs O_proj and D_o a second time per step
 * on its unused negative clips, which moves only BatchNorm running statistics and is not reproduced
 * here. Not thread-safe.
 */
public final class ClipClapNetwork implements GraphMethodNetwork {

    /** Inference output: θo of the clips {@code [n, embedDim]}. */
    public static final String THETA_O = "theta_o";

    /** Inference output: θw of class texts {@code [c, embedDim]}. */
    static final String THETA_W = TwoBranchNetwork.THETA_W;

    /** Training input: one-hot position of each clip's class among the training classes. */
    static final String LABELS = "labels";

    private final MethodContext context;
    private final ClipClapSettings settings;
    private final MethodGraph graph;
    private final String architecture;

    private ClipClapNetwork(
            MethodContext context,
            ClipClapSettings settings,
            double weightDecay,
            DataType dataType) {
        this.context = context;
        this.settings = settings;
        this.graph = new MethodGraph(dataType, context.seed());
        this.architecture = GraphMethodNetwork.architecture(ClipClapMethod.ID, context, settings);
        build(weightDecay);
    }

    static ClipClapNetwork create(MethodContext context, ClipClapSettings settings) {
        return new ClipClapNetwork(context, settings, ClipClapMethod.WEIGHT_DECAY, DataType.FLOAT);
    }

    /** For gradient checks: every array in the given precision, and a chosen weight decay. */
    static ClipClapNetwork create(
            MethodContext context, ClipClapSettings settings, double weightDecay, DataType type) {
        return new ClipClapNetwork(context, settings, weightDecay, type);
    }

    private void build(double weightDecay) {
        SameDiff sd = graph.sameDiff();
        int da = context.audioDim();
        int dv = context.videoDim();
        int t = context.textDim();
        int k = context.trainClassCount();
        ClipClapSettings s = settings;
        SuccessorEmbeddingNet oEnc =
                new SuccessorEmbeddingNet(
                        graph, "O_enc", dv + da, 0, s.latentDim(), s.encoderDropout());
        SuccessorEmbeddingNet wEnc =
                new SuccessorEmbeddingNet(graph, "W_enc", t, 0, s.latentDim(), s.encoderDropout());
        SuccessorEmbeddingNet oProj =
                new SuccessorEmbeddingNet(
                        graph,
                        "O_proj",
                        s.latentDim(),
                        s.decoderHidden(),
                        s.embedDim(),
                        s.decoderDropout());
        SuccessorEmbeddingNet dO =
                new SuccessorEmbeddingNet(
                        graph,
                        "D_o",
                        s.embedDim(),
                        s.decoderHidden(),
                        s.latentDim(),
                        s.decoderDropout());
        SuccessorEmbeddingNet wProj =
                new SuccessorEmbeddingNet(
                        graph, "W_proj", s.latentDim(), 0, s.embedDim(), s.wordDropout());
        SuccessorEmbeddingNet dW =
                new SuccessorEmbeddingNet(
                        graph, "D_w", s.embedDim(), 0, s.latentDim(), s.wordDropout());

        SDVariable a = graph.input(PairedBatch.AUDIO, da);
        SDVariable v = graph.input(PairedBatch.VIDEO, dv);
        SDVariable w = graph.input(PairedBatch.TEXT, t);
        SDVariable y = graph.input(LABELS, k);
        SDVariable e = graph.constant("E_train", context.trainClassText(), k, t);
        SDVariable x = sd.concat(1, v, a);

        SDVariable h = oEnc.train(x);
        SDVariable wHat = wEnc.train(w);
        SDVariable thetaO = oProj.train(h);
        SDVariable rhoO = dO.train(thetaO);
        SDVariable thetaW = wProj.train(wHat);
        SDVariable rhoW = dW.train(thetaW);
        SDVariable classes = wProj.trainRows(wEnc.trainRows(e, k), k); // [K, e]

        SDVariable logits = sd.mmul(thetaO, classes, false, true, false); // [B, K]
        SDVariable ce = crossEntropy(sd, logits, y);
        SDVariable reg = graph.mse(thetaO, thetaW);
        SDVariable rec = graph.mse(wHat, rhoO).add(graph.mse(wHat, rhoW));
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("ce", ce);
        terms.put("reg", reg);
        terms.put("rec", rec);
        if (s.extraTrainPass() == ExtraTrainPass.REFERENCE) {
            graph.beginPostStep();
            SDVariable postH = oEnc.train(x);
            SDVariable postW = wEnc.train(w);
            oProj.train(postH);
            wProj.train(postW);
        }
        graph.finishTraining(
                ce.add(reg).add(rec), terms, new AdamSettings(0.9, 0.999, 1e-8, weightDecay));

        oProj.infer(oEnc.infer(x)).rename(THETA_O);
        wProj.infer(wEnc.infer(w)).rename(THETA_W);
    }

    /**
     * Mean over rows of {@code lse(z) − Σ_k y_k·z_k} with one-hot y: PyTorch's CrossEntropyLoss.
     * Written from exp and log with the row maximum subtracted (ND4J's log-softmax op cannot be
     * copied into the gradient function, see CJME's entropy).
     */
    private static SDVariable crossEntropy(SameDiff sd, SDVariable logits, SDVariable oneHot) {
        SDVariable max = logits.max(true, 1);
        SDVariable shifted = logits.sub(max);
        SDVariable lse = sd.math.log(sd.math.exp(shifted).sum(true, 1));
        return lse.sub(shifted.mul(oneHot).sum(true, 1)).mean();
    }

    /** The graph, for tests and export. */
    @Override
    public MethodGraph graph() {
        return graph;
    }

    /** The settings the network was built with. */
    public ClipClapSettings settings() {
        return settings;
    }

    /** The stage the network was built for. */
    public MethodContext context() {
        return context;
    }

    /** The graph inputs of a batch: audio, video, text and the one-hot class positions. */
    Map<String, float[]> inputs(TrainingBatch batch) {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put(PairedBatch.AUDIO, batch.audio());
        m.put(PairedBatch.VIDEO, batch.video());
        m.put(PairedBatch.TEXT, batch.text());
        m.put(LABELS, ClipInputs.oneHot(context.rows(batch.labels()), context.trainClassCount()));
        return m;
    }

    /**
     * @throws IllegalArgumentException if the widths do not match or a label is not a training
     *     class
     */
    @Override
    public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
        return TwoBranchNetwork.lossTerms(
                graph.step(inputs(batch), batch.size(), learningRate, stepSeed));
    }

    /**
     * θo of {@code n} clips (inference mode).
     *
     * @throws IllegalArgumentException if the widths do not match
     */
    public float[] embedClips(float[] audio, float[] video, int n) {
        InputArrays.checkLength("audio", audio, n, context.audioDim());
        InputArrays.checkLength("video", video, n, context.videoDim());
        Map<String, float[]> in = new LinkedHashMap<>();
        in.put(PairedBatch.AUDIO, audio);
        in.put(PairedBatch.VIDEO, video);
        return graph.infer(in, List.of(THETA_O)).get(THETA_O);
    }

    /**
     * θw = W_proj(W_enc(w)) of {@code c} class texts (inference mode).
     *
     * @throws IllegalArgumentException if the width does not match
     */
    public float[] embedText(float[] text, int c) {
        InputArrays.checkLength("text", text, c, context.textDim());
        return graph.infer(Map.of(PairedBatch.TEXT, text), List.of(THETA_W)).get(THETA_W);
    }

    /**
     * @throws IllegalArgumentException if the widths do not match the network
     */
    @Override
    public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
        float[] theta = embedClips(audio, video, n);
        float[] classes = embedText(text, c);
        int dim = settings.embedDim();
        float[] d = new float[n * c];
        for (int i = 0; i < n; i++) {
            ScoringKernel.distances(theta, i * dim, classes, c, dim, d, i * c);
        }
        return ModeDistances.single(d, n, c);
    }

    /** The line this network's checkpoints carry ({@link GraphMethodNetwork#architecture}). */
    @Override
    public String architecture() {
        return architecture;
    }
}
