package org.avca4j.trainer.method.avca;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.model.AvcaConfig;

/**
 * AVCA's architecture without the input widths, which come from the benchmark
 * (docs/method.md#hyper-parameters). The optimisation settings (weight decay among them) are those
 * of {@link org.avca4j.trainer.training.TrainingConfig}.
 *
 * @param textDim width of a class text embedding
 * @param encoderHidden hidden width of the encoders
 * @param projHidden hidden width of the projections
 * @param outDim width of θ
 * @param heads attention heads
 * @param headDim width of a head
 * @param mlpDim width of the attention block's MLP
 * @param dropoutEnc r_enc
 * @param dropoutProj r_proj
 * @param dropoutDec r_dec
 * @param momentum BatchNorm momentum m
 */
public record AvcaSettings(
        int textDim,
        int encoderHidden,
        int projHidden,
        int outDim,
        int heads,
        int headDim,
        int mlpDim,
        double dropoutEnc,
        double dropoutProj,
        double dropoutDec,
        double momentum)
        implements MethodSettings {

    /**
     * @throws IllegalArgumentException if the values make no valid architecture ({@link
     *     AvcaConfig#requireValid})
     */
    public AvcaSettings {
        AvcaConfig.requireValid(
                textDim, heads, headDim, dropoutEnc, dropoutProj, dropoutDec, momentum);
    }

    /**
     * The width of one head when {@code heads} heads share a text (and attention) space of {@code
     * textDim}: {@code textDim / heads}.
     *
     * @throws IllegalArgumentException if {@code heads} is below 1 or does not divide {@code
     *     textDim}
     */
    public static int headDim(int textDim, int heads) {
        if (heads < 1 || textDim % heads != 0) {
            throw new IllegalArgumentException(
                    "method avca: the attention space is the text space, text_dim = heads · head_dim:"
                            + " text_dim "
                            + textDim
                            + " is not a multiple of heads "
                            + heads
                            + "; choose heads dividing it, or heads and head_dim with heads · head_dim"
                            + " = "
                            + textDim);
        }
        return textDim / heads;
    }

    /**
     * These settings for text embeddings {@code textDim} wide: {@code text_dim} that width and
     * {@code head_dim} {@link #headDim(int, int) textDim / heads}, the rest unchanged.
     *
     * @throws IllegalArgumentException as {@link #headDim(int, int)}
     */
    public AvcaSettings withTextDim(int textDim) {
        return new AvcaSettings(
                textDim,
                encoderHidden,
                projHidden,
                outDim,
                heads,
                headDim(textDim, heads),
                mlpDim,
                dropoutEnc,
                dropoutProj,
                dropoutDec,
                momentum);
    }

    /** The settings of an architecture (its input widths dropped). */
    public static AvcaSettings of(AvcaConfig c) {
        return new AvcaSettings(
                c.textDim(),
                c.encoderHidden(),
                c.projHidden(),
                c.outDim(),
                c.heads(),
                c.headDim(),
                c.mlpDim(),
                c.dropoutEnc(),
                c.dropoutProj(),
                c.dropoutDec(),
                c.momentum());
    }

    /**
     * The architecture for the given input widths.
     *
     * @throws IllegalArgumentException if the architecture is invalid
     */
    public AvcaConfig config(int audioDim, int videoDim) {
        return new AvcaConfig(
                audioDim,
                videoDim,
                textDim,
                encoderHidden,
                projHidden,
                outDim,
                heads,
                headDim,
                mlpDim,
                dropoutEnc,
                dropoutProj,
                dropoutDec,
                momentum);
    }

    /** The published dropouts and momentum first, by the names reports print, then the widths. */
    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(AvcaMethod.R_ENC, dropoutEnc);
        m.put(AvcaMethod.R_PROJ, dropoutProj);
        m.put(AvcaMethod.R_DEC, dropoutDec);
        m.put(AvcaMethod.MOMENTUM, momentum);
        m.put(AvcaMethod.TEXT_DIM, textDim);
        m.put(AvcaMethod.ENCODER_HIDDEN, encoderHidden);
        m.put(AvcaMethod.PROJ_HIDDEN, projHidden);
        m.put(AvcaMethod.OUT_DIM, outDim);
        m.put(AvcaMethod.HEADS, heads);
        m.put(AvcaMethod.HEAD_DIM, headDim);
        m.put(AvcaMethod.MLP_DIM, mlpDim);
        return m;
    }
}
