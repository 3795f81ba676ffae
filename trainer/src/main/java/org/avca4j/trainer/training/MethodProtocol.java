package org.avca4j.trainer.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;

/**
 * How a method is trained, tested and exported on a benchmark in a run folder ({@link
 * org.avca4j.trainer.method.GzslMethod#protocol()}): the shared protocol of docs/protocol.md
 * ({@link SharedProtocol}) or a method's own (f-VAEGAN-D2's). The trainer carries the method, its
 * settings and the optimisation settings of the run.
 */
public interface MethodProtocol {

    /** The exported model's file name inside a run folder. */
    String MODEL_FILE = "model.onnx";

    /**
     * The outcome an earlier call left in the run folder, if it finished with this configuration
     * and what its reuse opens is intact; otherwise empty (a damaged file is named in a warning).
     *
     * @throws IOException if a file of the run folder cannot be read
     */
    Optional<ProtocolOutcome> finished(Trainer trainer, Benchmark benchmark, Path runFolder)
            throws IOException;

    /**
     * Runs the protocol in the run folder, or resumes it where an earlier call stopped.
     *
     * @throws IllegalArgumentException if the benchmark does not fit the configuration
     * @throws IllegalStateException if the folder holds a run of another configuration, or training
     *     diverged
     * @throws IOException if a file of the run folder cannot be read or written
     */
    ProtocolOutcome run(Trainer trainer, Benchmark benchmark, Path runFolder) throws IOException;

    /**
     * Exports the tested model to {@code file} with its card, unless the file already holds the
     * card of this run.
     *
     * @return the card of the run (before the exporter adds version and time); empty if the method
     *     has no exporter
     * @throws IllegalArgumentException if the outcome is not one of this protocol on this benchmark
     * @throws IOException if a checkpoint cannot be read or the file cannot be written
     */
    Optional<ModelCard> export(
            Trainer trainer,
            Benchmark benchmark,
            ProtocolOutcome outcome,
            Path runFolder,
            Path file)
            throws IOException;

    /**
     * Validation S, U and HM against β at the tested epoch; empty for a method without calibrated
     * stacking.
     *
     * @throws IOException if a checkpoint cannot be read
     */
    List<GzslResult.BetaPoint> betaCurve(
            Trainer trainer, Benchmark benchmark, ProtocolOutcome outcome, Path runFolder)
            throws IOException;

    /**
     * Whether the exported model's ZSL figure, computed by the SDK from its GZSL scores, is the
     * protocol's: false for a method whose ZSL comes from a classifier of its own.
     */
    default boolean exportGivesZsl() {
        return true;
    }
}
