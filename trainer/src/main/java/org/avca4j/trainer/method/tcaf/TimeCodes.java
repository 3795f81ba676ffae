package org.avca4j.trainer.method.tcaf;

/** Which time stamps the inference path feeds to the time code (SUCCESSORS-SPEC §1.4, quirk 1). */
public enum TimeCodes {
    /**
     * As the reference: training uses {@code k·r}, inference the integer index {@code k} for both
     * modalities; on cls features (r = 0.96 / 0.64) inference sees other positions than training.
     */
    INDEX_AT_INFERENCE,
    /** The fix: inference uses the same {@code k·r} as training. */
    RATED
}
