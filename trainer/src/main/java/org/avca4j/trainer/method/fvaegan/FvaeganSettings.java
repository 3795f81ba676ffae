package org.avca4j.trainer.method.fvaegan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.trainer.method.MethodSettings;

/**
 * The settings of f-VAEGAN-D2 (docs/baselines.md#f-vaegan-d2), named as in the reference's {@code
 * args_gen.py}.
 *
 * @param synNum synthetic features per unseen class, also the classifiers' batch size (1000; 10000
 *     on VGGSound)
 * @param epochs GAN epochs (50; the reference's {@code --epochs} has no effect)
 * @param batchSize clips per GAN batch (64)
 * @param batchesPerEpoch batches per epoch under {@link GanSchedule#ALL_BATCHES} (500)
 * @param learningRate the four Adams' learning rate (1e-3)
 * @param beta1 Adam's β1 of the four networks and the classifiers (0.5)
 * @param gpLambda the gradient penalty's weight λ (10)
 * @param ganWeight the weight of the generator's adversarial term (1e5)
 * @param vaeWeight the weight of the VAE terms (1)
 * @param udWeight the weight of the unconditional critic D2's loss (1)
 * @param criticIter a generator/encoder step every {@code criticIter}-th batch (5)
 * @param latentDim width of the noise z and of the encoder's μ (300)
 * @param criticHidden hidden width of D and D2 (512)
 * @param encoderHidden hidden width of E (300)
 * @param decoderHidden hidden width of G (512)
 * @param classifierEpochs epochs of each softmax classifier (30)
 * @param classifierLr the classifiers' Adam learning rate (1e-3)
 * @param schedule which batches are trained
 * @param selection where the epochs are chosen
 */
public record FvaeganSettings(
        int synNum,
        int epochs,
        int batchSize,
        int batchesPerEpoch,
        double learningRate,
        double beta1,
        double gpLambda,
        double ganWeight,
        double vaeWeight,
        double udWeight,
        int criticIter,
        int latentDim,
        int criticHidden,
        int encoderHidden,
        int decoderHidden,
        int classifierEpochs,
        double classifierLr,
        GanSchedule schedule,
        EpochSelection selection)
        implements MethodSettings {

    /**
     * @throws IllegalArgumentException if a count or width is below 1, or a rate, weight or β1 is
     *     out of range (the message names the setting)
     * @throws NullPointerException if schedule or selection is null
     */
    public FvaeganSettings {
        positive("syn_num", synNum);
        positive("nepoch", epochs);
        positive("batch_size", batchSize);
        positive("n_batches", batchesPerEpoch);
        positive("critic_iter", criticIter);
        positive("latent_size", latentDim);
        positive("ndh", criticHidden);
        positive("encoder_hidden", encoderHidden);
        positive("decoder_hidden", decoderHidden);
        positive("nepoch_classifier", classifierEpochs);
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch_size must be >= 2, got " + batchSize);
        }
        rate("lr", learningRate);
        rate("classifier_lr", classifierLr);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0,1), got " + beta1);
        }
        for (Object[] w :
                new Object[][] {
                    {"lambda1", gpLambda},
                    {"gan_weight", ganWeight},
                    {"vae_weight", vaeWeight},
                    {"ud_weight", udWeight}
                }) {
            double v = (Double) w[1];
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(w[0] + " must be finite and >= 0, got " + v);
            }
        }
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(selection, "selection");
    }

    /**
     * The published run of a dataset: syn_num 1000 on UCF and ActivityNet, 10000 on VGGSound; the
     * reference's {@code break} and its test-set selection replaced by nothing: the schedule is the
     * published one, the selection the protocol-faithful one (both overridable).
     */
    public static FvaeganSettings published(DatasetName dataset) {
        int synNum = dataset == DatasetName.VGGSOUND ? 10000 : 1000;
        return new FvaeganSettings(
                synNum,
                50,
                64,
                500,
                1e-3,
                0.5,
                10,
                1e5,
                1,
                1,
                5,
                300,
                512,
                300,
                512,
                30,
                1e-3,
                GanSchedule.REFERENCE_BREAK,
                EpochSelection.STAGE1_VALIDATION);
    }

    /**
     * These settings with overrides applied.
     *
     * @param overrides setting name ({@link #asMap()}'s keys) → value
     * @throws IllegalArgumentException if a name is unknown (the message lists the names) or a
     *     value does not parse or is out of range
     */
    public FvaeganSettings with(Map<String, String> overrides) {
        Map<String, Object> m = asMap();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String name = e.getKey();
            Object old = m.get(name);
            if (old == null) {
                throw new IllegalArgumentException(
                        "f-VAEGAN-D2 has no setting '"
                                + name
                                + "': expected one of "
                                + String.join(", ", m.keySet()));
            }
            String v = e.getValue().trim();
            try {
                m.put(
                        name,
                        old instanceof Integer
                                ? (Object) Integer.parseInt(v)
                                : old instanceof Double ? (Object) Double.parseDouble(v) : v);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "f-VAEGAN-D2 setting "
                                + name
                                + ": '"
                                + v
                                + "' is not "
                                + (old instanceof Integer ? "an integer" : "a number"),
                        ex);
            }
        }
        return new FvaeganSettings(
                (Integer) m.get("syn_num"),
                (Integer) m.get("nepoch"),
                (Integer) m.get("batch_size"),
                (Integer) m.get("n_batches"),
                (Double) m.get("lr"),
                (Double) m.get("beta1"),
                (Double) m.get("lambda1"),
                (Double) m.get("gan_weight"),
                (Double) m.get("vae_weight"),
                (Double) m.get("ud_weight"),
                (Integer) m.get("critic_iter"),
                (Integer) m.get("latent_size"),
                (Integer) m.get("ndh"),
                (Integer) m.get("encoder_hidden"),
                (Integer) m.get("decoder_hidden"),
                (Integer) m.get("nepoch_classifier"),
                (Double) m.get("classifier_lr"),
                GanSchedule.fromId((String) m.get("schedule")),
                EpochSelection.fromId((String) m.get("selection")));
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("syn_num", synNum);
        m.put("nepoch", epochs);
        m.put("batch_size", batchSize);
        m.put("n_batches", batchesPerEpoch);
        m.put("lr", learningRate);
        m.put("beta1", beta1);
        m.put("lambda1", gpLambda);
        m.put("gan_weight", ganWeight);
        m.put("vae_weight", vaeWeight);
        m.put("ud_weight", udWeight);
        m.put("critic_iter", criticIter);
        m.put("latent_size", latentDim);
        m.put("ndh", criticHidden);
        m.put("encoder_hidden", encoderHidden);
        m.put("decoder_hidden", decoderHidden);
        m.put("nepoch_classifier", classifierEpochs);
        m.put("classifier_lr", classifierLr);
        m.put("schedule", schedule.id());
        m.put("selection", selection.id());
        return m;
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    private static void rate(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }
}
