package org.avca4j.trainer.data;

import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;

/**
 * The part of a builder that chooses one benchmark: dataset (required), feature set and class split
 * (both {@code MAIN} by default). {@link BenchmarkReader} and {@link SyntheticBenchmark} share it,
 * so that a synthetic benchmark is chosen with the same settings and defaults as the one it stands
 * in for.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class BenchmarkChoice<B extends BenchmarkChoice<B>> {

    DatasetName dataset;
    FeatureSet featureSet = FeatureSet.MAIN;
    SplitName split = SplitName.MAIN;

    BenchmarkChoice() {}

    /** This builder, as its own type. */
    abstract B self();

    /**
     * Which benchmark. Required.
     *
     * @throws NullPointerException if {@code dataset} is null
     */
    public B setDataset(DatasetName dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        return self();
    }

    /**
     * {@link FeatureSet#MAIN} (default) or {@link FeatureSet#CLS}.
     *
     * @throws NullPointerException if {@code featureSet} is null
     */
    public B optFeatureSet(FeatureSet featureSet) {
        this.featureSet = Objects.requireNonNull(featureSet, "featureSet");
        return self();
    }

    /**
     * The class split: {@link SplitName#MAIN} (default) or {@link SplitName#CLS}.
     *
     * @throws NullPointerException if {@code split} is null
     */
    public B optSplit(SplitName split) {
        this.split = Objects.requireNonNull(split, "split");
        return self();
    }
}
