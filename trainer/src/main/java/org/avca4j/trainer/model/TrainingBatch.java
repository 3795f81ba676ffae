package org.avca4j.trainer.model;

/**
 * One training batch of the AVCA loss (docs/method.md#training): positive clips with their class
 * embeddings and, row for row, negative clips of another class with that class's embedding.
 * Row-major flat arrays.
 *
 * @param size clips in the batch
 * @param audio positive audio {@code [size*audioDim]}
 * @param video positive video {@code [size*videoDim]}
 * @param text embedding of each positive clip's class {@code [size*textDim]}
 * @param negAudio negative audio {@code [size*audioDim]}
 * @param negVideo negative video {@code [size*videoDim]}
 * @param negText embedding of each negative clip's class {@code [size*textDim]}
 * @param labels class id of each positive clip {@code [size]}: the methods that score a clip
 *     against every training class (the DEVISE family, APN, CJME's attention target) need it
 * @param negLabels class id of each negative clip {@code [size]}
 */
public record TrainingBatch(
        int size,
        float[] audio,
        float[] video,
        float[] text,
        float[] negAudio,
        float[] negVideo,
        float[] negText,
        int[] labels,
        int[] negLabels) {

    /**
     * Checks the label arrays; the feature arrays are checked by the network, which knows the
     * widths.
     *
     * @throws IllegalArgumentException if a label array does not hold {@code size} ids
     */
    public TrainingBatch {
        if (labels == null
                || labels.length != size
                || negLabels == null
                || negLabels.length != size) {
            throw new IllegalArgumentException(
                    "a batch of "
                            + size
                            + " clips needs "
                            + size
                            + " positive and "
                            + size
                            + " negative class ids, got "
                            + (labels == null ? "none" : labels.length)
                            + " and "
                            + (negLabels == null ? "none" : negLabels.length));
        }
    }
}
