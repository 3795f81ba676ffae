package org.avca4j.trainer.export;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.card.Precision;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the inference path of a trained AVCA model (docs/method.md#model) as an ONNX model with
 * its {@link ModelCard} and its SHA-256 digest in the metadata; docs/model-format.md describes the
 * result.
 *
 * <p>Inputs {@code audio [N, d_a]}, {@code video [N, d_v]}, {@code text [C, text_dim]}; outputs
 * {@code theta_v}, {@code theta_a} {@code [N, out]} and {@code theta_w [C, out]}. BatchNorm (eval
 * mode, running statistics, eps 1e-5) is folded into the preceding Linear; dropout is the identity.
 * Opset 17. LayerNorm is written as its normalisation, its scale and shift folded into the products
 * that follow; GELU is written with Erf.
 */
public final class AvcaOnnxExporter {

    /** The ONNX operator set the exporter targets. */
    public static final int OPSET = 17;

    /** The IR version that goes with {@link #OPSET}. */
    public static final int IR_VERSION = 8;

    /** Length of the digest value: SHA-256 as lowercase hex. */
    static final int DIGEST_HEX_DIGITS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(AvcaOnnxExporter.class);
    private static final double BN_EPS = 1e-5;
    private static final float LN_EPS = 1e-5f;

    private final Precision precision;

    /** An exporter of single-precision models. */
    public AvcaOnnxExporter() {
        this(Precision.FP32);
    }

    /**
     * An exporter of models whose weight matrices are stored in the given precision ({@link
     * Precision#INT8}: dynamic quantisation with standard ONNX operators, see docs/performance.md
     * for its speed and accuracy); the card records it.
     *
     * @throws NullPointerException if precision is null
     */
    public AvcaOnnxExporter(Precision precision) {
        this.precision = java.util.Objects.requireNonNull(precision, "precision");
    }

    /**
     * Builds the ONNX model, with the card and the model's SHA-256 digest in {@code
     * metadata_props}.
     *
     * @param weights the trained model
     * @param card what it was trained on (built with {@link ModelCards#builder()}); a missing
     *     project version or creation time is filled in
     * @return the model
     * @throws IllegalArgumentException if a weight is missing or has another shape than the
     *     architecture requires, or the card's widths are not those of the weights
     */
    public OnnxMl.ModelProto toModel(AvcaWeights weights, ModelCard card) {
        AvcaConfig cfg = weights.config();
        ModelCards.Builder filled =
                complete(
                                card,
                                new int[] {
                                    cfg.audioDim(), cfg.videoDim(), cfg.textDim(), cfg.outDim()
                                })
                        .optPrecision(precision);
        OnnxGraph g = new OnnxGraph("avca", precision);
        // In an INT8 model the text branch (run once per class, not per clip) and the small last
        // layers of the clip branches (512 × 64 of about 1.5 M multiply-adds) stay float: they
        // cost nothing at run time and decide the distances the ranking compares.
        g.keepFloat("W_proj.", "A_proj.fc2.", "V_proj.fc2.");
        WeightSource src = (name, shape) -> require(weights, name, shape);
        g.input(ModelSignature.AUDIO, ModelSignature.CLIP_DIM, cfg.audioDim());
        g.input(ModelSignature.VIDEO, ModelSignature.CLIP_DIM, cfg.videoDim());
        g.input(ModelSignature.TEXT, ModelSignature.CLASS_DIM, cfg.textDim());

        String phiA =
                embeddingNet(
                        g,
                        src,
                        "A_enc",
                        ModelSignature.AUDIO,
                        cfg.audioDim(),
                        cfg.encoderHidden(),
                        cfg.textDim(),
                        null);
        String phiV =
                embeddingNet(
                        g,
                        src,
                        "V_enc",
                        ModelSignature.VIDEO,
                        cfg.videoDim(),
                        cfg.encoderHidden(),
                        cfg.textDim(),
                        null);
        String[] t = transformer(g, src, cfg, phiA, phiV);
        // The encoder output is added once more after the transformer (which has its own
        // residuals).
        String phiA2 = g.op("Add", new String[] {phiA, t[0]});
        String phiV2 = g.op("Add", new String[] {phiV, t[1]});
        embeddingNet(
                g,
                src,
                "A_proj",
                phiA2,
                cfg.textDim(),
                cfg.projHidden(),
                cfg.outDim(),
                ModelSignature.THETA_A);
        embeddingNet(
                g,
                src,
                "V_proj",
                phiV2,
                cfg.textDim(),
                cfg.projHidden(),
                cfg.outDim(),
                ModelSignature.THETA_V);
        embeddingNet(
                g,
                src,
                "W_proj",
                ModelSignature.TEXT,
                cfg.textDim(),
                0,
                cfg.outDim(),
                ModelSignature.THETA_W);

        g.output(ModelSignature.THETA_V, ModelSignature.CLIP_DIM, cfg.outDim());
        g.output(ModelSignature.THETA_A, ModelSignature.CLIP_DIM, cfg.outDim());
        g.output(ModelSignature.THETA_W, ModelSignature.CLASS_DIM, cfg.outDim());

        return model(
                g,
                filled,
                "AVCA (CVPR 2022) inference: theta_v/theta_a of clips, theta_w of class text embeddings");
    }

    /**
     * The model of a finished graph: opset {@link #OPSET}, the card (with its provenance filled in)
     * and the digest in the metadata.
     */
    static OnnxMl.ModelProto model(OnnxGraph g, ModelCards.Builder filled, String docString) {
        ModelCard written = filled.build();
        OnnxMl.ModelProto.Builder model =
                OnnxMl.ModelProto.newBuilder()
                        .setIrVersion(IR_VERSION)
                        .addOpsetImport(
                                OnnxMl.OperatorSetIdProto.newBuilder()
                                        .setDomain("")
                                        .setVersion(OPSET))
                        .setProducerName("avca4j")
                        .setProducerVersion(written.projectVersion())
                        .setDocString(docString)
                        .setGraph(g.build())
                        .addMetadataProps(entry(ModelSignature.CARD_KEY, filled.toJson()));
        return withDigest(model);
    }

    /**
     * Adds the {@link ModelSignature#DIGEST_KEY} entry, or replaces the one present: SHA-256 of the
     * serialized model with the entry's 64 hex digits written as {@code '0'}
     * (docs/model-format.md). Protobuf writes the same message to the same bytes, and the digest
     * has a fixed length, so the final bytes differ from the hashed ones only in those 64
     * characters, which is what the SDK zeroes to check it.
     */
    static OnnxMl.ModelProto withDigest(OnnxMl.ModelProto.Builder model) {
        int index = 0;
        while (index < model.getMetadataPropsCount()
                && !model.getMetadataProps(index).getKey().equals(ModelSignature.DIGEST_KEY)) {
            index++;
        }
        OnnxMl.StringStringEntryProto zeros =
                entry(ModelSignature.DIGEST_KEY, "0".repeat(DIGEST_HEX_DIGITS));
        if (index < model.getMetadataPropsCount()) {
            model.setMetadataProps(index, zeros);
        } else {
            model.addMetadataProps(zeros);
        }
        byte[] zeroed = model.build().toByteArray();
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zeroed));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return model.setMetadataProps(index, entry(ModelSignature.DIGEST_KEY, digest)).build();
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /**
     * Writes the model to a file: to a temporary file in the same folder, then moved into place
     * atomically.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel}
     */
    public void export(AvcaWeights weights, ModelCard card, Path file) throws IOException {
        byte[] bytes = toModel(weights, card).toByteArray();
        AtomicFiles.write(file, bytes);
        LOG.info(
                "Exported AVCA model to {} ({} bytes, {} classes)",
                file,
                bytes.length,
                card.classes().size());
    }

    /**
     * The card with its provenance filled in.
     *
     * @param weights the model's audio, video, text and embedding widths
     * @throws IllegalArgumentException if the card's widths are not those of the weights
     */
    static ModelCards.Builder complete(ModelCard card, int[] weights) {
        int[] declared = {card.audioDim(), card.videoDim(), card.textDim(), card.embeddingDim()};
        if (!Arrays.equals(weights, declared)) {
            throw new IllegalArgumentException(
                    "the model card's audio_dim, video_dim, text_dim, embedding_dim are "
                            + Arrays.toString(declared)
                            + " but the weights have "
                            + Arrays.toString(weights));
        }
        return withProvenance(card);
    }

    /** The card with a missing project version and creation time filled in. */
    static ModelCards.Builder withProvenance(ModelCard card) {
        String version = card.projectVersion();
        if (version == null) {
            version = AvcaOnnxExporter.class.getPackage().getImplementationVersion();
        }
        return ModelCards.toBuilder(card)
                .optProvenance(
                        version == null ? "unknown" : version,
                        card.created() == null
                                ? Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()
                                : card.created());
    }

    /**
     * EmbeddingNet in eval mode: Linear → BatchNorm → ReLU, twice with a hidden layer.
     *
     * @param hidden 0 for a block without hidden layer
     * @param output the name of the last output, or null for a fresh one
     */
    static String embeddingNet(
            OnnxGraph g,
            WeightSource w,
            String block,
            String x,
            int in,
            int hidden,
            int out,
            String output) {
        if (hidden > 0) {
            String h = linearBnRelu(g, w, block, 1, x, in, hidden, null);
            return linearBnRelu(g, w, block, 2, h, hidden, out, output);
        }
        return linearBnRelu(g, w, block, 1, x, in, out, output);
    }

    /** {@code relu(bn(x·W + b))} with the BatchNorm folded into W and b. */
    static String linearBnRelu(
            OnnxGraph g,
            WeightSource w,
            String block,
            int layer,
            String x,
            int in,
            int out,
            String output) {
        String fc = block + ".fc" + layer;
        String bn = block + ".bn" + layer;
        float[] weight = w.require(fc + ".W", in, out);
        float[] bias = w.require(fc + ".b", out);
        float[] gamma = w.require(bn + ".gamma", out);
        float[] beta = w.require(bn + ".beta", out);
        float[] mean = w.require(bn + ".mean", out);
        float[] var = w.require(bn + ".var", out);
        float[] foldedW = new float[in * out];
        float[] foldedB = new float[out];
        for (int j = 0; j < out; j++) {
            double scale = gamma[j] / Math.sqrt(var[j] + BN_EPS);
            foldedB[j] = (float) ((bias[j] - (double) mean[j]) * scale + beta[j]);
            for (int i = 0; i < in; i++) {
                foldedW[i * out + j] = (float) (weight[i * out + j] * scale);
            }
        }
        String mm = g.matMul(x, g.weight(fc + ".W_bn", foldedW, in, out));
        String add = g.op("Add", new String[] {mm, g.floats(fc + ".b_bn", foldedB, out)});
        return output == null
                ? g.op("Relu", new String[] {add})
                : g.opNamed("Relu", output, new String[] {add});
    }

    /**
     * The pre-norm transformer layer over the two tokens φa + pos0, φv + pos1, written per token;
     * returns the layer's output for each, {@code [N, textDim]}.
     *
     * <p>With two tokens, softmax attention of token i is {@code o_i = a_i·v_0 + (1 − a_i)·v_1 =
     * v_1 + a_i·(v_0 − v_1)} per head, where {@code a_i = sigmoid(q_i·(k_0 − k_1)/√headDim)}, and
     * {@code k_0 − k_1}, {@code v_0 − v_1} are {@code (ln_0 − ln_1)·W}. So the graph needs no
     * reshape, transpose or softmax: a few [N, d] MatMuls and element-wise ops per token. Each
     * token has nodes of its own, so the graph pruned to θv ({@code OutputPruner}, as the SDK runs
     * it) holds no query, output projection or feed-forward of the audio token.
     */
    private static String[] transformer(
            OnnxGraph g, WeightSource w, AvcaConfig cfg, String phiA, String phiV) {
        int d = cfg.textDim();
        int heads = cfg.heads();
        int headDim = cfg.headDim();
        float[] pos = w.require("pos", 2, d);
        String[] x = {
            g.op("Add", new String[] {phiA, g.floats("pos0", Arrays.copyOfRange(pos, 0, d), d)}),
            g.op("Add", new String[] {phiV, g.floats("pos1", Arrays.copyOfRange(pos, d, 2 * d), d)})
        };
        // LayerNorm is written as its normalisation alone, its scale and shift folded into the
        // products that read it: ln·W = n·(diag(γ)·W) + β·W, and β cancels in ln_0 − ln_1.
        // ONNX Runtime's LayerNormalization kernel sums each row in one scalar chain and divides
        // every element: 0.38 ms per [256, 300] call on one thread, several times the MatMuls
        // and element-wise ops below (docs/performance.md, Inference).
        String average = g.floats("attn.ln.average", average(d), d, 1);
        float[] gamma1 = w.require("attn.ln1.gamma", d);
        float[] beta1 = w.require("attn.ln1.beta", d);
        String[] ln = {normalized(g, x[0], average), normalized(g, x[1], average)};

        float[] qkv = w.require("attn.qkv.W", d, 3 * d);
        float[] qW = columns(qkv, d, 3 * d, 0, d);
        float[] kW = columns(qkv, d, 3 * d, d, 2 * d);
        float[] vW = columns(qkv, d, 3 * d, 2 * d, 3 * d);
        String wq = g.weight("attn.qkv.W_q", scaledRows(qW, gamma1, d), d, d);
        String wk = g.weight("attn.qkv.W_k", scaledRows(kW, gamma1, d), d, d);
        String wv = g.weight("attn.qkv.W_v", scaledRows(vW, gamma1, d), d, d);
        String bq = g.floats("attn.qkv.b_q", times(beta1, qW, d, null), d);
        String bv = g.floats("attn.qkv.b_v", times(beta1, vW, d, null), d);
        String diff = g.op("Sub", new String[] {ln[0], ln[1]});
        String dk = g.matMul(diff, wk);
        String dv = g.matMul(diff, wv);
        String v1 = g.op("Add", new String[] {g.matMul(ln[1], wv), bv});
        // Per-head sums of q·Δk, scaled by 1/√headDim, and the per-head weight back to the width.
        float[] sum = new float[d * heads];
        float[] spread = new float[heads * d];
        float scale = (float) (1.0 / Math.sqrt(headDim));
        for (int j = 0; j < d; j++) {
            sum[j * heads + j / headDim] = scale;
            spread[(j / headDim) * d + j] = 1f;
        }
        String headSum = g.floats("attn.head_sum", sum, d, heads);
        String headSpread = g.floats("attn.head_spread", spread, heads, d);
        String outW = g.weight("attn.out.W", w.require("attn.out.W", d, d), d, d);
        String outB = g.floats("attn.out.b", w.require("attn.out.b", d), d);
        float[] gamma2 = w.require("attn.ln2.gamma", d);
        float[] beta2 = w.require("attn.ln2.beta", d);
        float[] ff1 = w.require("attn.ff1.W", d, cfg.mlpDim());
        String ff1W =
                g.weight("attn.ff1.W", scaledRows(ff1, gamma2, cfg.mlpDim()), d, cfg.mlpDim());
        String ff1B =
                g.floats(
                        "attn.ff1.b",
                        times(beta2, ff1, cfg.mlpDim(), w.require("attn.ff1.b", cfg.mlpDim())),
                        cfg.mlpDim());
        String ff2W =
                g.weight("attn.ff2.W", w.require("attn.ff2.W", cfg.mlpDim(), d), cfg.mlpDim(), d);
        String ff2B = g.floats("attn.ff2.b", w.require("attn.ff2.b", d), d);

        String[] out = new String[2];
        for (int i = 0; i < 2; i++) {
            String q = g.op("Add", new String[] {g.matMul(ln[i], wq), bq});
            String logit =
                    g.op("MatMul", new String[] {g.op("Mul", new String[] {q, dk}), headSum});
            String weight =
                    g.op(
                            "MatMul",
                            new String[] {g.op("Sigmoid", new String[] {logit}), headSpread});
            String o = g.op("Add", new String[] {v1, g.op("Mul", new String[] {weight, dv})});
            String attn = g.op("Add", new String[] {g.matMul(o, outW), outB});
            String x2 = g.op("Add", new String[] {x[i], attn});
            String hidden =
                    g.op("Add", new String[] {g.matMul(normalized(g, x2, average), ff1W), ff1B});
            String ff = g.op("Add", new String[] {g.matMul(gelu(g, hidden), ff2W), ff2B});
            out[i] = g.op("Add", new String[] {x2, ff});
        }
        return out;
    }

    /** Columns {@code from..to} of a row-major {@code [rows, cols]} matrix. */
    private static float[] columns(float[] m, int rows, int cols, int from, int to) {
        int width = to - from;
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, r * cols + from, out, r * width, width);
        }
        return out;
    }

    static String linear(OnnxGraph g, WeightSource w, String name, String x, int in, int out) {
        String mm = g.matMul(x, g.weight(name + ".W", w.require(name + ".W", in, out), in, out));
        return g.op(
                "Add", new String[] {mm, g.floats(name + ".b", w.require(name + ".b", out), out)});
    }

    /**
     * LayerNorm's normalisation of the rows of {@code x} ({@code [N, d]}), without scale or shift:
     * {@code c = x − mean(x)}, {@code c / sqrt(mean(c²) + eps)}, the means as products with {@code
     * average} ({@code [d, 1]}, every entry 1/d).
     */
    private static String normalized(OnnxGraph g, String x, String average) {
        String centred = g.op("Sub", new String[] {x, g.op("MatMul", new String[] {x, average})});
        String variance =
                g.op(
                        "MatMul",
                        new String[] {g.op("Mul", new String[] {centred, centred}), average});
        String std =
                g.op(
                        "Sqrt",
                        new String[] {
                            g.op("Add", new String[] {variance, g.scalar("attn.ln.eps", LN_EPS)})
                        });
        return g.op("Mul", new String[] {centred, g.op("Reciprocal", new String[] {std})});
    }

    /** A {@code [d, 1]} column of 1/d. */
    private static float[] average(int d) {
        float[] a = new float[d];
        Arrays.fill(a, (float) (1.0 / d));
        return a;
    }

    /** {@code diag(scale)·m} for a row-major {@code [scale.length, cols]} matrix. */
    private static float[] scaledRows(float[] m, float[] scale, int cols) {
        float[] out = new float[m.length];
        for (int r = 0; r < scale.length; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) ((double) scale[r] * m[r * cols + c]);
            }
        }
        return out;
    }

    /**
     * {@code v·m (+ bias)} for a row-major {@code [v.length, cols]} matrix, summed in double.
     *
     * @param bias added per column, or null
     */
    private static float[] times(float[] v, float[] m, int cols, float[] bias) {
        float[] out = new float[cols];
        for (int c = 0; c < cols; c++) {
            double sum = bias == null ? 0 : bias[c];
            for (int r = 0; r < v.length; r++) {
                sum += (double) v[r] * m[r * cols + c];
            }
            out[c] = (float) sum;
        }
        return out;
    }

    /**
     * Exact GELU: {@code 0.5·x·(1 + erf(x/√2))}, written as ONNX Runtime's Gelu fusion expects it
     * (Div, Erf, Add, Mul, Mul), so that it runs as one operator.
     */
    private static String gelu(OnnxGraph g, String x) {
        String erf =
                g.op(
                        "Erf",
                        new String[] {
                            g.op(
                                    "Div",
                                    new String[] {
                                        x, g.scalar("gelu.sqrt2", (float) Math.sqrt(2.0))
                                    })
                        });
        String onePlus = g.op("Add", new String[] {erf, g.scalar("gelu.one", 1f)});
        return g.op(
                "Mul",
                new String[] {g.op("Mul", new String[] {x, onePlus}), g.scalar("gelu.half", 0.5f)});
    }

    /**
     * @throws IllegalArgumentException if the weight is missing or has another shape
     */
    private static float[] require(AvcaWeights w, String name, long... shape) {
        float[] v = w.get(name);
        long[] actual = w.shape(name);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (!Arrays.equals(actual, shape) || v.length != n) {
            throw new IllegalArgumentException(
                    "weight '"
                            + name
                            + "' has shape "
                            + Arrays.toString(actual)
                            + " and "
                            + v.length
                            + " values, the architecture needs "
                            + Arrays.toString(shape));
        }
        return v;
    }
}
