package org.avca4j.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.export.MethodExporter;
import org.avca4j.trainer.export.ModelCards;
import org.avca4j.trainer.io.DamagedFileException;
import org.avca4j.trainer.method.MethodNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol every method but f-VAEGAN-D2 shares (docs/protocol.md), run by {@link
 * ProtocolRunner} on the {@link Trainer}'s epoch loop, its {@code run.json} reused when it finished
 * with the same configuration and the checkpoints it tested are intact, and the tested stage-2
 * checkpoint exported by the method's {@link MethodExporter}.
 */
public final class SharedProtocol implements MethodProtocol {

    /** The one instance. */
    public static final SharedProtocol INSTANCE = new SharedProtocol();

    /** Above this, a recomputed validation HM is reported as disagreeing with the recorded one. */
    private static final double TOLERANCE = 1e-6;

    private static final Logger LOG = LoggerFactory.getLogger(SharedProtocol.class);

    private SharedProtocol() {}

    /**
     * {@code run.json} if it finished with the trainer's configuration and the checkpoints its
     * reuse opens (the tested stage-2 one, the stage-1 one of E*) are intact.
     *
     * @throws IOException if {@code run.json} or a checkpoint state cannot be read
     */
    @Override
    public Optional<ProtocolOutcome> finished(Trainer trainer, Benchmark benchmark, Path runFolder)
            throws IOException {
        Path file = runFolder.resolve(ProtocolResult.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ProtocolResult earlier = ProtocolResult.read(file);
        if (!earlier.spec().equals(trainer.runSpec(benchmark))) {
            // The checkpoints decide: the trainer resumes them or names the setting that differs.
            LOG.info("{} was written with another configuration; running the protocol", file);
            return Optional.empty();
        }
        try {
            for (Stage stage : List.of(Stage.STAGE_2, Stage.STAGE_1)) {
                trainer.verifyCheckpoint(runFolder, stage, earlier.testEpoch());
            }
        } catch (DamagedFileException e) {
            LOG.warn(
                    "{}; {} cannot be reused: running the protocol again from the last intact"
                            + " checkpoint",
                    e.getMessage(),
                    file);
            return Optional.empty();
        }
        LOG.info("Protocol already finished in {}: reusing {}", runFolder, file.getFileName());
        return Optional.of(earlier);
    }

    /**
     * @throws IllegalArgumentException as {@link ProtocolRunner#run}
     * @throws IllegalStateException as {@link ProtocolRunner#run}
     * @throws IOException as {@link ProtocolRunner#run}
     */
    @Override
    public ProtocolResult run(Trainer trainer, Benchmark benchmark, Path runFolder)
            throws IOException {
        return new ProtocolRunner(trainer).run(benchmark, runFolder);
    }

    /**
     * Exports the stage-2 checkpoint of E* by {@link ModelCards#export}; an existing file holding
     * the card of this run is kept.
     *
     * @throws IllegalArgumentException if the outcome is not a {@link ProtocolResult} of this
     *     benchmark
     * @throws IOException if the checkpoint cannot be read or the file cannot be written
     */
    @Override
    public Optional<ModelCard> export(
            Trainer trainer,
            Benchmark benchmark,
            ProtocolOutcome outcome,
            Path runFolder,
            Path file)
            throws IOException {
        Optional<MethodExporter> exporter = trainer.method().exporter();
        if (exporter.isEmpty()) {
            LOG.info("{}: method {} has no exporter", runFolder, outcome.method());
            return Optional.empty();
        }
        ProtocolResult result = result(outcome);
        if (Files.isRegularFile(file)) {
            ModelCard card;
            try (MethodNetwork network =
                    trainer.openNetwork(benchmark, runFolder, Stage.STAGE_2, result.testEpoch())) {
                card = ModelCards.of(benchmark, result, exporter.get(), network);
            }
            try {
                if (ModelCards.sameRun(ModelCards.read(file), card)) {
                    LOG.info("{} already holds the model of this run: not exported again", file);
                    return Optional.of(card);
                }
            } catch (IOException e) {
                LOG.info(
                        "{} is not a readable model of this run ({}): exporting it again",
                        file,
                        e.getMessage());
            }
        }
        return Optional.of(ModelCards.export(trainer, benchmark, result, runFolder, file));
    }

    /**
     * The "both" mode's validation curve over the method's β grid ({@link
     * org.avca4j.trainer.method.GzslMethod#betaGrid}, as training searched it) from the stage-1
     * checkpoint of E*, with a warning if it does not give the HM and β training recorded.
     *
     * @throws IOException if the checkpoint cannot be read
     */
    @Override
    public List<GzslResult.BetaPoint> betaCurve(
            Trainer trainer, Benchmark benchmark, ProtocolOutcome outcome, Path runFolder)
            throws IOException {
        ProtocolResult protocol = result(outcome);
        GzslResult atBest;
        try (MethodNetwork network =
                trainer.openNetwork(benchmark, runFolder, Stage.STAGE_1, protocol.testEpoch())) {
            atBest =
                    Validation.validate(
                                    network,
                                    benchmark.stage1Val(),
                                    benchmark.embeddings(),
                                    benchmark.textDim(),
                                    trainer.method().betaGrid(trainer.settings()))
                            .both();
        }
        EpochRecord recorded = protocol.stage1().history().get(protocol.testEpoch());
        if (atBest.beta() != recorded.beta()
                || Math.abs(atBest.harmonicMean() - recorded.valHm()) > TOLERANCE) {
            LOG.warn(
                    "The stage-1 checkpoint of epoch {} in {} gives validation HM {} at beta {},"
                            + " but training recorded HM {} at beta {}; the beta curve of the report"
                            + " comes from the checkpoint",
                    protocol.testEpoch(),
                    runFolder,
                    atBest.harmonicMean(),
                    atBest.beta(),
                    recorded.valHm(),
                    recorded.beta());
        }
        return atBest.curve();
    }

    private static ProtocolResult result(ProtocolOutcome outcome) {
        if (!(outcome instanceof ProtocolResult r)) {
            throw new IllegalArgumentException(
                    "the shared protocol exports its own results, not a "
                            + outcome.getClass().getSimpleName());
        }
        return r;
    }
}
