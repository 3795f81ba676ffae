package org.avca4j.trainer.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of clips with paired audio and visual features, their class ids, and the seen/unseen
 * classes that the set's evaluation uses as candidates.
 *
 * <p>Features are stored row-major in flat arrays: clip {@code i}'s audio vector is {@code
 * audio[i*audioDim .. (i+1)*audioDim)}. Arrays are shared, not copied: treat them as read-only.
 *
 * @param name the set's name, e.g. {@code stage1_train}
 * @param size number of clips
 * @param audioDim width of an audio feature vector
 * @param videoDim width of a visual feature vector
 * @param audio audio features, {@code size*audioDim} floats
 * @param video visual features, {@code size*videoDim} floats
 * @param labels class id of each clip (index into the sorted {@code all_class.txt})
 * @param urls the clip identifiers ({@code video_urls}) of each clip
 * @param seenClasses sorted ids of the seen classes of this set
 * @param unseenClasses sorted ids of the unseen classes of this set (empty for training sets)
 */
public record ClipSet(
        String name,
        int size,
        int audioDim,
        int videoDim,
        float[] audio,
        float[] video,
        int[] labels,
        String[] urls,
        int[] seenClasses,
        int[] unseenClasses) {

    public ClipSet {
        Objects.requireNonNull(name, "name");
        if (audio.length != (long) size * audioDim
                || video.length != (long) size * videoDim
                || labels.length != size
                || urls.length != size) {
            throw new IllegalArgumentException(
                    "ClipSet " + name + ": array lengths do not match size " + size);
        }
    }

    /**
     * All candidate classes of this set, seen and unseen, in ascending id order: the column order
     * of a distance matrix, so that ties go to the lowest class id as in the reference.
     */
    public int[] candidateClasses() {
        int[] all = Arrays.copyOf(seenClasses, seenClasses.length + unseenClasses.length);
        System.arraycopy(unseenClasses, 0, all, seenClasses.length, unseenClasses.length);
        Arrays.sort(all);
        return all;
    }

    /** Whether the class id is one of this set's seen classes. */
    public boolean isSeen(int classId) {
        return Arrays.binarySearch(seenClasses, classId) >= 0;
    }
}
