package org.avca4j.trainer.method;

/**
 * Which clip representation an evaluation scores (docs/protocol.md). Single-embedding methods give
 * the same distances in every mode; the three-mode methods (CJME, AVGZSLNet) search β per mode and
 * report {@link #BOTH}.
 */
public enum EvalMode {
    /** The audio branch against the class embeddings. */
    AUDIO,
    /** The video branch against the class embeddings. */
    VIDEO,
    /** The method's combined score: what its epoch choice and its reported figures use. */
    BOTH
}
