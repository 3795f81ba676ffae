package org.avca4j.trainer.method.cjme;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.TwoBranchMethod;
import org.avca4j.trainer.method.TwoBranchNetwork;

/** CJME as the reference runs it (docs/baselines.md#cjme). */
public final class Cjme extends TwoBranchMethod<CjmeSettings> {

    /** The method's id. */
    public static final String ID = "cjme";

    /** CJME with the schedule and export of the two-branch methods. */
    public Cjme() {
        super(ID, "CJME", CjmeSettings.class);
    }

    /**
     * Dropout 0.2 on UCF and ActivityNet, 0.0 on VGGSound, on both feature sets.
     *
     * @throws IllegalArgumentException if an override is unknown or does not parse
     */
    @Override
    public CjmeSettings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return CjmeSettings.published(dataset == DatasetName.VGGSOUND ? 0.0 : 0.2).with(overrides);
    }

    @Override
    protected TwoBranchNetwork network(MethodContext context, CjmeSettings settings) {
        return CjmeNetwork.create(context, settings);
    }
}
