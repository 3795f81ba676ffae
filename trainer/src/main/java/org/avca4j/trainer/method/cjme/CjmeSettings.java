package org.avca4j.trainer.method.cjme;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.trainer.method.SettingValues;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.method.TwoBranchSettings;

/**
 * CJME's settings (docs/baselines.md#cjme).
 *
 * @param dropout dropout of the three embedding nets (0.2 on UCF and ActivityNet, 0.0 on VGGSound)
 * @param margin triplet margin (1)
 * @param hidden hidden width of the audio and video nets (1024)
 * @param outDim width of the joint space (64)
 * @param weighting the triplet weighting (BROADCAST as published; PER_SAMPLE is the fix)
 * @param testBeta the test β rule (MEAN_OF_THREE as published; BOTH is the fix)
 */
public record CjmeSettings(
        double dropout,
        double margin,
        int hidden,
        int outDim,
        TripletWeighting weighting,
        TestBetaRule testBeta)
        implements TwoBranchSettings {

    /**
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if an enum is null
     */
    public CjmeSettings {
        TwoBranchSettings.check(
                "CJME", new double[] {dropout}, margin, new int[] {hidden, outDim}, testBeta);
        Objects.requireNonNull(weighting, "weighting");
    }

    /** The published settings with a given dropout. */
    public static CjmeSettings published(double dropout) {
        return new CjmeSettings(
                dropout, 1.0, 1024, 64, TripletWeighting.BROADCAST, TestBetaRule.MEAN_OF_THREE);
    }

    /**
     * These settings with overrides applied: {@code dropout}, {@code margin}, {@code hidden},
     * {@code out_dim}, {@code weighting} (broadcast|per_sample), {@code test_beta}
     * (mean_of_three|both).
     *
     * @throws IllegalArgumentException if a name is unknown, a value does not parse, or a value is
     *     out of range
     */
    public CjmeSettings with(Map<String, String> overrides) {
        SettingValues v = SettingValues.of(Cjme.ID, typed(), overrides);
        return new CjmeSettings(
                v.number("dropout"),
                v.number("margin"),
                v.integer("hidden"),
                v.integer("out_dim"),
                v.choice("weighting", TripletWeighting.class),
                v.choice("test_beta", TestBetaRule.class));
    }

    @Override
    public Map<String, Object> typed() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dropout", dropout);
        m.put("margin", margin);
        m.put("hidden", hidden);
        m.put("out_dim", outDim);
        m.put("weighting", weighting);
        m.put("test_beta", testBeta);
        return m;
    }
}
