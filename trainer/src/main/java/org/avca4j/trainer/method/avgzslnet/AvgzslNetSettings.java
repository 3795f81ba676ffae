package org.avca4j.trainer.method.avgzslnet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.method.SettingValues;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.method.TwoBranchSettings;

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
        implements TwoBranchSettings {

    /**
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if the test β rule is null
     */
    public AvgzslNetSettings {
        TwoBranchSettings.check(
                "AVGZSLNet",
                new double[] {embeddingDropout, decoderDropout},
                margin,
                new int[] {hidden, decoderHidden, outDim},
                testBeta);
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

    @Override
    public Map<String, Object> typed() {
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
}
