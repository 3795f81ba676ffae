package org.avca4j.spark;

/**
 * Thrown, when asked for, on the first input row that cannot be classified (wrong width, NaN, a
 * null); by default such rows go to the error output instead.
 */
public final class BadRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param clipId the row's clip id, or null
     * @param source the file it came from, or empty
     * @param reason what is wrong with it
     */
    public BadRowException(String clipId, String source, String reason) {
        super(
                "bad input row"
                        + (clipId == null ? "" : " '" + clipId + "'")
                        + (source == null || source.isEmpty() ? "" : " in " + source)
                        + ": "
                        + reason);
    }
}
