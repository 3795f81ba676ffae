package org.avca4j.trainer.method.avgzslnet;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.SettingValues;
import org.avca4j.trainer.method.TestBetaRule;

/**
 * AVGZSLNet's settings (docs/baselines.md#avgzslnet).
 *
 * @param embeddingDropout dropout of the three embedding nets (0.8)
 * @param decoderDropout dropout of the decoder (0.5)
 * @param margin triplet margin (1)
 * @param hidden hidden width of the audio and video nets (1024)
 * @param decoderHidden hidden width of the decoder (64)
 * @param outDim width of the joint space (64)
 * @param testBeta the test β rule (MEAN_OF_THREE as published; BOTH is the fix)
 */
public record AvgzslNetSettings(
        double embeddingDropout,
        double decoderDropout,
        double margin,
        int hidden,
        int decoderHidden,
        int outDim,
        TestBetaRule testBeta)
        implements MethodSettings {

    /**
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if the test β rule is null
     */
    public AvgzslNetSettings {
        for (double p : new double[] {embeddingDropout, decoderDropout}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("AVGZSLNet dropouts must be in [0,1), got " + p);
            }
        }
        if (!(margin > 0)
                || Double.isInfinite(margin)
                || hidden < 1
                || decoderHidden < 1
                || outDim < 1) {
            throw new IllegalArgumentException(
                    "AVGZSLNet margin and widths must be positive, got "
                            + margin
                            + ", "
                            + hidden
                            + ", "
                            + decoderHidden
                            + ", "
                            + outDim);
        }
        Objects.requireNonNull(testBeta, "testBeta");
    }

    /** The published settings (the same on every dataset and feature set). */
    public static AvgzslNetSettings published() {
        return new AvgzslNetSettings(0.8, 0.5, 1.0, 1024, 64, 64, TestBetaRule.MEAN_OF_THREE);
    }

    /**
     * These settings with overrides applied: {@code embedding_dropout}, {@code decoder_dropout},
     * {@code margin}, {@code hidden}, {@code decoder_hidden}, {@code out_dim}, {@code test_beta}
     * (mean_of_three|both).
     *
     * @throws IllegalArgumentException if a name is unknown, a value does not parse, or a value is
     *     out of range
     */
    public AvgzslNetSettings with(Map<String, String> overrides) {
        SettingValues v = SettingValues.of(AvgzslNet.ID, typed(), overrides);
        return new AvgzslNetSettings(
                v.number("embedding_dropout"),
                v.number("decoder_dropout"),
                v.number("margin"),
                v.integer("hidden"),
                v.integer("decoder_hidden"),
                v.integer("out_dim"),
                v.choice("test_beta", TestBetaRule.class));
    }

    /** Every setting with its value as its own type (enums as constants). */
    private Map<String, Object> typed() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("embedding_dropout", embeddingDropout);
        m.put("decoder_dropout", decoderDropout);
        m.put("margin", margin);
        m.put("hidden", hidden);
        m.put("decoder_hidden", decoderHidden);
        m.put("out_dim", outDim);
        m.put("test_beta", testBeta);
        return m;
    }

    /** Every setting by name, enums written in lower case. */
    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = typed();
        m.replaceAll((k, x) -> x instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : x);
        return m;
    }
}
