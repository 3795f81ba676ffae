package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.OnnxGraph.attr;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.clipclap.ClipClapMethod;
import org.avca4j.trainer.method.clipclap.ClipClapNetwork;
import org.avca4j.trainer.method.clipclap.ClipClapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ClipClap's inference path (SUCCESSORS-SPEC §2.3) as an ONNX model with AVCA's signature
 * (docs/model-format.md), so that the SDK's classifier scores it by Euclidean distance unchanged:
 * {@code theta_v = theta_a = O_proj(O_enc([video ‖ audio]))}, {@code theta_w =
 * W_proj(W_enc(text))}, every BatchNorm folded into its Linear (running statistics, no dropout).
 * The card's {@code training} object names the method and its settings.
 */
public final class ClipClapOnnxExporter {

    private static final Logger LOG = LoggerFactory.getLogger(ClipClapOnnxExporter.class);

    /**
     * Builds the ONNX model with the card and the digest in {@code metadata_props}.
     *
     * @param card what the network was trained on; {@code embedding_dim} must be the joint width
     * @throws IllegalArgumentException if the card's widths are not the network's
     */
    public OnnxMl.ModelProto toModel(ClipClapNetwork net, ModelCard card) {
        MethodContext c = net.context();
        ClipClapSettings s = net.settings();
        int e = s.embedDim();
        ModelCards.Builder filled =
                AvcaOnnxExporter.complete(
                        card, new int[] {c.audioDim(), c.videoDim(), c.textDim(), e});
        Map<String, Object> training = new LinkedHashMap<>(card.training());
        training.put(SingleEmbeddingOnnxExporter.METHOD_KEY, ClipClapMethod.ID);
        training.put(SingleEmbeddingOnnxExporter.SETTINGS_KEY, s.asMap());
        filled.optTraining(training);
        WeightSource w =
                (name, shape) -> BranchOnnxExporter.require(net.graph().array(name), name, shape);
        OnnxGraph g = new OnnxGraph(ClipClapMethod.ID);
        g.input(ModelSignature.AUDIO, ModelSignature.CLIP_DIM, c.audioDim());
        g.input(ModelSignature.VIDEO, ModelSignature.CLIP_DIM, c.videoDim());
        g.input(ModelSignature.TEXT, ModelSignature.CLASS_DIM, c.textDim());
        String x =
                g.op(
                        "Concat",
                        new String[] {ModelSignature.VIDEO, ModelSignature.AUDIO},
                        attr("axis", 1L));
        int in = c.videoDim() + c.audioDim();
        String h = AvcaOnnxExporter.embeddingNet(g, w, "O_enc", x, in, 0, s.latentDim(), null);
        AvcaOnnxExporter.embeddingNet(
                g, w, "O_proj", h, s.latentDim(), s.decoderHidden(), e, ModelSignature.THETA_V);
        g.opNamed("Identity", ModelSignature.THETA_A, new String[] {ModelSignature.THETA_V});
        String wHat =
                AvcaOnnxExporter.embeddingNet(
                        g, w, "W_enc", ModelSignature.TEXT, c.textDim(), 0, s.latentDim(), null);
        AvcaOnnxExporter.embeddingNet(
                g, w, "W_proj", wHat, s.latentDim(), 0, e, ModelSignature.THETA_W);
        g.output(ModelSignature.THETA_V, ModelSignature.CLIP_DIM, e);
        g.output(ModelSignature.THETA_A, ModelSignature.CLIP_DIM, e);
        g.output(ModelSignature.THETA_W, ModelSignature.CLASS_DIM, e);
        return AvcaOnnxExporter.model(
                g,
                filled,
                "ClipClap-GZSL inference: theta_v = theta_a = O_proj(O_enc([video, audio])),"
                        + " theta_w = W_proj(W_enc(text)), scored by Euclidean distance");
    }

    /**
     * Writes the model to a file atomically.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel}
     */
    public void export(ClipClapNetwork net, ModelCard card, Path file) throws IOException {
        byte[] bytes = toModel(net, card).toByteArray();
        AtomicFiles.write(file, bytes);
        LOG.info(
                "Exported clipclap model to {} ({} bytes, {} classes)",
                file,
                bytes.length,
                card.classes().size());
    }
}
