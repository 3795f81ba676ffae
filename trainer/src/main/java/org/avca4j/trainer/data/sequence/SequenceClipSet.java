package org.avca4j.trainer.data.sequence;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of clips whose audio and video are feature sequences: clip {@code i} has {@code audio[i]}
 * of shape {@code [T_a,i][audioDim]} and {@code video[i]} of shape {@code [T_v,i][videoDim]}; the
 * two lengths may differ (SUCCESSORS-SPEC §1.1) but are at least 1. Arrays are shared, not copied:
 * treat them as read-only.
 *
 * <p>Build one with {@link #of}, which checks every shape; the canonical constructor checks the
 * same.
 *
 * @param name the set's name, e.g. {@code stage1_train}
 * @param audioDim width of an audio row
 * @param videoDim width of a video row
 * @param audio per clip, {@code [T_a][audioDim]}
 * @param video per clip, {@code [T_v][videoDim]}
 * @param labels class id of each clip (index into the sorted {@code all_class.txt})
 * @param names the clip identifiers ({@code video_names}) of each clip
 * @param seenClasses sorted ids of the seen classes of this set
 * @param unseenClasses sorted ids of the unseen classes of this set (empty for training sets)
 */
public record SequenceClipSet(
        String name,
        int audioDim,
        int videoDim,
        float[][][] audio,
        float[][][] video,
        int[] labels,
        String[] names,
        int[] seenClasses,
        int[] unseenClasses) {

    /**
     * Checks the shapes.
     *
     * @throws IllegalArgumentException if the per-clip arrays do not all hold {@code labels.length}
     *     entries, a clip has no row, a row's width differs from its modality's width, or the class
     *     lists are not sorted; the message names the set, the clip and expected vs found
     */
    public SequenceClipSet {
        Objects.requireNonNull(name, "name");
        int n = labels.length;
        if (audio.length != n || video.length != n || names.length != n) {
            throw new IllegalArgumentException(
                    "SequenceClipSet "
                            + name
                            + ": "
                            + n
                            + " labels but "
                            + audio.length
                            + " audio clips, "
                            + video.length
                            + " video clips and "
                            + names.length
                            + " names");
        }
        for (int i = 0; i < n; i++) {
            checkClip(name, "audio", i, audio[i], audioDim);
            checkClip(name, "video", i, video[i], videoDim);
        }
        checkSorted(name, "seenClasses", seenClasses);
        checkSorted(name, "unseenClasses", unseenClasses);
    }

    /**
     * A set from per-clip sequences; the lists of classes are copied and sorted.
     *
     * @param name the set's name
     * @param audioDim width of an audio row
     * @param videoDim width of a video row
     * @param audio per clip {@code [T_a][audioDim]}
     * @param video per clip {@code [T_v][videoDim]}
     * @param labels class id per clip
     * @param names clip identifier per clip
     * @param seenClasses ids of the seen classes (any order)
     * @param unseenClasses ids of the unseen classes (any order; empty for training sets)
     * @return the checked set
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static SequenceClipSet of(
            String name,
            int audioDim,
            int videoDim,
            float[][][] audio,
            float[][][] video,
            int[] labels,
            String[] names,
            int[] seenClasses,
            int[] unseenClasses) {
        int[] seen = seenClasses.clone();
        int[] unseen = unseenClasses.clone();
        Arrays.sort(seen);
        Arrays.sort(unseen);
        return new SequenceClipSet(
                name, audioDim, videoDim, audio, video, labels, names, seen, unseen);
    }

    /** Number of clips. */
    public int size() {
        return labels.length;
    }

    /** Rows of clip {@code i}'s audio. */
    public int audioLength(int i) {
        return audio[i].length;
    }

    /** Rows of clip {@code i}'s video. */
    public int videoLength(int i) {
        return video[i].length;
    }

    /** All candidate classes, seen and unseen, in ascending id order. */
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

    private static void checkClip(String set, String modality, int i, float[][] rows, int dim) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(
                    "SequenceClipSet " + set + ": " + modality + " of clip " + i + " has no row");
        }
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != dim) {
                throw new IllegalArgumentException(
                        "SequenceClipSet "
                                + set
                                + ": "
                                + modality
                                + " row "
                                + t
                                + " of clip "
                                + i
                                + " has width "
                                + rows[t].length
                                + ", expected "
                                + dim);
            }
        }
    }

    private static void checkSorted(String set, String field, int[] ids) {
        for (int k = 1; k < ids.length; k++) {
            if (ids[k] <= ids[k - 1]) {
                throw new IllegalArgumentException(
                        "SequenceClipSet " + set + ": " + field + " not sorted ascending");
            }
        }
    }
}
