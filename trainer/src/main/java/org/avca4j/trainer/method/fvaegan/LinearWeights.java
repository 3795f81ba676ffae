package org.avca4j.trainer.method.fvaegan;

/**
 * A trained linear classifier's weights: {@code scores = x·weight + bias}.
 *
 * @param inputs input width
 * @param outputs number of classes
 * @param weight {@code [inputs*outputs]} row-major ({@code [inputs, outputs]})
 * @param bias {@code [outputs]}
 */
public record LinearWeights(int inputs, int outputs, float[] weight, float[] bias) {

    /**
     * @throws IllegalArgumentException if the arrays do not match the widths
     */
    public LinearWeights {
        if (inputs < 1
                || outputs < 1
                || weight.length != (long) inputs * outputs
                || bias.length != outputs) {
            throw new IllegalArgumentException(
                    "a linear layer "
                            + inputs
                            + "→"
                            + outputs
                            + " needs "
                            + (long) inputs * outputs
                            + " weights and "
                            + outputs
                            + " biases, got "
                            + weight.length
                            + " and "
                            + bias.length);
        }
    }

    /** The scores of {@code n} rows {@code [n*inputs]}, {@code [n*outputs]}, in float. */
    public float[] scores(float[] x, int n) {
        float[] out = new float[n * outputs];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < outputs; j++) {
                double s = bias[j];
                for (int k = 0; k < inputs; k++) {
                    s += (double) x[i * inputs + k] * weight[k * outputs + j];
                }
                out[i * outputs + j] = (float) s;
            }
        }
        return out;
    }
}
