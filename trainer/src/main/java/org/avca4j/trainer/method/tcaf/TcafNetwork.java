package org.avca4j.trainer.method.tcaf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.avca4j.sdk.evaluation.ScoringKernel;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SequenceClipSet;
import org.avca4j.trainer.data.sequence.SequenceCollation;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.model.AdamSettings;
import org.avca4j.trainer.model.TrainingBatch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * TCaF behind the shared training loop: a step gathers the sampler's positives from the stage's
 * sequence set, collates them into the training window and runs {@link TcafGraph#step}; an
 * evaluation collates every clip of the set into the evaluation window, embeds clips (θo) and
 * candidates (θw) and scores them by the Euclidean distance, one matrix for every mode.
 *
 * <p>Windows: a positive {@code train_window}/{@code eval_window} cuts fixed windows (random start
 * in training, as the reference's ActivityNet loader; audio {@code round(window·r_v·r_a)} rows).
 * With 0 the reference pads each modality to the longest clip of the batch, never cutting; here one
 * training graph serves the whole set: every batch is padded, per modality, to the set's longest
 * clip, and the rows past the batch's longest are masked in attention and left out of the encoders'
 * BatchNorm batch ({@link TcafGraph#inputs}), so that each step's loss, gradient and running
 * statistics are the reference's on the batch padded to its own longest (padding rows up to it
 * included, quirk 2, unless {@code padding_statistics=masked}). The cost per step is that of the
 * set's longest clip. Inference graphs are built per length pair and get the training graph's
 * weights before each use.
 *
 * <p>Not thread-safe.
 */
public final class TcafNetwork implements MethodNetwork {

    private final MethodContext context;
    private final TcafSettings settings;
    private final FrameRates rates;
    private final SequenceBenchmark sequences;
    private final SequenceClipSet training;
    private final SequenceCollation trainCollation;
    private final int trainAudioLength;
    private final int trainVideoLength;
    private final TcafWeights weights;
    private final double[][] classText;
    private final AdamSettings adam;
    private final TcafGraph graph;
    private final Map<Long, TcafGraph> inference = new HashMap<>();
    private final String architecture;
    private boolean closed;

    /**
     * @param context the stage's context; must carry the benchmark's sequences
     * @param settings TCaF's settings
     * @param adam the optimiser's settings
     * @throws IllegalArgumentException if the context carries no sequences or their widths differ
     *     from the context's
     */
    public TcafNetwork(MethodContext context, TcafSettings settings, AdamSettings adam) {
        this.context = Objects.requireNonNull(context, "context");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.adam = Objects.requireNonNull(adam, "adam");
        if (context.sequences() == null) {
            throw new IllegalArgumentException(
                    "TCaF trains on feature sequences: the method context carries none (read the"
                            + " benchmark in a sequence layout and give it to the trainer with"
                            + " optSequences)");
        }
        this.sequences = context.sequences();
        this.training = sequences.set(context.trainingSet());
        if (training.audioDim() != context.audioDim()
                || training.videoDim() != context.videoDim()) {
            throw new IllegalArgumentException(
                    "sequence set "
                            + training.name()
                            + " has widths audio/video "
                            + training.audioDim()
                            + "/"
                            + training.videoDim()
                            + ", the context "
                            + context.audioDim()
                            + "/"
                            + context.videoDim());
        }
        this.rates = FrameRates.of(sequences.featureSet());
        if (settings.trainWindow() > 0) {
            this.trainCollation =
                    SequenceCollation.fixedWindow(rates, settings.trainWindow(), true);
            this.trainAudioLength = trainCollation.audioWindow();
            this.trainVideoLength = settings.trainWindow();
        } else {
            this.trainCollation = SequenceCollation.padToLongest(rates);
            int longestAudio = 1;
            int longestVideo = 1;
            for (int i = 0; i < training.size(); i++) {
                longestAudio = Math.max(longestAudio, training.audioLength(i));
                longestVideo = Math.max(longestVideo, training.videoLength(i));
            }
            this.trainAudioLength = longestAudio;
            this.trainVideoLength = longestVideo;
        }
        int dt = context.textDim();
        float[] text = context.trainClassText();
        this.classText = new double[context.trainClassCount()][dt];
        for (int k = 0; k < classText.length; k++) {
            for (int j = 0; j < dt; j++) {
                classText[k][j] = text[k * dt + j];
            }
        }
        this.weights =
                TcafWeights.initial(
                        context.audioDim(), context.videoDim(), dt, settings, context.seed());
        this.graph =
                new TcafGraph(
                        weights,
                        rates,
                        trainAudioLength,
                        trainVideoLength,
                        classText,
                        DataType.FLOAT,
                        adam);
        this.architecture =
                TcafSettings.ID
                        + " audio="
                        + context.audioDim()
                        + " video="
                        + context.videoDim()
                        + " text="
                        + dt
                        + " train_lengths="
                        + trainAudioLength
                        + "/"
                        + trainVideoLength
                        + " "
                        + settings.asMap();
    }

    /** The settings. */
    public TcafSettings settings() {
        return settings;
    }

    /** The frame rates of the benchmark's feature set. */
    public FrameRates rates() {
        return rates;
    }

    /**
     * The current weights (parameters and BatchNorm state), copied out of the graph.
     *
     * @throws IllegalStateException if the network is closed
     */
    public TcafWeights weights() {
        checkOpen();
        graph.store(weights);
        return weights;
    }

    /**
     * Not supported: TCaF needs the positives' clip indices ({@link #step(TrainingBatch, int[],
     * double, long)}).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
        throw new UnsupportedOperationException(
                "TCaF steps on feature sequences: call step(batch, clipIndices, lr, seed)");
    }

    /**
     * @throws IllegalArgumentException if an index is outside the stage's training set or a label
     *     is not a training class
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public LossTerms step(
            TrainingBatch batch, int[] clipIndices, double learningRate, long stepSeed) {
        checkOpen();
        for (int i : clipIndices) {
            if (i < 0 || i >= training.size()) {
                throw new IllegalArgumentException(
                        "clip index "
                                + i
                                + " is outside the "
                                + training.size()
                                + " clips of "
                                + training.name());
            }
        }
        var b =
                trainCollation.padsToLongest()
                        ? trainCollation.padTo(
                                training, clipIndices, trainAudioLength, trainVideoLength)
                        : trainCollation.collate(
                                training, clipIndices, new SplittableRandom(stepSeed));
        Map<String, Double> l =
                graph.step(
                        b, sequences.embeddings(), context.trainClassIds(), learningRate, stepSeed);
        Map<String, Double> terms = new LinkedHashMap<>(l);
        double total = terms.remove("total");
        return new LossTerms(total, terms);
    }

    /**
     * Not supported: TCaF scores feature sequences ({@link #distances(ClipSet, float[], int)}).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
        throw new UnsupportedOperationException(
                "TCaF scores feature sequences: call distances(clipSet, text, c)");
    }

    /**
     * @throws IllegalArgumentException if the benchmark's sequences hold no set of that name, or it
     *     differs from the vector set in size or labels
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public ModeDistances distances(ClipSet clips, float[] text, int c) {
        checkOpen();
        SequenceClipSet set = sequences.set(clips.name());
        if (set.size() != clips.size() || !Arrays.equals(set.labels(), clips.labels())) {
            throw new IllegalArgumentException(
                    "sequence set "
                            + set.name()
                            + " holds "
                            + set.size()
                            + " clips, the vector set "
                            + clips.size()
                            + ", or their labels differ");
        }
        int n = set.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        // Without an evaluation window every clip is padded, per modality, to the set's longest
        // (one batch of all clips), never cropped: the SDK pads in the same way, so its θ is the
        // trainer's (padding does not change θ).
        SequenceBatch batch =
                settings.evalWindow() > 0
                        ? SequenceCollation.fixedWindow(rates, settings.evalWindow(), false)
                                .collate(set, all, null)
                        : SequenceCollation.padToLongest(rates).collate(set, all, null);
        int la = batch.audioLength();
        int lv = batch.videoLength();
        TcafGraph g =
                inference.computeIfAbsent(
                        ((long) la << 32) | lv,
                        k ->
                                new TcafGraph(
                                        weights, rates, la, lv, classText, DataType.FLOAT, adam));
        graph.store(weights);
        g.load(weights);
        float[] theta = g.clipEmbeddings(batch);
        float[] thetaW = g.textEmbeddings(text);
        int e = TcafSettings.EMBEDDING_DIM;
        float[] d = new float[n * c];
        for (int i = 0; i < n; i++) {
            ScoringKernel.distances(theta, i * e, thetaW, c, e, d, i * c);
        }
        return ModeDistances.single(d, n, c);
    }

    /**
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void save(Path file) throws IOException {
        checkOpen();
        graph.graph().save(file, architecture);
    }

    /**
     * @throws IOException if the file cannot be read or belongs to another architecture
     * @throws IllegalStateException if the network is closed
     */
    @Override
    public void load(Path file) throws IOException {
        checkOpen();
        graph.graph().load(file, architecture);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        graph.close();
        inference.values().forEach(TcafGraph::close);
        inference.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the TCaF network is closed");
        }
    }
}
