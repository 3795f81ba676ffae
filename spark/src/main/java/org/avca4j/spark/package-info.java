/**
 * Classifies catalogues of clips on Apache Spark: the SDK runs inside the executors, one classifier
 * per executor JVM shared by its task threads.
 *
 * <p>{@link org.avca4j.spark.SparkZeroShot} is the Java API ({@code Dataset<Row>} in, predictions
 * and bad rows out); {@link org.avca4j.spark.ClassifyJob} is the {@code spark-submit} main class
 * (Parquet or a benchmark folder in, two Parquet outputs). Spark itself is a {@code provided}
 * dependency: the cluster supplies it.
 */
package org.avca4j.spark;
