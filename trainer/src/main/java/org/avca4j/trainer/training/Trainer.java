package org.avca4j.trainer.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.avca.AvcaMethod;
import org.avca4j.trainer.method.avca.AvcaSettings;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.model.TrainingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one stage of the protocol (docs/method.md#training, docs/protocol.md) of any {@link
 * GzslMethod} in a run folder: every epoch draws its batches, takes the method's steps, validates
 * on the stage-1 validation clips (per mode where the method has separate modes), steps the
 * learning-rate schedule with the "both" mode's validation HM, and checkpoints. The β grid of the
 * validation and the length of stage 2 are the method's ({@link GzslMethod#betaGrid}, {@link
 * GzslMethod#stage2Epochs}). Stage 1 keeps the checkpoints of the latest and the best epoch ({@link
 * BestEpochRule}), stage 2 keeps every epoch's (the protocol tests one of them).
 *
 * <p>Built either for a method and its settings ({@link Builder#setMethod}) or, for AVCA, from a
 * network factory and an architecture ({@link Builder#setNetworkFactory}, {@link
 * Builder#setModelConfig}); both give the same runs and run folders.
 *
 * <p>A stage started on a folder that already holds its checkpoints continues after the last
 * completed epoch and ends as an uninterrupted run would: batches and dropout depend on {@code
 * (seed, epoch, step)} only ({@link Seeds}), and the network, the schedule and the history are
 * restored from the checkpoint. Every checkpoint carries SHA-256 digests checked before it is used;
 * a damaged one is named in a warning, and the stage resumes from the last intact checkpoint before
 * it, training the later epochs again (to the same result).
 *
 * <p>The trainer does not lock the run folder: one folder must be used by one process at a time
 * (the command line holds an {@link org.avca4j.trainer.io.OutputFolder} lock on it).
 *
 * <p>Run folder: {@code metrics.jsonl}, {@code stage1/} and {@code stage2/} with {@code
 * checkpoint-epoch-NNN.bin} and {@code .json}, and {@code run.json} from {@link ProtocolRunner}.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final GzslMethod method;
    private final MethodSettings settings;
    private final AvcaMethod avca;
    private final AvcaConfig modelConfig;
    private final TrainingConfig trainingConfig;
    private final TrainingListener listener;
    private final SequenceBenchmark sequences;

    private Trainer(Builder b) {
        this.trainingConfig = b.trainingConfig;
        this.listener = b.listener;
        this.sequences = b.sequences;
        if (b.method != null) {
            this.method = b.method;
            this.settings = b.settings;
            this.avca = null;
            this.modelConfig = null;
        } else {
            this.avca = new AvcaMethod(b.networkFactory);
            this.method = avca;
            this.settings = AvcaSettings.of(b.modelConfig);
            this.modelConfig = b.modelConfig;
        }
    }

    /**
     * A builder; the optimisation settings and either the method with its settings or a network
     * factory and an architecture are required.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The method trained. */
    public GzslMethod method() {
        return method;
    }

    /** Its settings. */
    public MethodSettings settings() {
        return settings;
    }

    /**
     * The AVCA architecture trained.
     *
     * @throws IllegalStateException if the trainer was not built from an architecture ({@link
     *     Builder#setModelConfig}); {@link #runSpec} gives the architecture of any AVCA run
     */
    public AvcaConfig modelConfig() {
        if (modelConfig == null) {
            throw new IllegalStateException(
                    "this trainer of method "
                            + method.id()
                            + " was built without an AVCA architecture (setModelConfig)");
        }
        return modelConfig;
    }

    /** The optimisation settings. */
    public TrainingConfig trainingConfig() {
        return trainingConfig;
    }

    /** What a run of this trainer on the benchmark records in its folder. */
    public RunSpec runSpec(Benchmark benchmark) {
        AvcaConfig model = modelConfig;
        if (model == null && settings instanceof AvcaSettings s) {
            model =
                    s.config(
                            benchmark.stage1Train().audioDim(), benchmark.stage1Train().videoDim());
        }
        return RunSpec.of(benchmark, model, trainingConfig, method.id(), settings);
    }

    /**
     * Trains one stage in {@code runFolder}, or resumes it from its last checkpoint there.
     *
     * @return the stage's history with its best epoch and β
     * @throws IllegalArgumentException if the benchmark does not fit the configurations (text
     *     order, feature or text widths, fewer than two training classes) or the method's settings
     * @throws IllegalStateException if the folder holds checkpoints of another method or of a run
     *     with a different configuration (the message names the field), or the loss is not finite
     * @throws IOException if a checkpoint or metrics file cannot be read or written. A damaged
     *     checkpoint (its content does not match its digest) is not an error: the stage resumes
     *     from the last intact checkpoint before it, with a warning naming it
     */
    public StageResult train(Stage stage, Benchmark benchmark, Path runFolder) throws IOException {
        checkBenchmark(benchmark);
        RunSpec spec = runSpec(benchmark);
        CheckpointStore store = store(runFolder, stage);
        AtomicFiles.removeLeftovers(runFolder);
        AtomicFiles.removeLeftovers(store.folder());
        List<EpochRecord> earlier = new ArrayList<>();
        int epochs = trainingConfig.epochs();
        if (stage == Stage.STAGE_2) {
            Optional<CheckpointState> stage1 =
                    intact(Stage.STAGE_1, store(runFolder, Stage.STAGE_1), spec);
            stage1.ifPresent(s -> earlier.addAll(s.history()));
            epochs = stage2Epochs(stage1);
        }
        Optional<CheckpointState> resume = intact(stage, store, spec);
        Progress progress =
                resume.map(s -> Progress.restore(s, trainingConfig))
                        .orElseGet(() -> Progress.fresh(trainingConfig));
        if (progress.nextEpoch() >= epochs) {
            LOG.info(
                    "{}: all {} epochs are checkpointed in {}; nothing to train",
                    stage.id(),
                    epochs,
                    store.folder());
            writeMetrics(runFolder, earlier, progress);
            return progress.result(stage);
        }
        ClassBalancedSampler sampler =
                new ClassBalancedSampler(
                        stage.trainingClips(benchmark),
                        benchmark.embeddings(),
                        trainingConfig.batchSize(),
                        trainingConfig.seed());
        try (MethodNetwork network = createNetwork(stage, benchmark)) {
            if (resume.isPresent()) {
                network.load(store.networkFile(resume.get().epoch()));
                LOG.info(
                        "{}: resuming after epoch {} from {}",
                        stage.id(),
                        resume.get().epoch(),
                        store.folder());
            }
            for (int epoch = progress.nextEpoch(); epoch < epochs; epoch++) {
                EpochRecord record =
                        trainEpoch(stage, epoch, epochs, network, sampler, benchmark, progress);
                CheckpointState state = progress.state(stage, spec);
                store.save(network, state);
                pruneCheckpoints(stage, store, state);
                writeMetrics(runFolder, earlier, progress);
                log(record);
                listener.onEpochEnd(record);
            }
        }
        return progress.result(stage);
    }

    /**
     * An AVCA network holding the weights of a stage's checkpoint, in inference-ready state. The
     * caller closes it.
     *
     * @throws IllegalStateException if the trainer was not built from an AVCA architecture ({@link
     *     Builder#setModelConfig}); {@link #openNetwork} opens the checkpoints of any method
     * @throws org.avca4j.trainer.io.DamagedFileException if the checkpoint's network file or state
     *     does not match its digest (the message names the file)
     * @throws IOException if that checkpoint does not exist or cannot be read
     */
    public AvcaNetwork openCheckpoint(Path runFolder, Stage stage, int epoch) throws IOException {
        AvcaConfig config = modelConfig();
        CheckpointStore store = store(runFolder, stage);
        verifyCheckpoint(runFolder, stage, epoch);
        AvcaNetwork network =
                avca.open(config, trainingConfig.seed(), trainingConfig.weightDecay());
        try {
            network.load(store.networkFile(epoch));
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * The method's network holding the weights of a stage's checkpoint, built for the stage's
     * training classes of the benchmark, in inference-ready state. The caller closes it.
     *
     * @throws IllegalArgumentException if the benchmark does not fit the method's settings
     * @throws org.avca4j.trainer.io.DamagedFileException if the checkpoint's network file or state
     *     does not match its digest (the message names the file)
     * @throws IOException if that checkpoint does not exist or cannot be read
     */
    public MethodNetwork openNetwork(Benchmark benchmark, Path runFolder, Stage stage, int epoch)
            throws IOException {
        CheckpointStore store = store(runFolder, stage);
        verifyCheckpoint(runFolder, stage, epoch);
        MethodNetwork network = createNetwork(stage, benchmark);
        try {
            network.load(store.networkFile(epoch));
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * Checks that a stage's checkpoint exists and matches its digests, without loading it: what
     * {@link #openCheckpoint} checks first. A run that finished can so find, before it reuses its
     * checkpoints, that one is damaged and train again instead ({@link #train} resumes before it).
     *
     * @throws org.avca4j.trainer.io.DamagedFileException if the checkpoint's network file or state
     *     does not match its digest, or its network file is missing (the message names the file)
     * @throws IOException if that checkpoint's state does not exist or cannot be read
     */
    public void verifyCheckpoint(Path runFolder, Stage stage, int epoch) throws IOException {
        store(runFolder, stage).verified(epoch);
    }

    /**
     * The epochs stage 2 trains: the method's rule ({@link GzslMethod#stage2Epochs}) on the E* of a
     * finished stage 1, every configured epoch when stage 1 did not finish or chose none.
     */
    private int stage2Epochs(Optional<CheckpointState> stage1) {
        int epochs = trainingConfig.epochs();
        if (stage1.isEmpty()
                || stage1.get().history().size() < epochs
                || stage1.get().bestEpoch() < 0) {
            return epochs;
        }
        return method.stage2Epochs(settings, stage1.get().bestEpoch(), epochs);
    }

    private EpochRecord trainEpoch(
            Stage stage,
            int epoch,
            int epochs,
            MethodNetwork network,
            ClassBalancedSampler sampler,
            Benchmark benchmark,
            Progress progress) {
        long start = System.nanoTime();
        int steps = trainingConfig.batchesPerEpoch();
        double lr = progress.scheduler().learningRate();
        listener.onEpochStart(stage, epoch, epochs);
        LossSums sums = new LossSums();
        for (int b = 0; b < steps; b++) {
            TrainingBatch batch = sampler.batch(epoch, b);
            int[] positives = sampler.draw(epoch, b).positives();
            LossTerms losses =
                    network.step(
                            batch, positives, lr, Seeds.stepSeed(trainingConfig.seed(), epoch, b));
            if (!Double.isFinite(losses.total())) {
                throw new IllegalStateException(
                        stage.id()
                                + " epoch "
                                + epoch
                                + " step "
                                + b
                                + ": the loss is "
                                + losses.total()
                                + "; training diverged at learning rate "
                                + lr
                                + " (the checkpoint of the previous epoch is intact)");
            }
            sums.add(losses);
            listener.onStep(b + 1, steps, losses);
        }
        Validation.Outcome validation =
                Validation.validate(
                        network,
                        stage.validationClips(benchmark),
                        benchmark.embeddings(),
                        benchmark.textDim(),
                        method.betaGrid(settings));
        GzslResult both = validation.both();
        progress.scheduler().step(both.harmonicMean());
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochRecord record =
                EpochRecord.of(
                        stage, epoch, sums.mean(steps), lr, both, validation.modes(), seconds);
        progress.add(record);
        return record;
    }

    private static void writeMetrics(Path runFolder, List<EpochRecord> earlier, Progress progress)
            throws IOException {
        List<EpochRecord> all = new ArrayList<>(earlier);
        all.addAll(progress.history());
        MetricsLog.write(runFolder.resolve(MetricsLog.FILE_NAME), all);
    }

    private static void pruneCheckpoints(Stage stage, CheckpointStore store, CheckpointState state)
            throws IOException {
        if (stage == Stage.STAGE_2) {
            return;
        }
        for (int epoch : store.epochs()) {
            if (epoch != state.epoch() && epoch != state.bestEpoch()) {
                store.delete(epoch);
            }
        }
    }

    private MethodNetwork createNetwork(Stage stage, Benchmark benchmark) {
        MethodContext context =
                MethodContext.of(
                        stage.trainingClips(benchmark),
                        benchmark.embeddings(),
                        trainingConfig.seed());
        if (sequences != null) {
            context = context.withSequences(sequences, stage.trainingClips(benchmark).name());
        }
        return method.create(context, settings, trainingConfig);
    }

    private static CheckpointStore store(Path runFolder, Stage stage) {
        return new CheckpointStore(runFolder.resolve(stage.id()));
    }

    /**
     * The checkpoint a stage resumes from: the last intact one before the first damaged one (all of
     * them are checked), with a warning naming the damaged file when there is one; it must be of
     * this run's configuration.
     */
    private static Optional<CheckpointState> intact(
            Stage stage, CheckpointStore store, RunSpec spec) throws IOException {
        CheckpointStore.ResumePoint point = store.resumePoint();
        if (point.damage().isPresent()) {
            LOG.warn(
                    "{}: {}; {}",
                    stage.id(),
                    point.damage().get().getMessage(),
                    point.state()
                            .map(
                                    s ->
                                            "resuming from epoch "
                                                    + s.epoch()
                                                    + ", the last intact checkpoint before it,"
                                                    + " and training the later epochs again")
                            .orElse(
                                    "no intact checkpoint precedes it: training the stage from"
                                            + " the start"));
        }
        if (point.state().isPresent()) {
            CheckpointState s = point.state().get();
            spec.requireSame(s.spec(), store.stateFile(s.epoch()));
        }
        return point.state();
    }

    private void checkBenchmark(Benchmark benchmark) {
        if (benchmark.textOrder() != trainingConfig.textOrder()) {
            throw new IllegalArgumentException(
                    "the benchmark was read with text order "
                            + benchmark.textOrder()
                            + " but the training config asks for textOrder "
                            + trainingConfig.textOrder());
        }
        if (modelConfig == null) {
            checkSameWidths(benchmark);
            return;
        }
        if (benchmark.textDim() != modelConfig.textDim()) {
            throw new IllegalArgumentException(
                    "the benchmark's text embeddings have width "
                            + benchmark.textDim()
                            + " but the model config has textDim "
                            + modelConfig.textDim());
        }
        for (ClipSet set :
                List.of(
                        benchmark.stage1Train(),
                        benchmark.stage1Val(),
                        benchmark.stage2Train(),
                        benchmark.test())) {
            if (set.audioDim() != modelConfig.audioDim()
                    || set.videoDim() != modelConfig.videoDim()) {
                throw new IllegalArgumentException(
                        "clip set "
                                + set.name()
                                + " has audio/video widths "
                                + set.audioDim()
                                + "/"
                                + set.videoDim()
                                + " but the model config has audioDim/videoDim "
                                + modelConfig.audioDim()
                                + "/"
                                + modelConfig.videoDim());
            }
        }
    }

    /** Every clip set has the widths of stage-1 training, which the networks are built for. */
    private static void checkSameWidths(Benchmark benchmark) {
        ClipSet first = benchmark.stage1Train();
        for (ClipSet set :
                List.of(benchmark.stage1Val(), benchmark.stage2Train(), benchmark.test())) {
            if (set.audioDim() != first.audioDim() || set.videoDim() != first.videoDim()) {
                throw new IllegalArgumentException(
                        "clip set "
                                + set.name()
                                + " has audio/video widths "
                                + set.audioDim()
                                + "/"
                                + set.videoDim()
                                + " but "
                                + first.name()
                                + " has "
                                + first.audioDim()
                                + "/"
                                + first.videoDim());
            }
        }
    }

    private void log(EpochRecord r) {
        if (LOG.isInfoEnabled()) {
            StringBuilder terms = new StringBuilder();
            for (Map.Entry<String, Double> e : r.lossTerms().entrySet()) {
                terms.append(terms.length() == 0 ? "" : " ")
                        .append(e.getKey())
                        .append(String.format(Locale.ROOT, " %.4f", e.getValue()));
            }
            LOG.info(
                    String.format(
                            Locale.ROOT,
                            "%s %s epoch %d: loss %.4f (%s) lr %.3g | val S %.2f U %.2f "
                                    + "HM %.2f ZSL %.2f beta %.1f | %.1f s",
                            method.id(),
                            r.stage().id(),
                            r.epoch(),
                            r.loss(),
                            terms,
                            r.lr(),
                            100 * r.valSeen(),
                            100 * r.valUnseen(),
                            100 * r.valHm(),
                            100 * r.valZsl(),
                            r.beta(),
                            r.seconds()));
        }
    }

    /** The running sums of a stage's loss terms over an epoch's steps, in the method's order. */
    private static final class LossSums {
        private double total;
        private final Map<String, Double> terms = new LinkedHashMap<>();

        void add(LossTerms l) {
            total += l.total();
            for (Map.Entry<String, Double> e : l.terms().entrySet()) {
                terms.merge(e.getKey(), e.getValue(), Double::sum);
            }
        }

        LossTerms mean(int steps) {
            Map<String, Double> m = new LinkedHashMap<>();
            terms.forEach((k, v) -> m.put(k, v / steps));
            return new LossTerms(total / steps, m);
        }
    }

    /** The mutable state of a stage between epochs: what a checkpoint holds besides the network. */
    private static final class Progress {
        private final BestEpochRule rule;
        private final ReduceLrOnPlateau scheduler;
        private final List<EpochRecord> history;
        private int bestEpoch;
        private double bestHm;
        private double bestBeta;

        private Progress(
                BestEpochRule rule,
                ReduceLrOnPlateau scheduler,
                List<EpochRecord> history,
                int bestEpoch,
                double bestHm,
                double bestBeta) {
            this.rule = rule;
            this.scheduler = scheduler;
            this.history = new ArrayList<>(history);
            this.bestEpoch = bestEpoch;
            this.bestHm = bestHm;
            this.bestBeta = bestBeta;
        }

        static Progress fresh(TrainingConfig config) {
            return new Progress(
                    config.bestEpochRule(),
                    new ReduceLrOnPlateau(config.plateau(), config.learningRate()),
                    List.of(),
                    -1,
                    0,
                    0);
        }

        static Progress restore(CheckpointState s, TrainingConfig config) {
            return new Progress(
                    config.bestEpochRule(),
                    ReduceLrOnPlateau.restore(config.plateau(), s.scheduler()),
                    s.history(),
                    s.bestEpoch(),
                    s.bestHm(),
                    s.bestBeta());
        }

        int nextEpoch() {
            return history.size();
        }

        ReduceLrOnPlateau scheduler() {
            return scheduler;
        }

        List<EpochRecord> history() {
            return history;
        }

        /** Adds an epoch; it becomes the best as the rule says (docs/protocol.md#best-epoch). */
        void add(EpochRecord record) {
            history.add(record);
            if (rule.replaces(record.valHm(), bestHm, bestEpoch < 0)) {
                bestHm = record.valHm();
                bestEpoch = record.epoch();
                bestBeta = record.beta();
            }
        }

        CheckpointState state(Stage stage, RunSpec spec) {
            return new CheckpointState(
                    CheckpointState.FORMAT,
                    stage,
                    history.size() - 1,
                    scheduler.state(),
                    bestEpoch,
                    bestHm,
                    bestBeta,
                    history,
                    spec,
                    null);
        }

        StageResult result(Stage stage) {
            return new StageResult(
                    stage, history, bestEpoch, bestHm, bestBeta, scheduler.learningRate());
        }
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private GzslMethod method;
        private MethodSettings settings;
        private NetworkFactory networkFactory;
        private AvcaConfig modelConfig;
        private TrainingConfig trainingConfig;
        private TrainingListener listener = TrainingListener.NONE;
        private SequenceBenchmark sequences;

        private Builder() {}

        /**
         * The benchmark's clips as feature sequences, for a method that trains on them (TCaF): its
         * networks get them in their {@link MethodContext}. Default: none.
         */
        public Builder optSequences(SequenceBenchmark sequences) {
            this.sequences = Objects.requireNonNull(sequences, "sequences");
            return this;
        }

        /**
         * The method and its settings ({@link GzslMethod#settings}); required unless the trainer
         * trains AVCA from {@link #setNetworkFactory} and {@link #setModelConfig}.
         */
        public Builder setMethod(GzslMethod method, MethodSettings settings) {
            this.method = Objects.requireNonNull(method, "method");
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Creates AVCA's networks when the trainer trains AVCA from {@link #setModelConfig}
         * (default {@link NetworkFactory#defaults()}, the fast network).
         */
        public Builder setNetworkFactory(NetworkFactory networkFactory) {
            this.networkFactory = Objects.requireNonNull(networkFactory, "networkFactory");
            return this;
        }

        /**
         * AVCA's architecture (required without a method); {@link Preset#avcaConfig} gives the
         * published ones.
         */
        public Builder setModelConfig(AvcaConfig modelConfig) {
            this.modelConfig = Objects.requireNonNull(modelConfig, "modelConfig");
            return this;
        }

        /** The optimisation settings (required). */
        public Builder setTrainingConfig(TrainingConfig trainingConfig) {
            this.trainingConfig = Objects.requireNonNull(trainingConfig, "trainingConfig");
            return this;
        }

        /** Follows the progress (default: none). */
        public Builder optListener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @throws IllegalStateException if a required field is missing, or both a method and an
         *     AVCA network factory or architecture are given
         */
        public Trainer build() {
            if (method != null) {
                if (networkFactory != null || modelConfig != null) {
                    throw new IllegalStateException(
                            "setMethod excludes setNetworkFactory and setModelConfig: give the"
                                    + " factory to the method (new AvcaMethod(factory))");
                }
            } else {
                if (networkFactory == null) {
                    networkFactory = NetworkFactory.defaults();
                }
                if (modelConfig == null) {
                    throw new IllegalStateException(
                            "modelConfig is required: call setModelConfig (or setMethod)");
                }
            }
            if (trainingConfig == null) {
                throw new IllegalStateException(
                        "trainingConfig is required: call setTrainingConfig");
            }
            return new Trainer(this);
        }
    }
}
