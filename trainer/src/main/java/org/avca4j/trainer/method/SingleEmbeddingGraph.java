package org.avca4j.trainer.method;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avca4j.trainer.model.NativeThreading;
import org.avca4j.trainer.model.ParameterStore;
import org.avca4j.trainer.model.PassPlan;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph of a single-embedding method (docs/baselines.md), as its method builds it: the
 * input {@code x = [v ‖ a]} and the one-hot rows of the clips' classes in E_train as placeholders,
 * E_train as a constant, parameters from a {@link ParameterStore} seeded with the context's seed,
 * dropout masks of one training pass; the method adds its loss (total and named terms) and its
 * inference embedding {@code e(x)} of width {@code textDim}.
 */
public final class SingleEmbeddingGraph {

    /** Placeholder: x {@code [B, videoDim + audioDim]}. */
    public static final String INPUT = "x";

    /** Placeholder: one-hot E_train rows of the clips' classes {@code [B, C_train]}. */
    public static final String LABELS = "y";

    /** Output: the total loss. */
    public static final String LOSS = "loss";

    /** Output: the inference embedding e(x) {@code [B, textDim]}. */
    public static final String EMBEDDING = "embedding";

    static {
        // Before anything of this class touches ND4J: its OpenMP reads the wait policy when it
        // loads; then ND4J's ops and BLAS get one thread.
        NativeThreading.prepareNd4j();
    }

    private final MethodContext context;
    private final DataType dataType;
    private final SameDiff sd = SameDiff.create();
    private final ParameterStore store;
    private final PassPlan pass;
    private final SDVariable input;
    private final SDVariable labels;
    private final SDVariable classText;
    private final Map<String, String> terms = new LinkedHashMap<>();
    private String embeddingWeight;
    private boolean lossSet;

    /**
     * An empty graph for the context, of FLOAT or DOUBLE arrays.
     *
     * @throws IllegalArgumentException for another data type
     */
    public SingleEmbeddingGraph(MethodContext context, DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException(
                    "data type must be FLOAT or DOUBLE, got " + dataType);
        }
        this.context = Objects.requireNonNull(context, "context");
        this.dataType = dataType;
        this.store = new ParameterStore(sd, dataType, context.seed());
        this.pass = new PassPlan(sd, dataType, "train");
        this.input = sd.placeHolder(INPUT, dataType, -1, inputDim());
        this.labels = sd.placeHolder(LABELS, dataType, -1, context.trainClassCount());
        this.classText =
                sd.constant(
                        "E_train",
                        Nd4j.createFromArray(context.trainClassText())
                                .reshape(context.trainClassCount(), context.textDim())
                                .castTo(dataType));
    }

    /** The width of x. */
    public int inputDim() {
        return context.audioDim() + context.videoDim();
    }

    /** The context the graph is built for. */
    public MethodContext context() {
        return context;
    }

    /** The graph's arrays' type. */
    public DataType dataType() {
        return dataType;
    }

    /** The graph. */
    public SameDiff sameDiff() {
        return sd;
    }

    /** Where parameters are created (PyTorch-default or method-specific initialisation). */
    public ParameterStore store() {
        return store;
    }

    /** The training pass, for dropout masks drawn from the step seed in creation order. */
    public PassPlan pass() {
        return pass;
    }

    /** x. */
    public SDVariable input() {
        return input;
    }

    /** The clips' one-hot class rows. */
    public SDVariable labels() {
        return labels;
    }

    /** E_train {@code [C_train, textDim]}, raw (no dropout). */
    public SDVariable classText() {
        return classText;
    }

    /**
     * Sets the loss: the total, differentiated, and its named terms in report order.
     *
     * @throws IllegalStateException if a loss was set already
     */
    public void setLoss(SDVariable total, Map<String, SDVariable> namedTerms) {
        if (lossSet) {
            throw new IllegalStateException("the loss is set already");
        }
        lossSet = true;
        for (Map.Entry<String, SDVariable> e : namedTerms.entrySet()) {
            terms.put(e.getKey(), e.getValue().rename("loss." + e.getKey()).name());
        }
        total.rename(LOSS);
        sd.setLossVariables(LOSS);
    }

    /**
     * Sets the inference embedding {@code e = x·W} (no dropout) by the name of its weight W {@code
     * [inputDim, textDim]}, a parameter of the store.
     *
     * @throws IllegalStateException if it was set already
     */
    public void setEmbedding(String weight) {
        if (embeddingWeight != null) {
            throw new IllegalStateException("the embedding is set already");
        }
        embeddingWeight = weight;
        sd.mmul(EMBEDDING, input, sd.getVariable(weight));
    }

    /** The name of the inference embedding's weight. */
    String embeddingWeight() {
        return embeddingWeight;
    }

    /** Output name of each named term, in report order. */
    Map<String, String> terms() {
        return Collections.unmodifiableMap(terms);
    }

    /** The outputs of a training run: the total, then the terms. */
    List<String> lossOutputs() {
        List<String> out = new ArrayList<>();
        out.add(LOSS);
        out.addAll(terms.values());
        return out;
    }

    /**
     * @throws IllegalStateException if the loss or the embedding is missing
     */
    void checkComplete() {
        if (!lossSet || embeddingWeight == null) {
            throw new IllegalStateException(
                    "a single-embedding graph needs setLoss and setEmbedding");
        }
    }
}
