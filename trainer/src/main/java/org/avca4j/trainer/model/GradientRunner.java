package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss outputs and the gradients of a graph's trained arrays from one run of its gradient
 * function. SameDiff's {@code calculateGradientsAndOutputs} (ND4J 1.0.0-M2.1) switches the gradient
 * function's array cache off before every call, so each of its op outputs is a fresh native
 * allocation (tens of µs each, milliseconds for the large ones); running the function directly
 * keeps the cache, which recycles the arrays between steps.
 */
public final class GradientRunner {

    private final SameDiff gradFn;
    private final List<String> outputs;
    private final List<String> requested;
    private final Map<String, String> gradientOf = new LinkedHashMap<>();

    /**
     * Builds the gradient function of {@code sd}'s loss variables (which must be set).
     *
     * @param outputs the forward outputs each run returns besides the gradients
     * @param trainable the arrays whose gradients each run returns
     * @throws IllegalStateException if ND4J cannot differentiate the graph
     */
    public GradientRunner(SameDiff sd, List<String> outputs, Collection<String> trainable) {
        GradientFunctions.create(sd);
        this.gradFn = sd.getFunction("grad");
        this.outputs = List.copyOf(outputs);
        this.requested = new ArrayList<>(outputs);
        for (String name : trainable) {
            String g = sd.getVariable(name).getGradient().name();
            gradientOf.put(name, g);
            requested.add(g);
        }
    }

    /** The gradient function (to add listeners to it, or to close its sessions). */
    public SameDiff gradientFunction() {
        return gradFn;
    }

    /** The outputs and gradients (by trained array name) for the given placeholders. */
    public OutAndGrad run(Map<String, INDArray> placeholders) {
        gradFn.setEnableCache(true); // calculateGradientsAndOutputs, if ever called, leaves it off
        Map<String, INDArray> all = gradFn.output(placeholders, requested);
        Map<String, INDArray> out = new HashMap<>();
        for (String name : outputs) {
            out.put(name, all.get(name));
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : gradientOf.entrySet()) {
            grads.put(e.getKey(), all.get(e.getValue()));
        }
        return new OutAndGrad(out, grads);
    }
}
