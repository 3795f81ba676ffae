package org.avca4j.trainer.method;

import java.util.Map;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.export.MethodExporter;
import org.avca4j.trainer.training.MethodProtocol;
import org.avca4j.trainer.training.SharedProtocol;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * One GZSL method: its settings and their published presets, its training schedule, and how its
 * network is built. Registered in {@link Methods}; adding a method is adding a package with one
 * implementation of this interface and registering it there.
 */
public interface GzslMethod {

    /** The name used on the command line, in run folders and reports: lower case, e.g. "devise". */
    String id();

    /** The name as the paper's tables print it, e.g. "DEVISE". */
    String displayName();

    /**
     * The settings of the published run on a dataset and feature set, with overrides applied.
     *
     * @param overrides setting name → value as typed by a user
     * @throws IllegalArgumentException if an override names no setting of this method (the message
     *     lists the settings) or its value does not parse (the message says what was expected)
     */
    MethodSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides);

    /**
     * The settings of the published run for a benchmark, with overrides applied, where the preset
     * has widths that follow the data: by default {@link #settings(DatasetName, FeatureSet, Map)}
     * of the benchmark's dataset and feature set (the input widths of every method but AVCA come
     * from the benchmark when the network is built). AVCA takes its text width, and with it its
     * attention space, from the benchmark's text embeddings.
     *
     * @throws IllegalArgumentException as {@link #settings(DatasetName, FeatureSet, Map)}, or if an
     *     override contradicts the benchmark's widths (the message gives expected and found)
     */
    default MethodSettings settings(Benchmark benchmark, Map<String, String> overrides) {
        return settings(benchmark.dataset(), benchmark.featureSet(), overrides);
    }

    /**
     * The on-disk layout of the method's published data (docs/data-format.md): by default AVCA's
     * download ({@link DataLayout#AVCA}, the paper's methods); TCaF's sequences and ClipClap's
     * CLIP/CLAP vectors have their own. {@code reproduce} reads each method's datasets in this
     * layout unless it is pointed at a folder of another layout the method can read.
     */
    default DataLayout dataLayout() {
        return DataLayout.AVCA;
    }

    /**
     * The optimisation schedule of the published run: batch size, epochs, batches per epoch,
     * learning rate and its plateau schedule, weight decay.
     */
    TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder);

    /** How the test β is chosen from the stage-1 validation. */
    TestBetaRule testBetaRule(MethodSettings settings);

    /**
     * The β values every validation searches (docs/protocol.md): by default AVCA's 0, 0.2, …, 3.0
     * ({@link GzslEvaluator#betaGrid()}); ClipClap searches {@code linspace(0, 5, 76)}.
     */
    default double[] betaGrid(MethodSettings settings) {
        return GzslEvaluator.betaGrid();
    }

    /**
     * How many epochs stage 2 trains once stage 1 chose E*: by default every configured epoch (the
     * paper's protocol); TCaF and ClipClap train E*+1.
     *
     * @param bestEpoch E*, the 0-based stage-1 epoch of the best validation HM
     * @param epochs the configured number of epochs
     * @throws IllegalArgumentException if {@code bestEpoch} is not in {@code [0, epochs)}
     */
    default int stage2Epochs(MethodSettings settings, int bestEpoch, int epochs) {
        if (bestEpoch < 0 || bestEpoch >= epochs) {
            throw new IllegalArgumentException(
                    "best epoch must be in [0, " + epochs + "), got " + bestEpoch);
        }
        return epochs;
    }

    /**
     * A freshly initialised network.
     *
     * @throws IllegalArgumentException if the settings belong to another method or do not fit the
     *     context
     */
    MethodNetwork create(MethodContext context, MethodSettings settings);

    /**
     * A freshly initialised network for a run with these optimisation settings; what the trainer
     * calls. By default {@link #create(MethodContext, MethodSettings)}: a method whose network
     * needs a training setting at construction (AVCA's weight decay) overrides this.
     *
     * @throws IllegalArgumentException as {@link #create(MethodContext, MethodSettings)}
     */
    default MethodNetwork create(
            MethodContext context, MethodSettings settings, TrainingConfig training) {
        return create(context, settings);
    }

    /**
     * The optimisation schedule of a run with these settings: by default {@link
     * #trainingConfig(DatasetName, FeatureSet, TextOrder)}; a method whose settings hold its own
     * schedule (f-VAEGAN-D2's {@code nepoch}, {@code n_batches}, {@code batch_size}) takes it from
     * them.
     */
    default TrainingConfig.Builder trainingConfig(
            DatasetName dataset,
            FeatureSet features,
            TextOrder textOrder,
            MethodSettings settings) {
        return trainingConfig(dataset, features, textOrder);
    }

    /**
     * Whether the method trains on feature sequences (TCaF): its runs need the benchmark read in a
     * sequence layout ({@link MethodContext#sequences()}), and the shared protocol runs on that
     * benchmark's averaged vector view. By default false.
     */
    default boolean takesSequences() {
        return false;
    }

    /**
     * How the method's tested network is written as an ONNX model with its card; empty for a method
     * that exports nothing from a network ({@link #protocol()} may export on its own).
     */
    default Optional<MethodExporter> exporter() {
        return Optional.empty();
    }

    /**
     * How the method is trained, tested and exported on a benchmark: by default the shared protocol
     * of docs/protocol.md ({@link SharedProtocol}, over {@link
     * org.avca4j.trainer.training.ProtocolRunner}); a method whose evaluation does not fit the
     * shared epoch loop returns its own.
     */
    default MethodProtocol protocol() {
        return SharedProtocol.INSTANCE;
    }
}
