package org.avca4j.trainer.method.tcaf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;
import org.avca4j.trainer.method.ExtraTrainPass;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.model.GraphLayers;
import org.avca4j.trainer.model.MethodGraph;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TCaF's training network (SUCCESSORS-SPEC §1.4–1.6) as a SameDiff graph over batches padded to
 * fixed lengths {@code La, Lv}: training-mode BatchNorm of the encoders over the token rows that
 * the reference's batch holds, padding rows included (quirk 2, {@link PaddingStatistics#REFERENCE})
 * or real rows only ({@link PaddingStatistics#MASKED}), dropout at every site of the reference, the
 * published loss of {@link TcafLoss} and Adam with weight decay added to the gradient. With {@link
 * ExtraTrainPass#REFERENCE} each step ends with the reference's extra training-mode forward (quirk
 * 7, §1.6: A_enc, V_enc, O_proj, W_proj(ŵ), inference time codes, dropout on, outputs unused). An
 * inference branch (running statistics, no dropout, inference time codes) gives θo and θw from the
 * same placeholders.
 *
 * <p>The graph's lengths may exceed a batch's longest clip (a graph for a whole set): rows past the
 * batch's longest are masked in attention, where they never reach the class token, and left out of
 * the BatchNorm batch, so a step equals the reference's on the batch padded to its longest.
 *
 * <p>Inputs, one row per clip: {@code audio [La·da]}, {@code video [Lv·dv]}, {@code audio_mask
 * [La]}, {@code video_mask [Lv]} (1 = real row), {@code audio_bn [La]}, {@code video_bn [Lv]} (1 =
 * row of the encoders' BatchNorm batch, training only), {@code text [textDim]} (ŵ of the clip's
 * class) and {@code label [K]} (one-hot position among the sorted training classes). Arrays are
 * named as in {@link TcafWeights}, from which they are initialised.
 */
public final class TcafGraph implements AutoCloseable {

    /** Output name of the inference θo {@code [B, 64]}. */
    public static final String THETA_O = "tcaf.theta_o";

    /** Output name of the inference θw {@code [B, 64]} of the {@code text} input. */
    public static final String THETA_W = "tcaf.theta_w";

    private static final double NORMALIZE_EPS = 1e-12;

    /** The three forwards of the graph. */
    private enum Mode {
        /** The step's forward: batch statistics, dropout, training time codes. */
        TRAIN,
        /** The extra forward after the step: batch statistics, dropout, inference time codes. */
        POST,
        /** Inference: running statistics, no dropout, inference time codes. */
        INFER;

        boolean batchStatistics() {
            return this != INFER;
        }
    }

    private final MethodGraph g;
    private final SameDiff sd;
    private final TcafSettings s;
    private final int la;
    private final int lv;
    private final int da;
    private final int dv;
    private final SDVariable audio;
    private final SDVariable video;
    private final SDVariable audioMask;
    private final SDVariable videoMask;
    private final SDVariable audioRows;
    private final SDVariable videoRows;
    private final Net aenc;
    private final Net venc;
    private final Net oproj;
    private final Net decO;
    private final Net wproj;
    private final Net decW;
    private final MethodGraph.Dense time;
    private final MethodGraph.Dense tokA;
    private final MethodGraph.Dense tokV;
    private final SDVariable frequencies;
    private final SDVariable modality;
    private final SDVariable pad;
    private final SDVariable cls;
    private final Layer[] layers;
    private final FrameRates rates;

    /**
     * Builds the graph and copies {@code initial}'s arrays into it.
     *
     * @param initial the initial weights (shapes and settings)
     * @param rates the feature set's frame rates (training time stamps {@code k·r})
     * @param audioLength padded audio rows per clip
     * @param videoLength padded video rows per clip
     * @param classText the raw text of the K training classes in ascending id order, {@code
     *     [K][textDim]}
     * @param dataType FLOAT, or DOUBLE for checks
     * @param adam the optimiser's settings
     * @throws IllegalArgumentException if a length is below 1 or the text width differs from the
     *     network's
     */
    public TcafGraph(
            TcafWeights initial,
            FrameRates rates,
            int audioLength,
            int videoLength,
            double[][] classText,
            DataType dataType,
            AdamSettings adam) {
        if (audioLength < 1 || videoLength < 1) {
            throw new IllegalArgumentException(
                    "TcafGraph: lengths must be >= 1, got audio "
                            + audioLength
                            + ", video "
                            + videoLength);
        }
        int dt = initial.textDim();
        int k = classText.length;
        float[] e = new float[k * dt];
        for (int c = 0; c < k; c++) {
            if (classText[c].length != dt) {
                throw new IllegalArgumentException(
                        "TcafGraph: class text "
                                + c
                                + " has "
                                + classText[c].length
                                + " values, the network expects "
                                + dt);
            }
            for (int j = 0; j < dt; j++) {
                e[c * dt + j] = (float) classText[c][j];
            }
        }
        this.s = initial.settings();
        this.rates = rates;
        this.la = audioLength;
        this.lv = videoLength;
        this.da = initial.audioDim();
        this.dv = initial.videoDim();
        this.g = new MethodGraph(dataType, 0);
        this.sd = g.sameDiff();
        int d = TcafSettings.MODEL_DIM;
        int td = TcafSettings.TIME_DIM;
        int emb = TcafSettings.EMBEDDING_DIM;
        audio = g.input("audio", la * da);
        video = g.input("video", lv * dv);
        audioMask = g.input("audio_mask", la);
        videoMask = g.input("video_mask", lv);
        audioRows = g.input("audio_bn", la).reshape(-1, 1);
        videoRows = g.input("video_bn", lv).reshape(-1, 1);
        SDVariable text = g.input("text", dt);
        SDVariable label = g.input("label", k);
        aenc = new Net("aenc", da, s.encoderHidden(), d, s.encoderDropout());
        venc = new Net("venc", dv, s.encoderHidden(), d, s.encoderDropout());
        frequencies = g.buffer("time.R", 2, td / 2);
        time = g.dense("time", td, td);
        modality = g.parameter("modality", 2, td);
        pad = g.parameter("pad", td);
        tokA = g.dense("tok_a", d + td, d);
        tokV = g.dense("tok_v", d + td, d);
        cls = g.parameter("cls", d);
        layers = new Layer[s.depth()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new Layer("layer" + l + ".");
        }
        oproj = new Net("oproj", d, TcafSettings.DECODER_HIDDEN, emb, s.decoderDropout());
        decO = new Net("dec_o", emb, TcafSettings.DECODER_HIDDEN, dt, s.decoderDropout());
        wproj = new Net("wproj", dt, 0, emb, s.textDropout());
        decW = new Net("dec_w", emb, 0, dt, s.textDropout());

        // training branch, BatchNorm calls in the reference's order (§1.6)
        SDVariable thetaO = oproj.train(clipSequence(Mode.TRAIN), 1);
        SDVariable rhoO = decO.train(thetaO, 1);
        SDVariable thetaW = wproj.train(text, 1);
        SDVariable rhoW = decW.train(thetaW, 1);
        SDVariable classes = wproj.trainRows(g.constant("tcaf.classes", e, k, dt), k);
        SDVariable logits = sd.mmul(thetaO, classes, false, true, false);
        SDVariable max = logits.max(true, 1);
        SDVariable shifted = logits.sub(max);
        SDVariable logSoftmax = shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
        SDVariable ce = logSoftmax.mul(label).sum(1).mean().neg();
        SDVariable reg = g.mse(thetaO, thetaW);
        SDVariable rec = g.mse(text, rhoO).add(g.mse(text, rhoW));
        SDVariable loss = ce.add(reg).add(rec);
        Map<String, SDVariable> terms = new LinkedHashMap<>();
        terms.put("ce", ce);
        terms.put("reg", reg);
        terms.put("rec", rec);

        if (s.extraTrainPass() == ExtraTrainPass.REFERENCE) {
            // quirk 7: after the update, the positives once more in training mode (§1.6 order)
            g.beginPostStep();
            oproj.train(clipSequence(Mode.POST), 1);
            wproj.train(text, 1);
        }

        // inference branch
        oproj.infer(clipSequence(Mode.INFER)).rename(THETA_O);
        wproj.infer(text).rename(THETA_W);
        g.finishTraining(loss, terms, adam);
        load(initial);
    }

    /** The graph (steps, inference, arrays, checkpoints). */
    public MethodGraph graph() {
        return g;
    }

    /** Padded audio rows per clip. */
    public int audioLength() {
        return la;
    }

    /** Padded video rows per clip. */
    public int videoLength() {
        return lv;
    }

    /**
     * One training step on a collated batch: loss and gradient in training mode, Adam's update,
     * then the running statistics; then, with {@link ExtraTrainPass#REFERENCE}, the extra
     * training-mode forward, which moves the running statistics once more.
     *
     * @param batch clips padded to this graph's lengths
     * @param embeddings the raw text of every class id
     * @param trainingClasses the sorted training class ids (the order of the one-hot labels)
     * @return the loss ("total") and its terms
     * @throws IllegalArgumentException if the batch's lengths differ from the graph's or a label is
     *     not a training class
     */
    public Map<String, Double> step(
            SequenceBatch batch,
            float[][] embeddings,
            int[] trainingClasses,
            double learningRate,
            long stepSeed) {
        return g.step(
                inputs(batch, embeddings, trainingClasses), batch.size(), learningRate, stepSeed);
    }

    /**
     * The MethodGraph inputs of a collated batch. The encoders' BatchNorm batch is as the settings'
     * {@link PaddingStatistics} says, over the rows the reference's collator gives the batch: the
     * graph's lengths with a training window, else each modality's longest clip of the batch.
     *
     * @throws IllegalArgumentException as {@link #step}
     */
    public Map<String, float[]> inputs(
            SequenceBatch batch, float[][] embeddings, int[] trainingClasses) {
        Map<String, float[]> m = sequenceInputs(batch);
        boolean window = s.trainWindow() > 0;
        int audioBatch = window ? la : longest(batch.audioMask(), la);
        int videoBatch = window ? lv : longest(batch.videoMask(), lv);
        m.put("audio_bn", s.paddingStatistics().rowWeights(batch.audioMask(), la, audioBatch));
        m.put("video_bn", s.paddingStatistics().rowWeights(batch.videoMask(), lv, videoBatch));
        int n = batch.size();
        int k = trainingClasses.length;
        int dt = embeddings[trainingClasses[0]].length;
        float[] text = new float[n * dt];
        float[] label = new float[n * k];
        for (int i = 0; i < n; i++) {
            int y = batch.labels()[i];
            int pos = Arrays.binarySearch(trainingClasses, y);
            if (pos < 0) {
                throw new IllegalArgumentException(
                        "TcafGraph: label "
                                + y
                                + " of clip "
                                + i
                                + " is not a training class "
                                + Arrays.toString(trainingClasses));
            }
            System.arraycopy(embeddings[y], 0, text, i * dt, dt);
            label[i * k + pos] = 1;
        }
        m.put("text", text);
        m.put("label", label);
        return m;
    }

    /** The most real rows of any clip (at least 1: the reference pads an empty batch to 1). */
    private static int longest(float[] mask, int length) {
        int most = 1;
        for (int b = 0; b < mask.length / length; b++) {
            int real = 0;
            for (int k = 0; k < length; k++) {
                real += mask[b * length + k] > 0 ? 1 : 0;
            }
            most = Math.max(most, real);
        }
        return most;
    }

    /**
     * θo {@code [B*64]} of a collated batch (inference mode).
     *
     * @throws IllegalArgumentException if the batch's lengths differ from the graph's
     */
    public float[] clipEmbeddings(SequenceBatch batch) {
        return g.infer(sequenceInputs(batch), List.of(THETA_O)).get(THETA_O);
    }

    /** θw {@code [C*64]} of candidates' raw text, row-major {@code [C*textDim]}. */
    public float[] textEmbeddings(float[] text) {
        return g.infer(Map.of("text", text), List.of(THETA_W)).get(THETA_W);
    }

    private Map<String, float[]> sequenceInputs(SequenceBatch batch) {
        if (batch.audioLength() != la || batch.videoLength() != lv) {
            throw new IllegalArgumentException(
                    "TcafGraph: batch padded to audio "
                            + batch.audioLength()
                            + ", video "
                            + batch.videoLength()
                            + " rows; this graph takes "
                            + la
                            + ", "
                            + lv);
        }
        Map<String, float[]> m = new HashMap<>();
        m.put("audio", batch.audio());
        m.put("video", batch.video());
        m.put("audio_mask", batch.audioMask());
        m.put("video_mask", batch.videoMask());
        return m;
    }

    /**
     * Copies every array of {@code w} (parameters, BatchNorm state, Fourier matrix) into the graph.
     *
     * @throws IllegalArgumentException if an array's size differs from the graph's
     */
    public void load(TcafWeights w) {
        for (Map.Entry<String, double[]> en : w.arrays().entrySet()) {
            var arr = g.array(en.getKey());
            if (arr.length() != en.getValue().length) {
                throw new IllegalArgumentException(
                        "TcafGraph: array "
                                + en.getKey()
                                + " holds "
                                + arr.length()
                                + " values, the weights "
                                + en.getValue().length);
            }
            arr.assign(Nd4j.create(en.getValue()).castTo(arr.dataType()).reshape(arr.shape()));
        }
    }

    /** Writes the graph's arrays back into {@code w} (e.g. for {@link TcafForward} or export). */
    public void store(TcafWeights w) {
        for (Map.Entry<String, double[]> en : w.arrays().entrySet()) {
            double[] src = g.array(en.getKey()).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(src, 0, en.getValue(), 0, src.length);
        }
    }

    @Override
    public void close() {
        g.close();
    }

    /** The class token's output {@code [B, 300]} of the transformer. */
    private SDVariable clipSequence(Mode mode) {
        int d = TcafSettings.MODEL_DIM;
        int n = 1 + la + lv;
        SDVariable a = audio.mul(1.0 / 255).reshape(-1, da);
        SDVariable v3 = video.reshape(-1, lv, dv);
        SDVariable norm = v3.norm2(true, 1);
        SDVariable clamped = sd.nn.relu(norm.sub(NORMALIZE_EPS), 0).add(NORMALIZE_EPS);
        SDVariable v = v3.div(clamped).reshape(-1, dv);
        SDVariable ta = tokens(aenc, tokA, 0, a, audioMask, audioRows, la, rates.audio(), mode);
        SDVariable tv = tokens(venc, tokV, 1, v, videoMask, videoRows, lv, rates.video(), mode);
        SDVariable ones = audioMask.get(SDIndex.all(), SDIndex.interval(0, 1)).mul(0).add(1);
        SDVariable clsRows = ones.reshape(-1, 1, 1).mul(cls.reshape(1, 1, d));
        SDVariable x = sd.concat(1, clsRows, ta.reshape(-1, la, d), tv.reshape(-1, lv, d));
        SDVariable real = sd.concat(1, ones, audioMask, videoMask);
        SDVariable pairs = real.reshape(-1, n, 1).mul(real.reshape(-1, 1, n));
        SDVariable allowed = pairs.mul(crossModal(n)).reshape(-1, 1, n, n);
        SDVariable blocked = allowed.sub(1).mul(Float.MAX_VALUE);
        SDVariable rows = x.reshape(-1, d);
        for (Layer layer : layers) {
            rows = layer.apply(rows, allowed, blocked, n, mode.batchStatistics());
        }
        return rows.reshape(-1, n, d).get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
    }

    /** 1 where tokens i and j are of different modalities or one is the class token. */
    private SDVariable crossModal(int n) {
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int mi = i == 0 ? 0 : (i <= la ? 1 : 2);
                int mj = j == 0 ? 0 : (j <= la ? 1 : 2);
                m[i * n + j] = mi != 0 && mi == mj ? 0f : 1f;
            }
        }
        return g.constant("tcaf.cross" + (constants++), m, n, n).reshape(1, n, n);
    }

    private int constants;

    private SDVariable tokens(
            Net enc,
            MethodGraph.Dense proj,
            int mod,
            SDVariable rows,
            SDVariable mask,
            SDVariable statisticsRows,
            int length,
            double rate,
            Mode mode) {
        boolean train = mode.batchStatistics();
        int d = TcafSettings.MODEL_DIM;
        int td = TcafSettings.TIME_DIM;
        SDVariable encoded =
                train ? enc.trainWeighted(rows, statisticsRows, length) : enc.infer(rows);
        double[] t = TcafTimeCode.times(length, rate, mode == Mode.TRAIN, s.timeCodes());
        SDVariable times =
                sd.constant(
                        "tcaf.times" + (constants++),
                        Nd4j.create(t, new long[] {length, 1}, DataType.DOUBLE)
                                .castTo(g.dataType()));
        SDVariable r = frequencies.sum(true, 0);
        SDVariable angle = sd.mmul(times, r).mul(2 * Math.PI);
        SDVariable code = time.apply(sd.concat(1, sd.math.sin(angle), sd.math.cos(angle)));
        SDVariable m = modality.get(SDIndex.interval(mod, mod + 1), SDIndex.all());
        SDVariable perStep = code.add(m).reshape(1, length, td);
        SDVariable padded = mask.rsub(1).reshape(-1, length, 1).mul(pad.reshape(1, 1, td));
        SDVariable extra = padded.add(perStep);
        SDVariable in = sd.concat(2, encoded.reshape(-1, length, d), extra).reshape(-1, d + td);
        SDVariable tok = proj.apply(in);
        return train
                ? GraphLayers.dropout(tok, g.pass().mask(length, d, s.embeddingDropout()))
                : tok;
    }

    /**
     * EmbeddingNet: Linear → BatchNorm → ReLU → Dropout (→ Linear → BatchNorm → ReLU → Dropout).
     */
    private final class Net {
        private final MethodGraph.Dense fc1;
        private final MethodGraph.Norm bn1;
        private final MethodGraph.Dense fc2;
        private final MethodGraph.Norm bn2;
        private final int w1;
        private final int w2;
        private final double dropout;

        Net(String name, int in, int hidden, int out, double dropout) {
            int first = hidden > 0 ? hidden : out;
            fc1 = g.dense(name + ".fc1", in, first);
            bn1 = g.norm(name + ".bn1", first);
            fc2 = hidden > 0 ? g.dense(name + ".fc2", hidden, out) : null;
            bn2 = hidden > 0 ? g.norm(name + ".bn2", out) : null;
            w1 = first;
            w2 = out;
            this.dropout = dropout;
        }

        SDVariable train(SDVariable x, int rowsPerClip) {
            return trainWeighted(x, null, rowsPerClip);
        }

        /**
         * As {@link #train} with the BatchNorm batch weighted by {@code w [rows, 1]} (null: every
         * row).
         */
        SDVariable trainWeighted(SDVariable x, SDVariable w, int rowsPerClip) {
            SDVariable h =
                    GraphLayers.dropout(
                            relu(norm(bn1, fc1.apply(x), w, rowsPerClip)),
                            g.pass().mask(rowsPerClip, w1, dropout));
            if (fc2 == null) {
                return h;
            }
            return GraphLayers.dropout(
                    relu(norm(bn2, fc2.apply(h), w, rowsPerClip)),
                    g.pass().mask(rowsPerClip, w2, dropout));
        }

        private SDVariable norm(MethodGraph.Norm bn, SDVariable x, SDVariable w, int rowsPerClip) {
            return w == null ? bn.trainPerClip(x, rowsPerClip) : bn.trainWeighted(x, w);
        }

        SDVariable trainRows(SDVariable x, int rows) {
            SDVariable h =
                    GraphLayers.dropout(
                            relu(bn1.train(fc1.apply(x), rows)),
                            g.pass().fixedMask(rows, w1, dropout));
            if (fc2 == null) {
                return h;
            }
            return GraphLayers.dropout(
                    relu(bn2.train(fc2.apply(h), rows)), g.pass().fixedMask(rows, w2, dropout));
        }

        SDVariable infer(SDVariable x) {
            SDVariable h = relu(bn1.infer(fc1.apply(x)));
            return fc2 == null ? h : relu(bn2.infer(fc2.apply(h)));
        }

        private SDVariable relu(SDVariable x) {
            return sd.nn.relu(x, 0);
        }
    }

    /** A pre-norm layer with one LayerNorm for both sub-layers. */
    private final class Layer {
        private final SDVariable gamma;
        private final SDVariable beta;
        private final SDVariable q;
        private final SDVariable k;
        private final SDVariable v;
        private final MethodGraph.Dense o;
        private final MethodGraph.Dense ff1;
        private final MethodGraph.Dense ff2;

        Layer(String p) {
            int d = TcafSettings.MODEL_DIM;
            int aw = s.attentionWidth();
            gamma = g.parameter(p + "ln.gamma", d);
            beta = g.parameter(p + "ln.beta", d);
            q = g.parameter(p + "q", d, aw);
            k = g.parameter(p + "k", d, aw);
            v = g.parameter(p + "v", d, aw);
            o = g.dense(p + "o", aw, d);
            ff1 = g.dense(p + "ff1", d, TcafSettings.FF_HIDDEN);
            ff2 = g.dense(p + "ff2", TcafSettings.FF_HIDDEN, d);
        }

        SDVariable apply(
                SDVariable x, SDVariable allowed, SDVariable blocked, int n, boolean train) {
            int d = TcafSettings.MODEL_DIM;
            int h = s.heads();
            int dh = s.headDim();
            SDVariable ln = GraphLayers.layerNorm(sd, x, gamma, beta);
            SDVariable qh = heads(sd.mmul(ln, q), n, h, dh);
            SDVariable kh = heads(sd.mmul(ln, k), n, h, dh);
            SDVariable vh = heads(sd.mmul(ln, v), n, h, dh);
            SDVariable scores =
                    sd.mmul(qh, kh, false, true, false)
                            .mul(1.0 / Math.sqrt(dh))
                            .reshape(-1, h, n, n);
            SDVariable masked = scores.mul(allowed).add(blocked);
            // shifted by the row maximum here: a padded query row is all −FLT_MAX, which ND4J's
            // softmax would turn into 0/0 instead of PyTorch's uniform weights
            masked = masked.sub(masked.max(true, 3));
            SDVariable p = sd.nn.softmax(masked, 3).reshape(-1, n, n);
            SDVariable att =
                    sd.mmul(p, vh).reshape(-1, h, n, dh).permute(0, 2, 1, 3).reshape(-1, h * dh);
            SDVariable y = x.add(drop(o.apply(att), n, d, train));
            SDVariable f =
                    drop(
                            GraphLayers.gelu(
                                    sd, ff1.apply(GraphLayers.layerNorm(sd, y, gamma, beta))),
                            n,
                            TcafSettings.FF_HIDDEN,
                            train);
            return y.add(drop(ff2.apply(f), n, d, train));
        }

        private SDVariable heads(SDVariable x, int n, int h, int dh) {
            return x.reshape(-1, n, h, dh).permute(0, 2, 1, 3).reshape(-1, n, dh);
        }

        private SDVariable drop(SDVariable x, int n, int width, boolean train) {
            return train
                    ? GraphLayers.dropout(x, g.pass().mask(n, width, s.attentionDropout()))
                    : x;
        }
    }
}
