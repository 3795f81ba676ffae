package org.avca4j.sdk.card;

import java.util.List;
import java.util.Locale;

/**
 * How an exported model stores its weight matrices: the card's {@code precision}
 * (docs/model-format.md). A card without the field means {@link #FP32}. The model's inputs and
 * outputs are float in either case, so the SDK runs both alike.
 */
public enum Precision {
    /** Single-precision weights and arithmetic. */
    FP32,
    /**
     * Weight matrices in int8 with one scale per output column; each product quantises its input to
     * uint8 per call (ONNX dynamic quantisation: DynamicQuantizeLinear, MatMulInteger) and rescales
     * to float. Biases, normalisation and activations stay float.
     */
    INT8;

    /** {@code fp32} or {@code int8}: the card's value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #label()}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException if the name is neither
     */
    public static Precision parse(String name) {
        return Names.parse(values(), name, p -> List.of(p.name()), "precision", "fp32 or int8");
    }
}
