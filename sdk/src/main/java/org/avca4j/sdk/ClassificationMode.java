package org.avca4j.sdk;

/** Which classes compete for a clip. */
public enum ClassificationMode {
    /**
     * Generalised zero-shot: every candidate, seen and unseen, with calibrated stacking. The
     * default.
     */
    GZSL,
    /** Zero-shot: unseen and added candidates only (β plays no part). */
    ZSL
}
