package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.OnnxGraph.attr;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.TwoBranchNetwork;
import org.avca4j.trainer.model.MlpBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the inference path of a two-branch method (CJME, AVGZSLNet; docs/baselines.md) as an ONNX
 * model with the contract of docs/model-format.md: inputs {@code audio}, {@code video}, {@code
 * text}; outputs {@code theta_a}, {@code theta_v} {@code [N, out]}, {@code theta_w [C, out]} and,
 * for the gated rule, {@code gate [N, 1]}; the card names the network's scoring rule, and its
 * {@code training} object the method and its settings. BatchNorm (running statistics) is folded
 * into the adjacent Linear; dropout is the identity.
 */
public final class BranchOnnxExporter {

    private static final Logger LOG = LoggerFactory.getLogger(BranchOnnxExporter.class);
    private static final double BN_EPS = 1e-5;

    /**
     * Builds the ONNX model, with the card (its scoring rule set to the network's) and the digest
     * in {@code metadata_props}.
     *
     * @throws IllegalArgumentException if the card's widths are not the network's
     */
    public OnnxMl.ModelProto toModel(TwoBranchNetwork net, ModelCard card) {
        MethodContext c = net.context();
        int out = net.outDim();
        ModelCards.Builder filled =
                AvcaOnnxExporter.complete(
                                card, new int[] {c.audioDim(), c.videoDim(), c.textDim(), out})
                        .optScoringRule(net.scoringRule());
        Map<String, Object> training = new LinkedHashMap<>(card.training());
        training.put(SingleEmbeddingOnnxExporter.METHOD_KEY, net.methodId());
        training.put(SingleEmbeddingOnnxExporter.SETTINGS_KEY, net.methodSettings().asMap());
        filled.optTraining(training);
        WeightSource w = (name, shape) -> require(net.graph().array(name), name, shape);
        OnnxGraph g = new OnnxGraph(net.scoringRule().label());
        g.input(ModelSignature.AUDIO, ModelSignature.CLIP_DIM, c.audioDim());
        g.input(ModelSignature.VIDEO, ModelSignature.CLIP_DIM, c.videoDim());
        g.input(ModelSignature.TEXT, ModelSignature.CLASS_DIM, c.textDim());
        MlpBlock.Output last = net.embeddingOutput();
        block(
                g,
                w,
                net,
                TwoBranchNetwork.AUDIO_NET,
                ModelSignature.AUDIO,
                c.audioDim(),
                out,
                last,
                ModelSignature.THETA_A);
        block(
                g,
                w,
                net,
                TwoBranchNetwork.VIDEO_NET,
                ModelSignature.VIDEO,
                c.videoDim(),
                out,
                last,
                ModelSignature.THETA_V);
        block(
                g,
                w,
                net,
                TwoBranchNetwork.TEXT_NET,
                ModelSignature.TEXT,
                c.textDim(),
                out,
                last,
                ModelSignature.THETA_W);
        g.output(ModelSignature.THETA_V, ModelSignature.CLIP_DIM, out);
        g.output(ModelSignature.THETA_A, ModelSignature.CLIP_DIM, out);
        g.output(ModelSignature.THETA_W, ModelSignature.CLASS_DIM, out);
        if (net.scoringRule() == ScoringRule.GATED) {
            gate(g, w, c.audioDim() + c.videoDim());
            g.output(ModelSignature.GATE, ModelSignature.CLIP_DIM, 1);
        }
        return AvcaOnnxExporter.model(
                g,
                filled,
                "avca4j two-branch method: theta_a/theta_v of clips, theta_w of class text"
                        + " embeddings, scored by "
                        + net.scoringRule().label());
    }

    /**
     * Writes the model to a file atomically.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel}
     */
    public void export(TwoBranchNetwork net, ModelCard card, Path file) throws IOException {
        byte[] bytes = toModel(net, card).toByteArray();
        AtomicFiles.write(file, bytes);
        LOG.info(
                "Exported {} model to {} ({} bytes, {} classes)",
                net.scoringRule().label(),
                file,
                bytes.length,
                card.classes().size());
    }

    /** An MlpBlock in eval mode: Linear+BN folded → ReLU → Linear → [ReLU]. */
    private static void block(
            OnnxGraph g,
            WeightSource w,
            TwoBranchNetwork net,
            String name,
            String x,
            int in,
            int out,
            MlpBlock.Output last,
            String output) {
        int hidden = (int) net.graph().array(name + ".fc1.W").shape()[1];
        String h = AvcaOnnxExporter.linearBnRelu(g, w, name, 1, x, in, hidden, null);
        String y = AvcaOnnxExporter.linear(g, w, name + ".fc2", h, hidden, out);
        if (last == MlpBlock.Output.RELU) {
            g.opNamed("Relu", output, new String[] {y});
        } else if (last == MlpBlock.Output.LINEAR) {
            g.opNamed("Identity", output, new String[] {y});
        } else {
            throw new IllegalArgumentException("an embedding net cannot end in " + last);
        }
    }

    /**
     * The hard gate {@code sigmoid(BN([a‖v])·W + b) ≥ 0.5} as a float: the BatchNorm before the
     * Linear is folded into it ({@code W' = diag(γ/σ)·W}, {@code b' = (β − μ·γ/σ)·W + b}).
     */
    private static void gate(OnnxGraph g, WeightSource w, int in) {
        String bn = TwoBranchNetwork.GATE_NORM;
        String fc = TwoBranchNetwork.GATE_LINEAR;
        float[] gamma = w.require(bn + ".gamma", in);
        float[] beta = w.require(bn + ".beta", in);
        float[] mean = w.require(bn + ".mean", in);
        float[] var = w.require(bn + ".var", in);
        float[] weight = w.require(fc + ".W", in, 1);
        float[] bias = w.require(fc + ".b", 1);
        float[] folded = new float[in];
        double b = bias[0];
        for (int i = 0; i < in; i++) {
            double scale = gamma[i] / Math.sqrt(var[i] + BN_EPS);
            folded[i] = (float) (scale * weight[i]);
            b += (beta[i] - mean[i] * scale) * weight[i];
        }
        String av =
                g.op(
                        "Concat",
                        new String[] {ModelSignature.AUDIO, ModelSignature.VIDEO},
                        attr("axis", 1L));
        String z =
                g.op(
                        "Add",
                        new String[] {
                            g.op("MatMul", new String[] {av, g.floats("gate.W", folded, in, 1)}),
                            g.floats("gate.b", new float[] {(float) b}, 1)
                        });
        String hard =
                g.op(
                        "GreaterOrEqual",
                        new String[] {
                            g.op("Sigmoid", new String[] {z}),
                            g.floats("gate.half", new float[] {0.5f})
                        });
        g.opNamed(
                "Cast",
                ModelSignature.GATE,
                new String[] {hard},
                attr("to", (long) OnnxMl.TensorProto.DataType.FLOAT_VALUE));
    }

    /** The values of a trained array, checked against the shape the architecture needs. */
    static float[] require(INDArray arr, String name, long... shape) {
        if (!Arrays.equals(arr.shape(), shape)) {
            throw new IllegalArgumentException(
                    "weight '"
                            + name
                            + "' has shape "
                            + Arrays.toString(arr.shape())
                            + ", the architecture needs "
                            + Arrays.toString(shape));
        }
        return arr.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
