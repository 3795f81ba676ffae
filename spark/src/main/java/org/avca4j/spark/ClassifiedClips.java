package org.avca4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two outputs of {@link SparkZeroShot#classify}, both lazy (nothing runs until an action):
 * every input row lands in exactly one of them.
 *
 * @param predictions {@code clip_id, label, role, distance, calibrated_distance, top_k} (top_k: an
 *     array of {@code label, role, distance, calibrated_distance}, nearest first)
 * @param errors {@code clip_id} (null when the id is), {@code source} (the input file, or empty),
 *     {@code reason}
 */
public record ClassifiedClips(Dataset<Row> predictions, Dataset<Row> errors) {}
