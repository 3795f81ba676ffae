package org.avca4j.trainer.method.clipclap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.trainer.method.ExtraTrainPass;
import org.avca4j.trainer.method.SettingValues;
import org.avca4j.trainer.method.TypedSettings;
import org.avca4j.trainer.method.tcaf.Stage2Length;

/**
 * ClipClap's settings (SUCCESSORS-SPEC §2.2–2.3), as {@code config/clipclap.yaml} and the README
 * command lines set them on every dataset.
 *
 * @param latentDim width of O_enc and W_enc (512)
 * @param decoderHidden hidden width of O_proj and D_o (512)
 * @param embedDim width of the joint space θ (64)
 * @param encoderDropout dropout of O_enc and W_enc (0.1, fixed in the reference's code)
 * @param decoderDropout dropout of O_proj and D_o (0.1)
 * @param wordDropout dropout of W_proj and D_w ({@code additional_dropout}, 0.1)
 * @param stage2Length stage-2 epochs: ClipClap's code trains E*+1 ({@link
 *     Stage2Length#BEST_PLUS_ONE}); {@link Stage2Length#REFERENCE} is TCaF's rule
 * @param extraTrainPass the training-mode forward of O_enc, W_enc(w), O_proj, W_proj after each
 *     step ({@link ExtraTrainPass#REFERENCE} as the reference; {@link ExtraTrainPass#NONE} is the
 *     fix)
 */
public record ClipClapSettings(
        int latentDim,
        int decoderHidden,
        int embedDim,
        double encoderDropout,
        double decoderDropout,
        double wordDropout,
        Stage2Length stage2Length,
        ExtraTrainPass extraTrainPass)
        implements TypedSettings {

    /**
     * @throws IllegalArgumentException if a width is not positive or a dropout not in [0, 1)
     */
    public ClipClapSettings {
        if (latentDim < 1 || decoderHidden < 1 || embedDim < 1) {
            throw new IllegalArgumentException(
                    "clipclap: latent_dim, decoder_hidden and embed_dim must be positive, got "
                            + latentDim
                            + ", "
                            + decoderHidden
                            + ", "
                            + embedDim);
        }
        for (double p : new double[] {encoderDropout, decoderDropout, wordDropout}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("clipclap: dropouts must be in [0,1), got " + p);
            }
        }
        Objects.requireNonNull(stage2Length, "stage2Length");
        Objects.requireNonNull(extraTrainPass, "extraTrainPass");
    }

    /** The published settings (the same on UCF, ActivityNet and VGGSound). */
    public static ClipClapSettings published() {
        return new ClipClapSettings(
                512, 512, 64, 0.1, 0.1, 0.1, Stage2Length.BEST_PLUS_ONE, ExtraTrainPass.REFERENCE);
    }

    /**
     * These settings with overrides: {@code latent_dim}, {@code decoder_hidden}, {@code embed_dim},
     * {@code encoder_dropout}, {@code decoder_dropout}, {@code word_dropout}, {@code stage2_length}
     * (best_plus_one|reference), {@code extra_train_pass} (reference|none).
     *
     * @throws IllegalArgumentException if a name is unknown, a value does not parse or is out of
     *     range
     */
    public ClipClapSettings with(Map<String, String> overrides) {
        SettingValues v = SettingValues.of(ClipClapMethod.ID, typed(), overrides);
        return new ClipClapSettings(
                v.integer("latent_dim"),
                v.integer("decoder_hidden"),
                v.integer("embed_dim"),
                v.number("encoder_dropout"),
                v.number("decoder_dropout"),
                v.number("word_dropout"),
                v.choice("stage2_length", Stage2Length.class),
                v.choice("extra_train_pass", ExtraTrainPass.class));
    }

    @Override
    public Map<String, Object> typed() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latent_dim", latentDim);
        m.put("decoder_hidden", decoderHidden);
        m.put("embed_dim", embedDim);
        m.put("encoder_dropout", encoderDropout);
        m.put("decoder_dropout", decoderDropout);
        m.put("word_dropout", wordDropout);
        m.put("stage2_length", stage2Length);
        m.put("extra_train_pass", extraTrainPass);
        return m;
    }
}
