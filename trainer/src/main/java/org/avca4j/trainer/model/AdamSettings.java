package org.avca4j.trainer.model;

/**
 * Adam's constants with L2 weight decay added to the gradient (PyTorch's {@code
 * Adam(weight_decay)}, not the decoupled AdamW). The learning rate is given per step.
 *
 * @param beta1 decay of the first moment (0.9)
 * @param beta2 decay of the second moment (0.999)
 * @param epsilon added to the bias-corrected root of the second moment (1e-8)
 * @param weightDecay L2 coefficient: {@code grad += weightDecay·param} (1e-5)
 */
public record AdamSettings(double beta1, double beta2, double epsilon, double weightDecay) {

    public AdamSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(
                    "Adam betas must be in [0,1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "Adam epsilon must be > 0 and weight decay >= 0, got "
                            + epsilon
                            + ", "
                            + weightDecay);
        }
    }

    /** The reference's settings: β 0.9/0.999, ε 1e-8, weight decay 1e-5. */
    public static AdamSettings reference() {
        return new AdamSettings(0.9, 0.999, 1e-8, 1e-5);
    }
}
