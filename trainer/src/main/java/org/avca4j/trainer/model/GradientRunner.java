package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a graph's gradient function for its loss outputs and the gradients of its trained arrays.
 * SameDiff's {@code calculateGradientsAndOutputs} (ND4J 1.0.0-M2.1) switches the gradient
 * function's array cache off before every call, so each of its thousands of op outputs is a fresh
 * native allocation (tens of µs each, milliseconds for the large ones); running the function
 * directly keeps the cache, which recycles the arrays between steps.
 */
final class GradientRunner {

    private final SameDiff gradFn;
    private final List<String> outputs;
    private final List<String> allOutputs;
    private final Map<String, String> gradientOf = new LinkedHashMap<>();

    /**
     * Builds the gradient function of {@code sd}'s loss variables (once).
     *
     * @param outputs the forward outputs returned with every run
     * @param trainable the arrays whose gradients are returned
     */
    GradientRunner(
            SameDiff sd, List<String> outputs, List<String> trainable, List<Listener> listeners) {
        GradientFunctions.create(sd);
        this.gradFn = sd.getFunction("grad");
        if (!listeners.isEmpty()) {
            gradFn.addListeners(listeners);
        }
        this.outputs = List.copyOf(outputs);
        this.allOutputs = new ArrayList<>(outputs);
        for (String name : trainable) {
            String g = sd.getVariable(name).getGradient().name();
            gradientOf.put(name, g);
            allOutputs.add(g);
        }
    }

    /** The outputs and the gradients by trained array name, from one run. */
    OutAndGrad run(Map<String, INDArray> placeholders) {
        gradFn.setEnableCache(true); // calculateGradientsAndOutputs, if ever called, leaves it off
        Map<String, INDArray> all = gradFn.output(placeholders, allOutputs);
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

    /** Frees the gradient function's cached op outputs. */
    void close() {
        NativeArrays.closeSessions(gradFn);
    }
}
