package org.avca4j.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a hand-written pass's layers take their dropout masks from, site after site: a {@link
 * MaskStream} for the positive clips' calls, or its {@link MaskStream#negative() negative lane}.
 */
interface MaskSource {

    /**
     * The next site's mask {@code [rows, width]} of zeros and {@code 1/keep}, or null when the
     * dropout is 0 (no site, no draw).
     *
     * @throws IllegalStateException if the pass asks for other sites than the pass it was planned
     *     from
     */
    INDArray next(long rows, int width, double dropout);
}
