package org.avca4j.trainer.method.devise;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.SettingValues;

/**
 * The settings of ALE, SJE and DEVISE (docs/baselines.md#devise-family).
 *
 * @param loss which of the three losses
 * @param dropout the dropout of x and of E_train ({@code --dropout_baselines}: 0.2 on UCF and
 *     ActivityNet, 0.0 on VGGSound)
 * @param normInputs L2-normalise {@code [v ‖ a]} ({@code --norm_inputs}: on cls features)
 * @param margin the value of the reference's {@code --margin} flag (1.0), which it ignores for
 *     these losses
 * @param honourMargin false reproduces the reference's hard-coded margin 0.1; true uses {@code
 *     margin} instead (the fix)
 */
public record DeviseSettings(
        DeviseLoss loss, double dropout, boolean normInputs, double margin, boolean honourMargin)
        implements MethodSettings {

    /** The margin the reference hard-codes for the three losses. */
    public static final double HARD_CODED_MARGIN = 0.1;

    /** The reference's default of {@code --margin}. */
    public static final double MARGIN_FLAG_DEFAULT = 1.0;

    static final String DROPOUT = "dropout";
    static final String NORM_INPUTS = "norm_inputs";
    static final String MARGIN = "margin";
    static final String HONOUR_MARGIN = "honour_margin";

    /**
     * @throws IllegalArgumentException if the dropout is not in [0, 1) or the margin is not finite
     *     and ≥ 0; the message names the setting
     */
    public DeviseSettings {
        Objects.requireNonNull(loss, "loss");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(
                    "method "
                            + loss.id()
                            + ": setting 'dropout' must be in [0, 1), got "
                            + dropout);
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException(
                    "method "
                            + loss.id()
                            + ": setting 'margin' must be finite and >= 0, got "
                            + margin);
        }
    }

    /** The settings of the published run (docs/baselines.md#devise-family). */
    public static DeviseSettings preset(DeviseLoss loss, DatasetName dataset, FeatureSet features) {
        return new DeviseSettings(
                loss,
                dataset == DatasetName.VGGSOUND ? 0.0 : 0.2,
                features == FeatureSet.CLS,
                MARGIN_FLAG_DEFAULT,
                false);
    }

    /**
     * The preset with a user's overrides.
     *
     * @throws IllegalArgumentException as {@link SettingValues#of} and the constructor
     */
    public static DeviseSettings of(
            DeviseLoss loss,
            DatasetName dataset,
            FeatureSet features,
            Map<String, String> overrides) {
        SettingValues v =
                SettingValues.of(loss.id(), preset(loss, dataset, features).asMap(), overrides);
        return new DeviseSettings(
                loss,
                v.number(DROPOUT),
                v.flag(NORM_INPUTS),
                v.number(MARGIN),
                v.flag(HONOUR_MARGIN));
    }

    /** The margin the loss uses: 0.1 as the reference, or {@code margin} with the fix. */
    public double effectiveMargin() {
        return honourMargin ? margin : HARD_CODED_MARGIN;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(DROPOUT, dropout);
        m.put(NORM_INPUTS, normInputs);
        m.put(MARGIN, margin);
        m.put(HONOUR_MARGIN, honourMargin);
        return m;
    }
}
