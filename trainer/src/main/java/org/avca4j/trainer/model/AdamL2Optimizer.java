package org.avca4j.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * PyTorch's Adam with L2 weight decay, applied in place. ND4J's own Adam updater puts ε inside the
 * bias-corrected step ({@code lr·√(1−β2ᵗ)/(1−β1ᵗ)·m/(√v+ε)}), which differs from PyTorch's {@code
 * lr/(1−β1ᵗ)·m/(√v/√(1−β2ᵗ)+ε)}; hence this class.
 */
public final class AdamL2Optimizer {

    /**
     * The first half of a split update is a multiple of this many elements (4 KiB of floats). A
     * split at 496 of 1,000 elements changed the last bit of element 495, presumably because a
     * kernel works in blocks and computes the elements left over at an array's end with other code.
     * With the halves on a boundary far coarser than any such block, the split gives the bits of
     * one pass ({@code AdamL2OptimizerTest} checks).
     */
    private static final long SPLIT_ALIGNMENT = 1024;

    private final AdamSettings settings;
    private final Map<String, INDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, INDArray> secondMoments = new LinkedHashMap<>();
    // the moments' buffers when made for a flat layout, otherwise null
    private final FlatArrays flatFirst;
    private final FlatArrays flatSecond;
    private long steps;

    /**
     * Zero moments for every parameter.
     *
     * @param params the trained arrays by name (live; updated in place by {@link #step})
     */
    public AdamL2Optimizer(AdamSettings settings, Map<String, INDArray> params) {
        this.settings = settings;
        this.flatFirst = null;
        this.flatSecond = null;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            firstMoments.put(e.getKey(), e.getValue().ulike().assign(0));
            secondMoments.put(e.getKey(), e.getValue().ulike().assign(0));
        }
    }

    /**
     * Zero moments laid out as {@code params}, so that {@link #step(FlatArrays, FlatArrays,
     * double)} updates every parameter in a handful of operations over the flat buffers; the
     * moments are still readable (and restorable) by name.
     */
    AdamL2Optimizer(AdamSettings settings, FlatArrays params) {
        this.settings = settings;
        this.flatFirst = FlatArrays.zerosLike(params.views());
        this.flatSecond = FlatArrays.zerosLike(params.views());
        firstMoments.putAll(flatFirst.views());
        secondMoments.putAll(flatSecond.views());
    }

    /**
     * One update of every parameter. The gradient arrays are used as scratch space and hold garbage
     * afterwards.
     *
     * @throws IllegalArgumentException if a parameter has no gradient
     */
    public void step(
            Map<String, INDArray> params, Map<String, INDArray> grads, double learningRate) {
        steps++;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            String name = e.getKey();
            INDArray g = grads.get(name);
            if (g == null) {
                throw new IllegalArgumentException("No gradient for parameter '" + name + "'");
            }
            update(e.getValue(), g, firstMoments.get(name), secondMoments.get(name), learningRate);
        }
    }

    /**
     * One update of every parameter of a flat layout, each operation once over the whole buffer;
     * the same arithmetic as {@link #step(Map, Map, double)}. The gradient buffer is used as
     * scratch space and holds garbage afterwards.
     *
     * @throws IllegalStateException if this optimiser was not made for a flat layout
     * @throws IllegalArgumentException if the buffers' lengths differ from the moments'
     */
    void step(FlatArrays params, FlatArrays grads, double learningRate) {
        step(params, grads, learningRate, null);
    }

    /**
     * As {@link #step(FlatArrays, FlatArrays, double)}, with the first half of the buffers updated
     * on {@code helper} (null: none) while the calling thread updates the second. The halves meet
     * on a {@code SPLIT_ALIGNMENT} boundary, where they give the bits of one pass over the whole.
     *
     * @throws IllegalStateException as the other overload; also if the wait for the helper was
     *     interrupted
     * @throws IllegalArgumentException as the other overload
     */
    void step(FlatArrays params, FlatArrays grads, double learningRate, ExecutorService helper) {
        if (flatFirst == null) {
            throw new IllegalStateException(
                    "AdamL2Optimizer: flat step on an optimiser made with one array per parameter");
        }
        long n = flatFirst.buffer().length();
        if (params.buffer().length() != n || grads.buffer().length() != n) {
            throw new IllegalArgumentException(
                    "AdamL2Optimizer: flat buffers of "
                            + params.buffer().length()
                            + " parameters and "
                            + grads.buffer().length()
                            + " gradients, expected "
                            + n);
        }
        steps++;
        INDArray p = params.buffer();
        INDArray g = grads.buffer();
        INDArray m = flatFirst.buffer();
        INDArray v = flatSecond.buffer();
        if (helper == null || n < 2 * SPLIT_ALIGNMENT) {
            update(p, g, m, v, learningRate);
            return;
        }
        long half = n / 2 / SPLIT_ALIGNMENT * SPLIT_ALIGNMENT;
        INDArrayIndex first = NDArrayIndex.interval(0, half);
        INDArrayIndex second = NDArrayIndex.interval(half, n);
        Future<?> firstHalf =
                helper.submit(
                        () ->
                                update(
                                        p.get(first),
                                        g.get(first),
                                        m.get(first),
                                        v.get(first),
                                        learningRate));
        HelperThreads.alongside(
                firstHalf,
                "Adam's update of the first half",
                () ->
                        update(
                                p.get(second),
                                g.get(second),
                                m.get(second),
                                v.get(second),
                                learningRate));
    }

    /** Frees the moments. */
    void release() {
        if (flatFirst != null) {
            flatFirst.release();
            flatSecond.release();
        } else {
            NativeArrays.close(firstMoments.values());
            NativeArrays.close(secondMoments.values());
        }
    }

    /** Adam's update of {@code p} with gradient {@code g} at the current step count. */
    private void update(INDArray p, INDArray g, INDArray m, INDArray v, double learningRate) {
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double stepSize = learningRate / (1 - Math.pow(b1, steps));
        double rootBias2 = Math.sqrt(1 - Math.pow(b2, steps));
        Level1 blas = Nd4j.getBlasWrapper().level1();
        long n = p.length();
        if (settings.weightDecay() != 0) {
            blas.axpy(n, settings.weightDecay(), p, g);
        }
        m.muli(b1);
        blas.axpy(n, 1 - b1, g, m);
        g.muli(g);
        v.muli(b2);
        blas.axpy(n, 1 - b2, g, v);
        // g ← m / (√v/√(1−β2ᵗ) + ε); p ← p − stepSize·g
        Transforms.sqrt(g.assign(v), false).divi(rootBias2).addi(settings.epsilon()).rdivi(m);
        blas.axpy(n, -stepSize, g, p);
    }

    /** Updates made so far. */
    public long steps() {
        return steps;
    }

    /** First moments by parameter name (live). */
    public Map<String, INDArray> firstMoments() {
        return Collections.unmodifiableMap(firstMoments);
    }

    /** Second moments by parameter name (live). */
    public Map<String, INDArray> secondMoments() {
        return Collections.unmodifiableMap(secondMoments);
    }

    /**
     * Restores the step count (the moments are restored in place through their maps).
     *
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public void restoreSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("Adam step count must be >= 0, got " + steps);
        }
        this.steps = steps;
    }
}
