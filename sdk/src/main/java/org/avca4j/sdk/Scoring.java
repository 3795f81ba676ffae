package org.avca4j.sdk;

/** Which clip embedding is compared with the class embeddings θw. */
public enum Scoring {
    /** θv, the video branch after cross-attention: what the paper reports. The default. */
    VIDEO(ModelSignature.THETA_V),
    /** θa, the audio branch after cross-attention. */
    AUDIO(ModelSignature.THETA_A);

    private final String output;

    Scoring(String output) {
        this.output = output;
    }

    /** The model output this scoring reads. */
    public String output() {
        return output;
    }
}
