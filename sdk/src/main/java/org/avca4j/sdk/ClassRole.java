package org.avca4j.sdk;

/**
 * What a vocabulary class was during training; calibrated stacking adds β to the distance of {@link
 * #SEEN} classes only.
 */
public enum ClassRole {
    /** A class whose clips the model was trained on. */
    SEEN,
    /** A class of the model card that training never saw. */
    UNSEEN,
    /** A class added at run time by name and text embedding; counts as unseen. */
    ADDED;

    /** Whether calibrated stacking treats the class as seen. */
    public boolean isSeen() {
        return this == SEEN;
    }
}
