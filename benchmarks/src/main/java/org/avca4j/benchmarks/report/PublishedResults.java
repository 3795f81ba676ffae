package org.avca4j.benchmarks.report;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;

/**
 * The published AVCA test figures (docs/protocol.md#published-figures), in percent, for comparison
 * with a reproduction.
 */
public final class PublishedResults {

    /** Where the figures come from; reports print it under the comparison. */
    public static final String SOURCE_NOTE =
            "Published figures: HM and ZSL are from the README of the"
                    + " reference implementation; S and U are as recalled from the paper (CVPR 2022) and agree"
                    + " with the HM to rounding.";

    private static final Map<FeatureSet, Map<DatasetName, Scores>> TABLE =
            new EnumMap<>(FeatureSet.class);

    static {
        put(FeatureSet.MAIN, DatasetName.UCF, 51.53, 18.43, 27.15, 20.01);
        put(FeatureSet.MAIN, DatasetName.ACTIVITYNET, 24.86, 8.02, 12.13, 9.13);
        put(FeatureSet.MAIN, DatasetName.VGGSOUND, 14.90, 4.00, 6.31, 6.00);
        put(FeatureSet.CLS, DatasetName.UCF, 63.15, 30.72, 41.34, 37.72);
        put(FeatureSet.CLS, DatasetName.ACTIVITYNET, 16.77, 7.04, 9.92, 7.58);
        put(FeatureSet.CLS, DatasetName.VGGSOUND, 12.63, 6.19, 8.31, 6.91);
    }

    private PublishedResults() {}

    private static void put(
            FeatureSet features, DatasetName dataset, double s, double u, double hm, double zsl) {
        TABLE.computeIfAbsent(features, f -> new EnumMap<>(DatasetName.class))
                .put(dataset, new Scores(s, u, hm, zsl));
    }

    /**
     * The published figures in percent for one benchmark, or empty when the paper gives none. All
     * six combinations of the paper are present.
     */
    public static Optional<Scores> of(DatasetName dataset, FeatureSet features) {
        return Optional.ofNullable(TABLE.getOrDefault(features, Map.of()).get(dataset));
    }
}
