package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.avca4j.benchmarks.report.Scores;
import org.avca4j.benchmarks.report.SeedRun;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.avca.AvcaMethod;
import org.avca4j.trainer.method.avca.AvcaSettings;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.training.MethodProtocol;
import org.avca4j.trainer.training.NetworkFactory;
import org.avca4j.trainer.training.ProtocolOutcome;
import org.avca4j.trainer.training.TestFigures;
import org.avca4j.trainer.training.Trainer;
import org.avca4j.trainer.training.TrainingConfig;
import org.avca4j.trainer.training.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full pipeline of one method, one benchmark and one seed in a run folder:
 *
 * <ol>
 *   <li>the method's protocol ({@link GzslMethod#protocol()}: the shared one of docs/protocol.md,
 *       or f-VAEGAN-D2's own) with the method's published preset and any overrides — resumed where
 *       an earlier call stopped, or reused when it already finished with the same configuration and
 *       what its reuse opens is intact (a damaged checkpoint is named in a warning and the protocol
 *       runs again, resuming from the last intact checkpoint);
 *   <li>export of the tested model to {@value MethodProtocol#MODEL_FILE} with its model card
 *       (skipped when the file already holds the card of this run), and its test figures through
 *       the SDK ({@link SdkEvaluation}), compared with the protocol's own (they agree to rounding:
 *       ONNX Runtime and SameDiff agree to about 1e-4 in θ). The report gives the SDK's figures; a
 *       method without exporter the protocol's; f-VAEGAN-D2 its ZSL classifier's ZSL;
 *   <li>the {@link SeedRun} of the report, with the validation S/U/HM against β at the tested
 *       epoch, recomputed from the stage-1 checkpoint of that epoch that stage 1 keeps.
 * </ol>
 */
public final class SeedRunner {

    /** The exported model's file name inside the run folder. */
    public static final String MODEL_FILE = MethodProtocol.MODEL_FILE;

    /** Above this, the SDK's and the protocol's test figures are reported as disagreeing. */
    static final double AGREEMENT_TOLERANCE = 1e-6;

    private static final Logger LOG = LoggerFactory.getLogger(SeedRunner.class);

    private final Benchmark benchmark;
    private final Path runFolder;
    private final Trainer trainer;
    private final MethodProtocol protocol;
    private final Map<String, Object> settingsMap;
    private final SequenceBenchmark sequences;

    private SeedRunner(Builder b) {
        this.benchmark = b.benchmark;
        this.runFolder = b.runFolder;
        this.sequences = b.sequences;
        GzslMethod method = b.method != null ? b.method : new AvcaMethod(b.networkFactory);
        MethodSettings settings = b.changes.settings(method, benchmark);
        TrainingConfig training = b.changes.trainingConfig(method, settings, benchmark, b.seed);
        this.protocol = method.protocol();
        Trainer.Builder tb = Trainer.builder().setTrainingConfig(training).optListener(b.listener);
        if (b.sequences != null) {
            tb.optSequences(b.sequences);
        }
        if (method instanceof AvcaMethod a) {
            // AVCA keeps its architecture path: export opens its checkpoints as AvcaNetworks.
            AvcaConfig model =
                    b.changes
                            .architecture()
                            .apply(
                                    ((AvcaSettings) settings)
                                            .config(
                                                    benchmark.stage1Train().audioDim(),
                                                    benchmark.stage1Train().videoDim()));
            tb.setNetworkFactory(a.networkFactory()).setModelConfig(model);
            this.settingsMap = AvcaSettings.of(model).asMap();
        } else {
            tb.setMethod(method, settings);
            this.settingsMap = settings.asMap();
        }
        this.trainer = tb.build();
    }

    /** A builder; the benchmark and the run folder are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The trainer of this run: the preset with the overrides. */
    public Trainer trainer() {
        return trainer;
    }

    /** The run folder. */
    public Path runFolder() {
        return runFolder;
    }

    /**
     * Runs, resumes or reuses the protocol, exports, evaluates through the SDK and builds the
     * report's run.
     *
     * @return everything the run produced
     * @throws IllegalArgumentException if the benchmark does not fit the configuration
     * @throws IllegalStateException if the folder holds a run of another configuration, or training
     *     diverged
     * @throws IOException if a file of the run folder cannot be read or written
     */
    public SeedOutcome run() throws IOException {
        Files.createDirectories(runFolder);
        Optional<ProtocolOutcome> finished = protocol.finished(trainer, benchmark, runFolder);
        ProtocolOutcome outcome =
                finished.isPresent() ? finished.get() : protocol.run(trainer, benchmark, runFolder);
        long afterProtocol = System.nanoTime();
        Path model = runFolder.resolve(MODEL_FILE);
        Optional<ModelCard> card = protocol.export(trainer, benchmark, outcome, runFolder, model);
        SdkEvaluation.Result sdk = null;
        double deviation = 0;
        TestFigures t = outcome.test();
        Scores scores;
        if (card.isPresent()) {
            sdk =
                    SdkEvaluation.evaluate(
                            model,
                            benchmark,
                            sequences == null ? null : sequences.test(),
                            OptionalDouble.empty());
            deviation = compare(t, sdk, protocol.exportGivesZsl());
            GzslResult s = sdk.figures();
            scores =
                    new Scores(
                            s.seen(),
                            s.unseen(),
                            s.harmonicMean(),
                            protocol.exportGivesZsl() ? s.zsl() : t.zsl());
        } else {
            LOG.info(
                    "{}: method {} has no exporter; the report gives the protocol's test figures",
                    runFolder,
                    outcome.method());
            model = null;
            scores = new Scores(t.seen(), t.unseen(), t.harmonicMean(), t.zsl());
        }
        List<GzslResult.BetaPoint> curve =
                protocol.betaCurve(trainer, benchmark, outcome, runFolder);
        // Training and validation of every epoch (however many calls that took), then this call's
        // test work.
        double seconds = outcome.trainingSeconds() + (System.nanoTime() - afterProtocol) / 1e9;
        SeedRun seedRun =
                new SeedRun(
                        benchmark.dataset(),
                        benchmark.featureSet(),
                        trainer.trainingConfig().seed(),
                        benchmark.textOrder(),
                        scores,
                        outcome.testBeta(),
                        outcome.testEpoch(),
                        outcome.stage1ValidationHm(),
                        outcome.stage2ValidationHm(),
                        curve,
                        seconds,
                        hyperparameters(outcome),
                        outcome.method(),
                        outcome.testBetaRule());
        return new SeedOutcome(
                runFolder, outcome, model, sdk, seedRun, deviation, finished.isPresent());
    }

    /**
     * Logs the SDK's and the protocol's test figures side by side; returns the largest difference.
     */
    private double compare(TestFigures protocol, SdkEvaluation.Result sdk, boolean withZsl) {
        GzslResult s = sdk.figures();
        double[] p = {protocol.seen(), protocol.unseen(), protocol.harmonicMean(), protocol.zsl()};
        double[] q = {s.seen(), s.unseen(), s.harmonicMean(), s.zsl()};
        double deviation = 0;
        // Without: the protocol's ZSL comes from a classifier of its own, not the exported one.
        for (int i = 0; i < (withZsl ? p.length : 3); i++) {
            deviation = Math.max(deviation, Math.abs(p[i] - q[i]));
        }
        String line =
                String.format(
                        Locale.ROOT,
                        "%s %s seed %d test, beta %.1f: protocol (trainer) S %.4f U %.4f "
                                + "HM %.4f ZSL %.4f | SDK (ONNX Runtime) S %.4f U %.4f HM %.4f ZSL %.4f | max difference %.2e "
                                + "| SDK classifier labels = metric predictions for %d of %d clips",
                        benchmark.dataset(),
                        benchmark.featureSet().folder(),
                        trainer.trainingConfig().seed(),
                        s.beta(),
                        100 * p[0],
                        100 * p[1],
                        100 * p[2],
                        100 * p[3],
                        100 * q[0],
                        100 * q[1],
                        100 * q[2],
                        100 * q[3],
                        deviation,
                        sdk.classifierAgreements(),
                        sdk.clips());
        if (deviation > AGREEMENT_TOLERANCE || sdk.classifierAgreements() != sdk.clips()) {
            LOG.warn(
                    "{} — the exported model and the trained network disagree (near-tie predictions under the "
                            + "~1e-4 difference of ONNX Runtime and SameDiff); the report gives the SDK's figures",
                    line);
        } else {
            LOG.info(line);
        }
        return deviation;
    }

    /**
     * The method's settings (for AVCA those of docs/method.md#hyper-parameters first) and the
     * overridable protocol settings, by the names reports print.
     */
    private Map<String, Object> hyperparameters(ProtocolOutcome outcome) {
        TrainingConfig t = trainer.trainingConfig();
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("batch_size", t.batchSize());
        hp.putAll(settingsMap);
        hp.put("learning_rate", t.learningRate());
        hp.put("epochs", t.epochs());
        hp.put("batches_per_epoch", t.batchesPerEpoch());
        hp.put("weight_decay", t.weightDecay());
        hp.put("best_epoch_rule", t.bestEpochRule().name());
        hp.put("epoch_selection", outcome.epochSelection());
        return hp;
    }

    /** Builds a {@link SeedRunner}. */
    public static final class Builder {
        private Benchmark benchmark;
        private Path runFolder;
        private GzslMethod method;
        private long seed = 42;
        private PresetChanges changes = PresetChanges.NONE;
        private NetworkFactory networkFactory = NetworkFactory.defaults();
        private TrainingListener listener = TrainingListener.NONE;
        private SequenceBenchmark sequences;

        private Builder() {}

        /**
         * The benchmark's clips as feature sequences, for a method that trains on them (TCaF); the
         * benchmark is then their {@link SequenceBenchmark#averaged} view. Default: none.
         */
        public Builder optSequences(SequenceBenchmark sequences) {
            this.sequences = Objects.requireNonNull(sequences, "sequences");
            return this;
        }

        /** The benchmark (required); its text order is the run's. */
        public Builder setBenchmark(Benchmark benchmark) {
            this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
            return this;
        }

        /** The run folder (required); created if missing. */
        public Builder setRunFolder(Path runFolder) {
            this.runFolder = Objects.requireNonNull(runFolder, "runFolder");
            return this;
        }

        /** The seed of weights, batches and dropout (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Changes of the preset's training settings and architecture (default: {@link
         * PresetChanges#NONE}).
         */
        public Builder optPresetChanges(PresetChanges changes) {
            this.changes = Objects.requireNonNull(changes, "changes");
            return this;
        }

        /**
         * The method (default: AVCA with the networks of {@link #optNetworkFactory}); an {@link
         * AvcaMethod} brings its own network factory.
         */
        public Builder optMethod(GzslMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Creates AVCA's networks (default {@link NetworkFactory#sameDiff()}). */
        public Builder optNetworkFactory(NetworkFactory networkFactory) {
            this.networkFactory = Objects.requireNonNull(networkFactory, "networkFactory");
            return this;
        }

        /** Follows the training (default: none). */
        public Builder optListener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @throws IllegalStateException if the benchmark or the run folder is missing
         * @throws IllegalArgumentException if the benchmark's feature set has no preset, or an
         *     override makes the configuration invalid
         */
        public SeedRunner build() {
            if (benchmark == null) {
                throw new IllegalStateException("benchmark is required: call setBenchmark");
            }
            if (runFolder == null) {
                throw new IllegalStateException("runFolder is required: call setRunFolder");
            }
            return new SeedRunner(this);
        }
    }
}
