package org.avca4j.sdk;

/**
 * The names an AVCA ONNX model uses for its inputs, outputs and model card. The exporter writes
 * them and the SDK checks them, so they live in this one place.
 */
public final class ModelSignature {

    /** Input: audio features {@code float [N, audio_dim]}. */
    public static final String AUDIO = "audio";

    /** Input: visual features {@code float [N, video_dim]}. */
    public static final String VIDEO = "video";

    /** Input: class text embeddings {@code float [C, text_dim]}. */
    public static final String TEXT = "text";

    /** Output: θv, the video branch after cross-attention, {@code float [N, embedding_dim]}. */
    public static final String THETA_V = "theta_v";

    /** Output: θa, the audio branch after cross-attention, {@code float [N, embedding_dim]}. */
    public static final String THETA_A = "theta_a";

    /** Output: θw, the projected text embeddings, {@code float [C, embedding_dim]}. */
    public static final String THETA_W = "theta_w";

    /**
     * Output of a fixed-class model ({@link org.avca4j.sdk.card.ScoringRule#FIXED_CLASSES}): one
     * score per card class, {@code float [N, classes]}; such a model has no {@code text} input and
     * no θ outputs.
     */
    public static final String SCORES = "scores";

    /**
     * Output of a model whose card's scoring rule is {@link org.avca4j.sdk.card.ScoringRule#GATED}:
     * the hard gate ω̄ ∈ {0, 1} per clip, {@code float [N, 1]} (1: score the clip by θv, 0: by θa).
     */
    public static final String GATE = "gate";

    /**
     * Input of a sequence model (TCaF): 1 on the real audio rows of each clip, 0 on padding, {@code
     * float [N, La]}; its {@code audio} input is then {@code float [N, La, audio_dim]}.
     */
    public static final String AUDIO_MASK = "audio_mask";

    /**
     * Input of a sequence model: 1 on the real video rows of each clip, {@code float [N, Lv]}; its
     * {@code video} input is then {@code float [N, Lv, video_dim]}.
     */
    public static final String VIDEO_MASK = "video_mask";

    /** Symbolic name of the clip dimension. */
    public static final String CLIP_DIM = "N";

    /** Symbolic name of the class dimension. */
    public static final String CLASS_DIM = "C";

    /** Key of the model card in the model's {@code metadata_props}. */
    public static final String CARD_KEY = "avca.model_card";

    /**
     * The {@code metadata_props} key of the model's SHA-256 digest: 64 lowercase hex digits,
     * computed over the serialized model with these 64 characters written as {@code '0'}.
     */
    public static final String DIGEST_KEY = "avca.model_sha256";

    private ModelSignature() {}
}
