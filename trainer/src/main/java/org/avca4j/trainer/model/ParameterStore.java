package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Creates the graph's arrays with PyTorch's default initialisation, drawn from one seeded stream in
 * creation order, and remembers which are trained (by the optimiser) and which are state (BatchNorm
 * running statistics and the fixed positional embedding).
 */
public final class ParameterStore {

    private final SameDiff sd;
    private final DataType dataType;
    private final SplittableRandom random;
    private final Map<String, INDArray> trainable = new LinkedHashMap<>();
    private final Map<String, INDArray> state = new LinkedHashMap<>();

    /** Arrays of {@code dataType} in {@code sd}, drawn from a stream seeded with {@code seed}. */
    public ParameterStore(SameDiff sd, DataType dataType, long seed) {
        this.sd = sd;
        this.dataType = dataType;
        this.random = new SplittableRandom(seed);
    }

    /** A Linear weight {@code [in, out]} drawn from U(−1/√in, 1/√in). */
    public SDVariable linearWeight(String name, int in, int out) {
        return trained(name, uniform(new long[] {in, out}, 1.0 / Math.sqrt(in)));
    }

    /** A Linear bias {@code [out]} drawn from U(−1/√in, 1/√in). */
    public SDVariable linearBias(String name, int in, int out) {
        return trained(name, uniform(new long[] {out}, 1.0 / Math.sqrt(in)));
    }

    /** A trained array of the given shape drawn from U[lower, upper). */
    public SDVariable uniformWeight(String name, double lower, double upper, long... shape) {
        INDArray arr = Nd4j.create(dataType, shape);
        long n = arr.length();
        for (long i = 0; i < n; i++) {
            arr.putScalar(i, lower + (upper - lower) * random.nextDouble());
        }
        return trained(name, arr);
    }

    /** A Linear weight {@code [in, out]} drawn from N(0, std²) (an explicit initialisation). */
    public SDVariable normalWeight(String name, int in, int out, double std) {
        INDArray arr = Nd4j.create(dataType, in, out);
        long n = arr.length();
        for (long i = 0; i < n; i++) {
            arr.putScalar(i, std * random.nextGaussian());
        }
        return trained(name, arr);
    }

    /** A Linear bias {@code [out]} initialised to 0. */
    public SDVariable zeroBias(String name, int out) {
        return trained(name, Nd4j.zeros(dataType, out));
    }

    /** A normalisation scale, initialised to 1. */
    SDVariable scale(String name, int n) {
        return trained(name, Nd4j.ones(dataType, n));
    }

    /** A normalisation shift, initialised to 0. */
    SDVariable shift(String name, int n) {
        return trained(name, Nd4j.zeros(dataType, n));
    }

    /** Untrained state initialised to a constant (running mean 0, running variance 1). */
    SDVariable constantState(String name, int n, double value) {
        return state(name, Nd4j.valueArrayOf(new long[] {n}, value, dataType));
    }

    /** Untrained state drawn once from N(0, 1). */
    SDVariable normalState(String name, long... shape) {
        INDArray arr = Nd4j.create(dataType, shape);
        long n = arr.length();
        for (long i = 0; i < n; i++) {
            arr.putScalar(i, random.nextGaussian());
        }
        return state(name, arr);
    }

    /**
     * Moves every trained array into one flat buffer: {@link #trainable()}, {@link #array} and the
     * graph's variables then hold views of it (same names, shapes and values) and the former arrays
     * are freed. Call it before anything keeps a trained array.
     *
     * @return the buffer and its views
     */
    FlatArrays flattenTrainable() {
        FlatArrays flat = FlatArrays.copyOf(trainable);
        List<INDArray> former = new ArrayList<>(trainable.values());
        for (Map.Entry<String, INDArray> e : flat.views().entrySet()) {
            trainable.put(e.getKey(), e.getValue());
            sd.setArrayForVariable(e.getKey(), e.getValue());
        }
        NativeArrays.close(former);
        return flat;
    }

    /** Trained arrays by name, in creation order (live, not copies). */
    public Map<String, INDArray> trainable() {
        return Collections.unmodifiableMap(trainable);
    }

    /** Untrained state arrays by name, in creation order (live, not copies). */
    public Map<String, INDArray> state() {
        return Collections.unmodifiableMap(state);
    }

    /** Names of every array, trained first, then state. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>(trainable.keySet());
        names.addAll(state.keySet());
        return names;
    }

    /**
     * The live array of any parameter or state.
     *
     * @throws IllegalArgumentException if there is no array of that name
     */
    public INDArray array(String name) {
        INDArray arr = trainable.get(name);
        if (arr == null) {
            arr = state.get(name);
        }
        if (arr == null) {
            throw new IllegalArgumentException("No array named '" + name + "'");
        }
        return arr;
    }

    private INDArray uniform(long[] shape, double bound) {
        INDArray arr = Nd4j.create(dataType, shape);
        long n = arr.length();
        for (long i = 0; i < n; i++) {
            arr.putScalar(i, (2 * random.nextDouble() - 1) * bound);
        }
        return arr;
    }

    private SDVariable trained(String name, INDArray arr) {
        trainable.put(name, arr);
        return sd.var(name, arr);
    }

    private SDVariable state(String name, INDArray arr) {
        this.state.put(name, arr);
        return sd.var(name, arr);
    }
}
