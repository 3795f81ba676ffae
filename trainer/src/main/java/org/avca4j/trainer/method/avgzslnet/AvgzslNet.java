package org.avca4j.trainer.method.avgzslnet;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.TwoBranchMethod;
import org.avca4j.trainer.method.TwoBranchNetwork;

/** AVGZSLNet as the reference runs it (docs/baselines.md#avgzslnet). */
public final class AvgzslNet extends TwoBranchMethod<AvgzslNetSettings> {

    /** The method's id. */
    public static final String ID = "avgzslnet";

    /** AVGZSLNet with the schedule and export of the two-branch methods. */
    public AvgzslNet() {
        super(ID, "AVGZSLNet", AvgzslNetSettings.class);
    }

    /**
     * The same settings on every dataset and feature set (embedding dropout 0.8, decoder 0.5).
     *
     * @throws IllegalArgumentException if an override is unknown or does not parse
     */
    @Override
    public AvgzslNetSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return AvgzslNetSettings.published().with(overrides);
    }

    @Override
    protected TwoBranchNetwork network(MethodContext context, AvgzslNetSettings settings) {
        return AvgzslNetNetwork.create(context, settings);
    }
}
