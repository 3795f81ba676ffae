package org.avca4j.sdk;

import java.util.List;

/**
 * The class a clip is assigned to, and the nearest candidates.
 *
 * @param label the predicted class: smallest calibrated distance, the first candidate on ties
 * @param role its role (seen, unseen, added)
 * @param distance its Euclidean distance to the clip
 * @param calibratedDistance its calibrated distance (distance + β when seen, in GZSL mode)
 * @param topK the k nearest candidates by calibrated distance, nearest first; the first is the
 *     prediction
 */
public record Prediction(
        String label,
        ClassRole role,
        double distance,
        double calibratedDistance,
        List<RankedClass> topK) {

    public Prediction {
        topK = List.copyOf(topK);
    }

    static Prediction of(List<RankedClass> ranked) {
        RankedClass best = ranked.get(0);
        return new Prediction(
                best.label(), best.role(), best.distance(), best.calibratedDistance(), ranked);
    }
}
