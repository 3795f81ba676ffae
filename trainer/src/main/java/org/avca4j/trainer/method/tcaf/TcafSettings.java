package org.avca4j.trainer.method.tcaf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.ExtraTrainPass;
import org.avca4j.trainer.method.SettingValues;
import org.avca4j.trainer.method.TypedSettings;

/**
 * TCaF's settings (SUCCESSORS-SPEC §1.2). Fixed by the published code and kept here for the shapes:
 * model width 300, embedding 64, feed-forward 128, decoder hidden 512, 32 Fourier frequencies of
 * scale 10.
 *
 * @param encoderHidden hidden width of A_enc and V_enc
 * @param encoderDropout dropout of A_enc and V_enc
 * @param decoderDropout dropout of O_proj and D_o
 * @param textDropout dropout of W_proj and D_w
 * @param depth transformer layers
 * @param heads attention heads
 * @param headDim width of a head
 * @param attentionDropout dropout of attention and feed-forward outputs
 * @param embeddingDropout dropout of the tokens
 * @param trainWindow video rows of the training window (0: pad to the longest clip)
 * @param evalWindow video rows of the evaluation window (0: pad to the longest clip)
 * @param timeCodes the inference time stamps (INDEX_AT_INFERENCE as published; RATED is the fix)
 * @param stage2Length stage-2 epochs (REFERENCE as published; BEST_PLUS_ONE is the fix)
 * @param extraTrainPass the training-mode forward after each step (REFERENCE as published; NONE is
 *     the fix)
 * @param paddingStatistics the rows of the encoders' BatchNorm batch in training (REFERENCE:
 *     padding included, as published; MASKED is the fix)
 */
public record TcafSettings(
        int encoderHidden,
        double encoderDropout,
        double decoderDropout,
        double textDropout,
        int depth,
        int heads,
        int headDim,
        double attentionDropout,
        double embeddingDropout,
        int trainWindow,
        int evalWindow,
        TimeCodes timeCodes,
        Stage2Length stage2Length,
        ExtraTrainPass extraTrainPass,
        PaddingStatistics paddingStatistics)
        implements TypedSettings {

    /** The method id. */
    public static final String ID = "tcaf";

    /** Width of the tokens. */
    public static final int MODEL_DIM = 300;

    /** Width of θ. */
    public static final int EMBEDDING_DIM = 64;

    /** Hidden width of the feed-forward sub-layer. */
    public static final int FF_HIDDEN = 128;

    /** Hidden width of O_proj and D_o. */
    public static final int DECODER_HIDDEN = 512;

    /** Width of the time code and the modality embedding. */
    public static final int TIME_DIM = 64;

    /** Scale of the random Fourier frequencies. */
    public static final double FOURIER_SCALE = 10;

    /**
     * @throws IllegalArgumentException if a width or count is not positive, a window negative, or a
     *     dropout outside {@code [0, 1)}
     * @throws NullPointerException if an enum is null
     */
    public TcafSettings {
        for (double d :
                new double[] {
                    encoderDropout, decoderDropout, textDropout, attentionDropout, embeddingDropout
                }) {
            if (!(d >= 0 && d < 1)) {
                throw new IllegalArgumentException("TCaF dropouts must be in [0,1), got " + d);
            }
        }
        if (encoderHidden < 1 || depth < 1 || heads < 1 || headDim < 1) {
            throw new IllegalArgumentException(
                    "TCaF encoder_hidden, depth, heads and head_dim must be positive, got "
                            + encoderHidden
                            + ", "
                            + depth
                            + ", "
                            + heads
                            + ", "
                            + headDim);
        }
        if (trainWindow < 0 || evalWindow < 0) {
            throw new IllegalArgumentException(
                    "TCaF windows must be ≥ 0 (0: pad to the longest clip), got "
                            + trainWindow
                            + ", "
                            + evalWindow);
        }
        Objects.requireNonNull(timeCodes, "timeCodes");
        Objects.requireNonNull(stage2Length, "stage2Length");
        Objects.requireNonNull(extraTrainPass, "extraTrainPass");
        Objects.requireNonNull(paddingStatistics, "paddingStatistics");
    }

    /** The published config of a dataset and feature set (§1.2), quirks as published. */
    public static TcafSettings published(DatasetName dataset, FeatureSet features) {
        boolean cls = features == FeatureSet.CLS;
        int window = dataset == DatasetName.ACTIVITYNET ? 60 : 0;
        int evalWindow = dataset == DatasetName.ACTIVITYNET ? 300 : 0;
        TimeCodes t = TimeCodes.INDEX_AT_INFERENCE;
        Stage2Length s = Stage2Length.REFERENCE;
        ExtraTrainPass x = ExtraTrainPass.REFERENCE;
        PaddingStatistics p = PaddingStatistics.REFERENCE;
        return switch (dataset) {
            case UCF ->
                    cls
                            ? new TcafSettings(
                                    512, 0.3, 0.1, 0.1, 6, 8, 64, 0.3, 0.2, 0, 0, t, s, x, p)
                            : new TcafSettings(
                                    256, 0.4, 0.2, 0.1, 5, 8, 64, 0.3, 0.2, 0, 0, t, s, x, p);
            case ACTIVITYNET ->
                    cls
                            ? new TcafSettings(
                                    512,
                                    0.3,
                                    0.1,
                                    0.1,
                                    6,
                                    8,
                                    64,
                                    0.4,
                                    0.2,
                                    window,
                                    evalWindow,
                                    t,
                                    s,
                                    x,
                                    p)
                            : new TcafSettings(
                                    128,
                                    0.2,
                                    0.1,
                                    0.1,
                                    8,
                                    3,
                                    128,
                                    0.3,
                                    0.2,
                                    window,
                                    evalWindow,
                                    t,
                                    s,
                                    x,
                                    p);
            case VGGSOUND ->
                    cls
                            ? new TcafSettings(
                                    512, 0.2, 0.2, 0.1, 8, 8, 64, 0.5, 0.1, 0, 0, t, s, x, p)
                            : new TcafSettings(
                                    128, 0.2, 0.2, 0.2, 8, 6, 128, 0.5, 0.2, 0, 0, t, s, x, p);
        };
    }

    /** The published learning rate (§1.2). */
    public static double publishedLearningRate(DatasetName dataset, FeatureSet features) {
        if (features == FeatureSet.CLS) {
            return dataset == DatasetName.VGGSOUND ? 6e-5 : 7e-5;
        }
        return dataset == DatasetName.UCF ? 5e-5 : 7e-5;
    }

    /** Whether the published run steps ReduceLROnPlateau on the validation HM (§1.2). */
    public static boolean publishedPlateau(DatasetName dataset, FeatureSet features) {
        return dataset == DatasetName.ACTIVITYNET
                || (dataset == DatasetName.UCF && features == FeatureSet.CLS);
    }

    /** Width of the concatenated heads. */
    public int attentionWidth() {
        return heads * headDim;
    }

    /**
     * These settings with overrides applied, by the names of {@link #asMap()}.
     *
     * @throws IllegalArgumentException if a name is unknown, a value does not parse, or a value is
     *     out of range
     */
    public TcafSettings with(Map<String, String> overrides) {
        SettingValues v = SettingValues.of(ID, typed(), overrides);
        return new TcafSettings(
                v.integer("encoder_hidden"),
                v.number("encoder_dropout"),
                v.number("decoder_dropout"),
                v.number("text_dropout"),
                v.integer("depth"),
                v.integer("heads"),
                v.integer("head_dim"),
                v.number("attention_dropout"),
                v.number("embedding_dropout"),
                v.integer("train_window"),
                v.integer("eval_window"),
                v.choice("time_codes", TimeCodes.class),
                v.choice("stage2_length", Stage2Length.class),
                v.choice("extra_train_pass", ExtraTrainPass.class),
                v.choice("padding_statistics", PaddingStatistics.class));
    }

    @Override
    public Map<String, Object> typed() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encoder_hidden", encoderHidden);
        m.put("encoder_dropout", encoderDropout);
        m.put("decoder_dropout", decoderDropout);
        m.put("text_dropout", textDropout);
        m.put("depth", depth);
        m.put("heads", heads);
        m.put("head_dim", headDim);
        m.put("attention_dropout", attentionDropout);
        m.put("embedding_dropout", embeddingDropout);
        m.put("train_window", trainWindow);
        m.put("eval_window", evalWindow);
        m.put("time_codes", timeCodes);
        m.put("stage2_length", stage2Length);
        m.put("extra_train_pass", extraTrainPass);
        m.put("padding_statistics", paddingStatistics);
        return m;
    }
}
