package org.avca4j.trainer.model;

/**
 * The architecture of an AVCA model (docs/method.md#model). Every field can be overridden; {@link
 * #defaults} gives the published shapes for given input widths, and the presets of
 * docs/method.md#hyper-parameters set the dropouts and the momentum.
 *
 * @param audioDim width of an audio feature vector (read from the data)
 * @param videoDim width of a visual feature vector (read from the data)
 * @param textDim width of a class text embedding and of the attention space (300)
 * @param encoderHidden hidden width of A_enc and V_enc (512)
 * @param projHidden hidden width of A_proj and V_proj (512)
 * @param outDim width of the joint embedding space θ (64)
 * @param heads attention heads (3)
 * @param headDim width of one head (100); heads·headDim must equal textDim
 * @param mlpDim hidden width of the transformer's feed-forward (64)
 * @param dropoutEnc r_enc: dropout of A_enc, V_enc and the transformer
 * @param dropoutProj r_proj: dropout of A_proj and V_proj
 * @param dropoutDec r_dec: dropout of W_proj, D, A_rec and V_rec
 * @param momentum m: momentum of the second BatchNorm of blocks with a hidden layer
 */
public record AvcaConfig(
        int audioDim,
        int videoDim,
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
        double momentum) {

    /**
     * @throws IllegalArgumentException if the architecture is invalid (see {@link #requireValid})
     */
    public AvcaConfig {
        requireValid(textDim, heads, headDim, dropoutEnc, dropoutProj, dropoutDec, momentum);
    }

    /**
     * The checks of an architecture, none of which involves the input widths: also those of an
     * architecture whose input widths come later (the method settings).
     *
     * @throws IllegalArgumentException if heads·headDim differs from textDim, a dropout is outside
     *     [0,1) or the momentum outside (0,1]
     */
    public static void requireValid(
            int textDim,
            int heads,
            int headDim,
            double dropoutEnc,
            double dropoutProj,
            double dropoutDec,
            double momentum) {
        if (heads * headDim != textDim) {
            throw new IllegalArgumentException(
                    "heads*headDim (" + heads + "*" + headDim + ") must equal textDim " + textDim);
        }
        for (double r : new double[] {dropoutEnc, dropoutProj, dropoutDec}) {
            if (r < 0 || r >= 1) {
                throw new IllegalArgumentException("dropout must be in [0,1), got " + r);
            }
        }
        if (momentum <= 0 || momentum > 1) {
            throw new IllegalArgumentException("momentum must be in (0,1], got " + momentum);
        }
    }

    /** The published shapes for the given input widths, with dropouts 0 and momentum 0.1. */
    public static AvcaConfig defaults(int audioDim, int videoDim) {
        return new AvcaConfig(
                audioDim, videoDim, 300, 512, 512, 64, 3, 100, 64, 0.0, 0.0, 0.0, 0.1);
    }

    public AvcaConfig withDropouts(double enc, double proj, double dec) {
        return withRegularisation(enc, proj, dec, momentum);
    }

    public AvcaConfig withMomentum(double m) {
        return withRegularisation(dropoutEnc, dropoutProj, dropoutDec, m);
    }

    /** This architecture with the given dropouts and momentum (the shapes kept). */
    private AvcaConfig withRegularisation(double enc, double proj, double dec, double m) {
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
                enc,
                proj,
                dec,
                m);
    }
}
