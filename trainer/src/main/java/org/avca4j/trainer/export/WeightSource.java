package org.avca4j.trainer.export;

/** The trained arrays an exporter reads, by name, checked against the shape it needs. */
@FunctionalInterface
interface WeightSource {

    /**
     * @return the row-major values of the array
     * @throws IllegalArgumentException if the array is missing or has another shape
     */
    float[] require(String name, long... shape);
}
