package org.avca4j.trainer.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.model.StepLosses;
import org.avca4j.trainer.model.TrainingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one stage of the protocol (docs/method.md#training, docs/protocol.md) in a run folder:
 * every epoch draws its batches, takes the steps, validates on the stage-1 validation clips, steps
 * the learning-rate schedule with the validation HM, and checkpoints. Stage 1 keeps the checkpoints
 * of the latest and the best epoch, stage 2 keeps every epoch's (the protocol tests one of them).
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

    private final NetworkFactory networkFactory;
    private final AvcaConfig modelConfig;
    private final TrainingConfig trainingConfig;
    private final TrainingListener listener;

    private Trainer(Builder b) {
        this.networkFactory = b.networkFactory;
        this.modelConfig = b.modelConfig;
        this.trainingConfig = b.trainingConfig;
        this.listener = b.listener;
    }

    /** A builder; the network factory and both configurations are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The architecture trained. */
    public AvcaConfig modelConfig() {
        return modelConfig;
    }

    /** The optimisation settings. */
    public TrainingConfig trainingConfig() {
        return trainingConfig;
    }

    /** What a run of this trainer on the benchmark records in its folder. */
    public RunSpec runSpec(Benchmark benchmark) {
        return RunSpec.of(benchmark, modelConfig, trainingConfig);
    }

    /**
     * Trains one stage in {@code runFolder}, or resumes it from its last checkpoint there.
     *
     * @return the stage's history with its best epoch and β
     * @throws IllegalArgumentException if the benchmark does not fit the configurations (text
     *     order, feature or text widths, fewer than two training classes)
     * @throws IllegalStateException if the folder holds checkpoints of a run with a different
     *     configuration (the message names the field), or the loss is not finite
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
        if (stage == Stage.STAGE_2) {
            Optional<CheckpointState> stage1 =
                    intact(Stage.STAGE_1, store(runFolder, Stage.STAGE_1), spec);
            stage1.ifPresent(s -> earlier.addAll(s.history()));
        }
        Optional<CheckpointState> resume = intact(stage, store, spec);
        Progress progress =
                resume.map(s -> Progress.restore(s, trainingConfig.plateau()))
                        .orElseGet(() -> Progress.fresh(trainingConfig));
        if (progress.nextEpoch() >= trainingConfig.epochs()) {
            LOG.info(
                    "{}: all {} epochs are checkpointed in {}; nothing to train",
                    stage.id(),
                    trainingConfig.epochs(),
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
        try (AvcaNetwork network = createNetwork()) {
            if (resume.isPresent()) {
                network.load(store.networkFile(resume.get().epoch()));
                LOG.info(
                        "{}: resuming after epoch {} from {}",
                        stage.id(),
                        resume.get().epoch(),
                        store.folder());
            }
            for (int epoch = progress.nextEpoch(); epoch < trainingConfig.epochs(); epoch++) {
                EpochRecord record =
                        trainEpoch(stage, epoch, network, sampler, benchmark, progress);
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
     * A network holding the weights of a stage's checkpoint, in inference-ready state. The caller
     * closes it.
     *
     * @throws org.avca4j.trainer.io.DamagedFileException if the checkpoint's network file or state
     *     does not match its digest (the message names the file)
     * @throws IOException if that checkpoint does not exist or cannot be read
     */
    public AvcaNetwork openCheckpoint(Path runFolder, Stage stage, int epoch) throws IOException {
        CheckpointStore store = store(runFolder, stage);
        verifyCheckpoint(runFolder, stage, epoch);
        AvcaNetwork network = createNetwork();
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

    private EpochRecord trainEpoch(
            Stage stage,
            int epoch,
            AvcaNetwork network,
            ClassBalancedSampler sampler,
            Benchmark benchmark,
            Progress progress) {
        long start = System.nanoTime();
        int steps = trainingConfig.batchesPerEpoch();
        double lr = progress.scheduler().learningRate();
        listener.onEpochStart(stage, epoch, trainingConfig.epochs());
        double[] sums = new double[6];
        for (int b = 0; b < steps; b++) {
            TrainingBatch batch = sampler.batch(epoch, b);
            StepLosses losses =
                    network.step(batch, lr, Seeds.stepSeed(trainingConfig.seed(), epoch, b));
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
            sums[0] += losses.total();
            sums[1] += losses.rec();
            sums[2] += losses.ct();
            sums[3] += losses.w();
            sums[4] += losses.t();
            sums[5] += losses.r();
            listener.onStep(b + 1, steps, losses);
        }
        StepLosses mean =
                new StepLosses(
                        sums[0] / steps,
                        sums[1] / steps,
                        sums[2] / steps,
                        sums[3] / steps,
                        sums[4] / steps,
                        sums[5] / steps);
        GzslResult validation =
                Validation.searchBeta(
                        network, stage.validationClips(benchmark), benchmark.embeddings());
        progress.scheduler().step(validation.harmonicMean());
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochRecord record = EpochRecord.of(stage, epoch, mean, lr, validation, seconds);
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

    private AvcaNetwork createNetwork() {
        AvcaNetwork network =
                networkFactory.create(
                        modelConfig, trainingConfig.seed(), trainingConfig.weightDecay());
        if (!modelConfig.equals(network.config())) {
            network.close();
            throw new IllegalStateException(
                    "the network factory built a network of "
                            + network.config()
                            + ", asked for "
                            + modelConfig);
        }
        return network;
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

    private static void log(EpochRecord r) {
        if (LOG.isInfoEnabled()) {
            LOG.info(
                    String.format(
                            Locale.ROOT,
                            "%s epoch %d: loss %.4f (rec %.4f ct %.4f w %.4f t %.4f r %.4f) lr %.3g | val S %.2f U %.2f "
                                    + "HM %.2f ZSL %.2f beta %.1f | %.1f s",
                            r.stage().id(),
                            r.epoch(),
                            r.loss(),
                            r.lossRec(),
                            r.lossCt(),
                            r.lossW(),
                            r.lossT(),
                            r.lossR(),
                            r.lr(),
                            100 * r.valSeen(),
                            100 * r.valUnseen(),
                            100 * r.valHm(),
                            100 * r.valZsl(),
                            r.beta(),
                            r.seconds()));
        }
    }

    /** The mutable state of a stage between epochs: what a checkpoint holds besides the network. */
    private static final class Progress {
        private final ReduceLrOnPlateau scheduler;
        private final List<EpochRecord> history;
        private int bestEpoch;
        private double bestHm;
        private double bestBeta;

        private Progress(
                ReduceLrOnPlateau scheduler,
                List<EpochRecord> history,
                int bestEpoch,
                double bestHm,
                double bestBeta) {
            this.scheduler = scheduler;
            this.history = new ArrayList<>(history);
            this.bestEpoch = bestEpoch;
            this.bestHm = bestHm;
            this.bestBeta = bestBeta;
        }

        static Progress fresh(TrainingConfig config) {
            return new Progress(
                    new ReduceLrOnPlateau(config.plateau(), config.learningRate()),
                    List.of(),
                    -1,
                    Double.NEGATIVE_INFINITY,
                    0);
        }

        static Progress restore(CheckpointState s, PlateauConfig plateau) {
            return new Progress(
                    ReduceLrOnPlateau.restore(plateau, s.scheduler()),
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

        /**
         * Adds an epoch; it becomes the best only if its HM beats every earlier one (first
         * maximum).
         */
        void add(EpochRecord record) {
            history.add(record);
            if (record.valHm() > bestHm) {
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
        private NetworkFactory networkFactory;
        private AvcaConfig modelConfig;
        private TrainingConfig trainingConfig;
        private TrainingListener listener = TrainingListener.NONE;

        private Builder() {}

        /** Creates the networks (required). */
        public Builder setNetworkFactory(NetworkFactory networkFactory) {
            this.networkFactory = Objects.requireNonNull(networkFactory, "networkFactory");
            return this;
        }

        /** The architecture (required); {@link Preset#avcaConfig} gives the published ones. */
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
         * @throws IllegalStateException if a required field is missing
         */
        public Trainer build() {
            if (networkFactory == null) {
                throw new IllegalStateException(
                        "networkFactory is required: call setNetworkFactory");
            }
            if (modelConfig == null) {
                throw new IllegalStateException("modelConfig is required: call setModelConfig");
            }
            if (trainingConfig == null) {
                throw new IllegalStateException(
                        "trainingConfig is required: call setTrainingConfig");
            }
            return new Trainer(this);
        }
    }
}
