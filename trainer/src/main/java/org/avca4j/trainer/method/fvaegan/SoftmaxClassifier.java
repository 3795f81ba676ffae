package org.avca4j.trainer.method.fvaegan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.trainer.model.AdamL2Optimizer;
import org.avca4j.trainer.model.AdamSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reference's softmax classifier ({@code classifier_fsl.py}, docs/baselines.md#f-vaegan-d2):
 * Linear(dim, C) → log-softmax with the NLL loss, weights N(0, 0.02²) and bias 0, Adam (β1 from the
 * settings, β2 0.999, no weight decay). The set is shuffled once and then visited in the same order
 * every epoch, in batches of {@code batchSize} with the last partial batch kept.
 *
 * <p>A single linear layer with its exact gradient, {@code ∂L/∂logits = (softmax − onehot)/m},
 * written with ND4J arrays (no graph needed). Not thread-safe.
 */
final class SoftmaxClassifier {

    /** The standard deviation of the initial weights. */
    static final double INIT_STD = 0.02;

    private final INDArray weight;
    private final INDArray bias;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final AdamL2Optimizer adam;
    private final int classes;

    /**
     * @param dim input width
     * @param classes output classes
     * @param beta1 Adam's β1
     * @param seed seeds the initial weights
     */
    SoftmaxClassifier(int dim, int classes, double beta1, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[dim * classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = INIT_STD * random.nextGaussian();
        }
        this.classes = classes;
        this.weight = Nd4j.createFromArray(w).reshape(dim, classes).castTo(DataType.FLOAT);
        this.bias = Nd4j.zeros(DataType.FLOAT, 1, classes);
        params.put("weight", weight);
        params.put("bias", bias);
        this.adam = new AdamL2Optimizer(new AdamSettings(beta1, 0.999, 1e-8, 0), params);
    }

    /** Logits (the log-softmax's argmax is theirs) of {@code [n, dim]} rows, {@code [n, C]}. */
    INDArray logits(INDArray x) {
        return x.mmul(weight).addiRowVector(bias);
    }

    /**
     * One epoch over {@code x} in the given row order.
     *
     * @param x {@code [n, dim]} training rows
     * @param targets output index of each row
     * @param order the visiting order of the rows
     * @return the mean NLL of the epoch's batches
     */
    double epoch(INDArray x, int[] targets, int[] order, int batchSize, double learningRate) {
        double total = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int m = Math.min(batchSize, order.length - start);
            int[] rows = new int[m];
            System.arraycopy(order, start, rows, 0, m);
            INDArray xb = x.getRows(rows);
            INDArray logits = logits(xb);
            INDArray shifted = logits.subColumnVector(logits.max(1).reshape(m, 1));
            INDArray exp = Transforms.exp(shifted, true);
            INDArray sum = exp.sum(1).reshape(m, 1);
            INDArray prob = exp.divColumnVector(sum);
            double loss = 0;
            for (int i = 0; i < m; i++) {
                int y = targets[rows[i]];
                loss -= shifted.getDouble(i, y) - Math.log(sum.getDouble(i, 0));
                prob.putScalar(i, y, prob.getDouble(i, y) - 1);
            }
            prob.divi(m);
            Map<String, INDArray> grads = new LinkedHashMap<>();
            grads.put("weight", xb.transpose().mmul(prob));
            grads.put("bias", prob.sum(true, 0));
            adam.step(params, grads, learningRate);
            total += loss / m;
            batches++;
        }
        return total / batches;
    }

    int classes() {
        return classes;
    }

    /** A copy of the current weights and bias. */
    LinearWeights snapshot() {
        return new LinearWeights(
                weight.rows(),
                classes,
                weight.dup('c').data().asFloat(),
                bias.dup('c').data().asFloat());
    }

    /**
     * A permutation of {@code 0..n-1} (Fisher–Yates) from {@code seed}: the fixed visiting order.
     */
    static int[] shuffled(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
