package org.avca4j.sdk;

/**
 * A candidate class and how far a clip is from it.
 *
 * @param label the class name
 * @param role seen, unseen or added
 * @param distance ‖θ(clip) − θw(class)‖₂
 * @param calibratedDistance the distance used for ranking: {@code distance + β} for seen classes in
 *     GZSL mode, {@code distance} otherwise
 */
public record RankedClass(
        String label, ClassRole role, double distance, double calibratedDistance) {}
