package org.avca4j.benchmarks.report;

import java.util.Objects;

/**
 * Versions of the software a reproduction ran with, as the caller reads them.
 *
 * @param avca4j the project version
 * @param onnxRuntime the ONNX Runtime version
 * @param nd4j the ND4J version the trainer ran on
 */
public record SoftwareVersions(String avca4j, String onnxRuntime, String nd4j) {

    /**
     * @throws NullPointerException if a version is null
     */
    public SoftwareVersions {
        Objects.requireNonNull(avca4j, "avca4j");
        Objects.requireNonNull(onnxRuntime, "onnxRuntime");
        Objects.requireNonNull(nd4j, "nd4j");
    }
}
