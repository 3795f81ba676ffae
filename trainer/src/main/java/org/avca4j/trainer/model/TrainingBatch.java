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
 */
public record TrainingBatch(
        int size,
        float[] audio,
        float[] video,
        float[] text,
        float[] negAudio,
        float[] negVideo,
        float[] negText) {}
