/**
 * A runnable example of the Spark job on synthetic clips, and the synthetic clips themselves (also
 * used by the module's tests).
 */
package org.avca4j.spark.example;
