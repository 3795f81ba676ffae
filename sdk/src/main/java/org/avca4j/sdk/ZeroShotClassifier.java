package org.avca4j.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.avca4j.sdk.card.ScoringRule;

/**
 * Assigns audio-visual clips to classes described by text, with an AVCA model exported to ONNX.
 *
 * <pre>{@code
 * try (ZeroShotClassifier classifier = ZeroShotClassifier.builder()
 *         .setModel(Path.of("ucf.onnx"))
 *         .optDevice(Device.AUTO)
 *         .build()) {
 *     classifier.addClass("PlayingHarp", harpEmbedding);
 *     Prediction p = classifier.classify(audio, video);
 * }
 * }</pre>
 *
 * <p>Candidates per request: {@link #candidateSet(Collection)} and {@link #candidateSetBuilder()}
 * make an immutable {@link CandidateSet} (θw computed once, when it is made) that {@link
 * #classify(float[], float[], CandidateSet)} scores against, without changing what other threads
 * see.
 *
 * <p>Classifier-wide default: calls without a candidate set score against the vocabulary, which
 * starts as the model card's classes; classes can be added (they count as unseen), removed, and the
 * default candidates narrowed. θw is computed once per vocabulary change, and each change publishes
 * a new immutable vocabulary, so concurrent calls each see one consistent vocabulary. One ONNX
 * Runtime session serves every thread.
 *
 * <p>Scoring (docs/sdk-guide.md): {@code d(x, c) = ‖θ(x) − θw(c)‖₂}, or the combination of the
 * audio and the video distance the card's {@link ScoringRule} names (their sum, or the one the
 * model's gate chooses); in {@link ClassificationMode#GZSL GZSL} mode β is added to every seen
 * class's distance (calibrated stacking); the prediction is the candidate with the smallest result,
 * the earliest in column order on ties. The arithmetic, in single precision, is {@link
 * org.avca4j.sdk.evaluation.ScoringKernel}'s, the same as the GZSL metrics'.
 *
 * <p>A model whose card's scoring rule is {@link ScoringRule#FIXED_CLASSES} (f-VAEGAN-D2's exported
 * classifier) scores each clip with one output per card class; its prediction is the highest score
 * (the ranked distance is the negated score, with β added for seen classes as above; such cards
 * have β 0). Its classes are fixed by its weights: {@link #addClass} and new classes in a {@link
 * CandidateSet.Builder} fail with {@link UnsupportedOperationException}, and there is no θw ({@link
 * #classEmbedding}). Choosing candidates among the card's classes works.
 *
 * <p>Thread-safe. After {@link #close()} every method throws {@link IllegalStateException}, except
 * {@code close} and the getters of settings fixed at build time ({@link #card()}, {@link #beta()},
 * {@link #mode()}, {@link #scoring()}, {@link #device()}).
 */
public final class ZeroShotClassifier implements AutoCloseable {

    /** The default of {@link Builder#optSingleThreadBatch}: calls of up to 8 clips. */
    public static final int DEFAULT_SINGLE_THREAD_BATCH = 8;

    private final AvcaRuntime runtime;
    private final ModelCard card;
    private final double beta;
    private final ClassificationMode mode;
    private final int topK;
    private final Scoring scoring;
    private final AtomicReference<Vocabulary> vocabulary;

    /** Card class name → score column, for a fixed-class model; null otherwise. */
    private final Map<String, Integer> fixedColumns;

    private final Object vocabularyWriter = new Object();
    // Runs hold the read lock so that close() cannot free the native session under them.
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private ZeroShotClassifier(AvcaRuntime runtime, Builder b) {
        this.runtime = runtime;
        this.card = runtime.card();
        this.beta = b.beta == null ? card.beta() : b.beta;
        this.mode = b.mode;
        this.topK = b.topK;
        this.scoring = b.scoring;
        List<String> names = new ArrayList<>();
        List<ClassRole> roles = new ArrayList<>();
        int textDim = card.textDim();
        float[] text = new float[card.classes().size() * textDim];
        for (int i = 0; i < card.classes().size(); i++) {
            ModelCard.CardClass c = card.classes().get(i);
            names.add(c.name());
            roles.add(c.role());
            System.arraycopy(c.embedding(), 0, text, i * textDim, textDim);
        }
        boolean fixed = card.scoringRule() == ScoringRule.FIXED_CLASSES;
        float[] thetaW =
                names.isEmpty() || fixed
                        ? new float[0]
                        : requireFinite(
                                runtime.embedTexts(text, names.size()),
                                ModelSignature.THETA_W,
                                card.embeddingDim());
        if (fixed) {
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                columns.put(names.get(i), i);
            }
            this.fixedColumns = columns;
        } else {
            this.fixedColumns = null;
        }
        int dim = fixed ? 0 : card.embeddingDim();
        this.vocabulary =
                new AtomicReference<>(
                        new Vocabulary(this, names, roles, thetaW, dim, null, mode)
                                .restrictedTo(b.candidates));
    }

    /** A builder; {@link Builder#setModel} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Classifies one clip.
     *
     * @param audio the clip's audio features ({@code audio_dim} floats)
     * @param video the clip's visual features ({@code video_dim} floats)
     * @return the prediction
     * @throws IllegalArgumentException if a vector is null, has the wrong width, or is not finite
     * @throws IllegalStateException if the classifier is closed or has no candidate class
     * @throws InferenceException if ONNX Runtime fails, or the clip's embedding or a distance is
     *     not finite (features so large that they overflow inside the model)
     */
    public Prediction classify(float[] audio, float[] video) {
        ensureOpen();
        return classify(audio, video, defaultCandidates());
    }

    /**
     * Classifies one clip against a candidate set of the caller's.
     *
     * @param audio the clip's audio features ({@code audio_dim} floats)
     * @param video the clip's visual features ({@code video_dim} floats)
     * @param candidates a set made by this classifier
     * @return the prediction
     * @throws IllegalArgumentException if a vector is null, has the wrong width, or is not finite,
     *     or the set is null or was made by another classifier
     * @throws IllegalStateException if the classifier is closed
     * @throws InferenceException if ONNX Runtime fails, or the clip's embedding or a distance is
     *     not finite
     */
    public Prediction classify(float[] audio, float[] video, CandidateSet candidates) {
        ensureOpen();
        requireOwn(candidates);
        FloatBuffer a = FeatureChecks.single(audio, card.audioDim(), ModelSignature.AUDIO);
        FloatBuffer v = FeatureChecks.single(video, card.videoDim(), ModelSignature.VIDEO);
        if (card.scoringRule().combinesBranches()) {
            return candidates.rank(branchEmbeddings(a, v, 1), 1, beta, topK).get(0);
        }
        return rankClips(embedChecked(a, v, 1), 1, candidates).get(0);
    }

    /**
     * Classifies clips in one model run.
     *
     * @param audio {@code [n][audio_dim]}
     * @param video {@code [n][video_dim]}
     * @return one prediction per clip, in order
     * @throws IllegalArgumentException if the batch is empty, the two arrays differ in length, or a
     *     vector is null, has the wrong width, or is not finite
     * @throws IllegalStateException if the classifier is closed or has no candidate class
     * @throws InferenceException if ONNX Runtime fails, or an embedding or a distance is not finite
     */
    public List<Prediction> classifyBatch(float[][] audio, float[][] video) {
        ensureOpen();
        return classifyBatch(audio, video, defaultCandidates());
    }

    /**
     * Classifies clips against a candidate set of the caller's, in one model run.
     *
     * @param audio {@code [n][audio_dim]}
     * @param video {@code [n][video_dim]}
     * @param candidates a set made by this classifier
     * @return one prediction per clip, in order
     * @throws IllegalArgumentException if the batch is empty, the two arrays differ in length, a
     *     vector is null, has the wrong width, or is not finite, or the set is null or was made by
     *     another classifier
     * @throws IllegalStateException if the classifier is closed
     * @throws InferenceException if ONNX Runtime fails, or an embedding or a distance is not finite
     */
    public List<Prediction> classifyBatch(
            float[][] audio, float[][] video, CandidateSet candidates) {
        ensureOpen();
        requireOwn(candidates);
        int n = batchSize(audio, video);
        FloatBuffer a = FeatureChecks.flatten(audio, card.audioDim(), ModelSignature.AUDIO);
        FloatBuffer v = FeatureChecks.flatten(video, card.videoDim(), ModelSignature.VIDEO);
        if (card.scoringRule().combinesBranches()) {
            return candidates.rank(branchEmbeddings(a, v, n), n, beta, topK);
        }
        return rankClips(embedChecked(a, v, n), n, candidates);
    }

    /**
     * Classifies one clip given as two feature sequences of any lengths, for a sequence model
     * (TCaF).
     *
     * @param audio the clip's audio rows {@code [T_a][audio_dim]}
     * @param video the clip's video rows {@code [T_v][video_dim]}
     * @return the prediction
     * @throws IllegalArgumentException if a sequence has no row, or a row is null, has the wrong
     *     width, or is not finite
     * @throws UnsupportedOperationException if the model takes one vector per modality
     * @throws IllegalStateException if the classifier is closed or has no candidate class
     * @throws InferenceException if ONNX Runtime fails, or an embedding or distance is not finite
     */
    public Prediction classify(float[][] audio, float[][] video) {
        return classifySequences(new float[][][] {audio}, new float[][][] {video}).get(0);
    }

    /**
     * Classifies clips of different lengths in one model run, for a sequence model (TCaF): the SDK
     * pads each modality to the batch's longest clip and masks the padding.
     *
     * @param audio per clip {@code [T_a,i][audio_dim]}
     * @param video per clip {@code [T_v,i][video_dim]}
     * @return one prediction per clip, in order
     * @throws IllegalArgumentException if the batch is empty, the arrays differ in clip count, a
     *     sequence has no row, or a row is null, has the wrong width, or is not finite
     * @throws UnsupportedOperationException if the model takes one vector per modality
     * @throws IllegalStateException if the classifier is closed or has no candidate class
     * @throws InferenceException if ONNX Runtime fails, or an embedding or distance is not finite
     */
    public List<Prediction> classifySequences(float[][][] audio, float[][][] video) {
        ensureOpen();
        requireSequenceModel();
        return rankSequences(
                SequenceInputs.of(audio, video, card.audioDim(), card.videoDim()),
                defaultCandidates());
    }

    /**
     * As {@link #classifySequences(float[][][], float[][][])}, ranking the classes of a candidate
     * set of this classifier.
     *
     * @throws IllegalArgumentException as {@link #classifySequences(float[][][], float[][][])}, or
     *     if the candidate set belongs to another classifier
     * @throws UnsupportedOperationException if the model takes one vector per modality
     * @throws IllegalStateException if the classifier is closed
     * @throws InferenceException if ONNX Runtime fails, or an embedding or distance is not finite
     */
    public List<Prediction> classifySequences(
            float[][][] audio, float[][][] video, CandidateSet candidates) {
        ensureOpen();
        requireSequenceModel();
        requireOwn(candidates);
        return rankSequences(
                SequenceInputs.of(audio, video, card.audioDim(), card.videoDim()), candidates);
    }

    /**
     * As {@link #classifySequences(float[][][], float[][][])} with the clips in flat buffers: clip
     * {@code i} has {@code audioLengths[i]} rows of {@code audio_dim} floats after clip {@code
     * i−1}'s, and likewise for video.
     *
     * @throws IllegalArgumentException if the length arrays are empty or differ in length, a length
     *     is below 1, a buffer does not hold exactly the rows its lengths ask for, or a value is
     *     not finite
     * @throws UnsupportedOperationException if the model takes one vector per modality
     * @throws IllegalStateException if the classifier is closed or has no candidate class
     * @throws InferenceException if ONNX Runtime fails, or an embedding or distance is not finite
     */
    public List<Prediction> classifySequences(
            float[] audio, int[] audioLengths, float[] video, int[] videoLengths) {
        ensureOpen();
        requireSequenceModel();
        return rankSequences(
                SequenceInputs.of(
                        audio, audioLengths, video, videoLengths, card.audioDim(), card.videoDim()),
                defaultCandidates());
    }

    /**
     * The clip embeddings of clips given as feature sequences, in one model run.
     *
     * @return {@code [n][embedding_dim]}
     * @throws IllegalArgumentException as {@link #classifySequences(float[][][], float[][][])}
     * @throws UnsupportedOperationException if the model takes one vector per modality
     * @throws IllegalStateException if the classifier is closed
     * @throws InferenceException if ONNX Runtime fails, or an embedding is not finite
     */
    public float[][] embedSequences(float[][][] audio, float[][][] video) {
        ensureOpen();
        requireSequenceModel();
        SequenceInputs in = SequenceInputs.of(audio, video, card.audioDim(), card.videoDim());
        return unflatten(sequenceEmbeddings(in), in.clips, card.embeddingDim());
    }

    /** Whether the model takes clips as feature sequences (TCaF) rather than one vector each. */
    public boolean takesSequences() {
        return runtime.sequences();
    }

    private List<Prediction> rankSequences(SequenceInputs in, CandidateSet candidates) {
        return rankClips(sequenceEmbeddings(in), in.clips, candidates);
    }

    private float[] sequenceEmbeddings(SequenceInputs in) {
        String output = scoring.output();
        return requireFinite(
                runLocked(() -> runtime.embedSequences(in, Set.of(output))).get(output),
                output,
                card.embeddingDim());
    }

    private void requireSequenceModel() {
        if (!runtime.sequences()) {
            throw new UnsupportedOperationException(
                    "this model takes one audio and one video vector per clip: use classify or"
                            + " classifyBatch with float[] vectors");
        }
    }

    private void requireVectorModel() {
        if (runtime.sequences()) {
            throw new UnsupportedOperationException(
                    "this model takes clips as feature sequences (inputs audio_mask, video_mask):"
                            + " use classify(float[][], float[][]) or classifySequences");
        }
    }

    /**
     * The classifier-wide candidates as a set: what {@link #classify(float[], float[])} scores
     * against now. Later vocabulary changes do not change the returned set.
     *
     * @throws IllegalStateException if the classifier is closed or has no candidate class
     */
    public CandidateSet candidateSet() {
        ensureOpen();
        return defaultCandidates();
    }

    /**
     * A candidate set of vocabulary classes, in vocabulary order whatever the order given; the θw
     * already computed are reused. In ZSL mode seen classes are left out.
     *
     * @param names vocabulary class names
     * @throws IllegalArgumentException if {@code names} is empty, a name is unknown, or in ZSL mode
     *     all of them are seen
     * @throws IllegalStateException if the classifier is closed
     */
    public CandidateSet candidateSet(Collection<String> names) {
        Objects.requireNonNull(names, "names");
        ensureOpen();
        return vocabulary.get().candidateSet(names, List.of(), new float[0]);
    }

    /**
     * A builder of a candidate set that may hold new classes too (by name and text embedding);
     * their θw is computed when it is built.
     *
     * @throws IllegalStateException if the classifier is closed
     */
    public CandidateSet.Builder candidateSetBuilder() {
        ensureOpen();
        return new CandidateSet.Builder(this);
    }

    /** {@link CandidateSet.Builder#build()}. */
    CandidateSet makeCandidateSet(Collection<String> known, Map<String, float[]> added) {
        ensureOpen();
        // One vocabulary snapshot for the checks and the set, whatever other threads change.
        Vocabulary vocab = vocabulary.get();
        List<String> names = new ArrayList<>(added.keySet());
        float[] thetaW = new float[0];
        if (!names.isEmpty()) {
            requireOpenClassSet(names.get(0));
            // Rejects a bad choice before the model runs.
            vocab.candidateSet(known, names, new float[names.size() * card.embeddingDim()]);
            float[] text = new float[names.size() * card.textDim()];
            int i = 0;
            for (float[] e : added.values()) {
                System.arraycopy(e, 0, text, i++ * card.textDim(), card.textDim());
            }
            thetaW = embedTextsChecked(text, names.size());
        }
        return vocab.candidateSet(known, names, thetaW);
    }

    /**
     * The clip embedding used for scoring: θv, or θa with {@link Scoring#AUDIO}; for a fixed-class
     * model, the clip's scores, one per card class in card order.
     *
     * @param audio the clip's audio features ({@code audio_dim} floats)
     * @param video the clip's visual features ({@code video_dim} floats)
     * @return {@code embedding_dim} floats
     * @throws IllegalArgumentException if a vector is null, has the wrong width, or is not finite
     * @throws IllegalStateException if the classifier is closed
     * @throws InferenceException if ONNX Runtime fails, or the embedding is not finite
     */
    public float[] embed(float[] audio, float[] video) {
        ensureOpen();
        return embedChecked(
                FeatureChecks.single(audio, card.audioDim(), ModelSignature.AUDIO),
                FeatureChecks.single(video, card.videoDim(), ModelSignature.VIDEO),
                1);
    }

    /**
     * The clip embeddings used for scoring, in one model run.
     *
     * @return {@code [n][embedding_dim]}
     * @throws IllegalArgumentException if the batch is empty, the two arrays differ in length, or a
     *     vector is null, has the wrong width, or is not finite
     * @throws IllegalStateException if the classifier is closed
     * @throws InferenceException if ONNX Runtime fails, or an embedding is not finite
     */
    public float[][] embedBatch(float[][] audio, float[][] video) {
        ensureOpen();
        int n = batchSize(audio, video);
        float[] flat =
                embedChecked(
                        FeatureChecks.flatten(audio, card.audioDim(), ModelSignature.AUDIO),
                        FeatureChecks.flatten(video, card.videoDim(), ModelSignature.VIDEO),
                        n);
        return unflatten(flat, n, card.embeddingDim());
    }

    /**
     * θw of a vocabulary class.
     *
     * @return {@code embedding_dim} floats
     * @throws IllegalArgumentException if the class is not in the vocabulary
     * @throws IllegalStateException if the classifier is closed
     * @throws UnsupportedOperationException for a fixed-class model, which has no θw
     */
    public float[] classEmbedding(String name) {
        ensureOpen();
        if (fixedColumns != null) {
            throw new UnsupportedOperationException(
                    "this model's scoring rule is fixed_classes: it scores clips with one output"
                            + " per card class and has no class embedding θw");
        }
        Vocabulary vocab = vocabulary.get();
        int col = vocab.column(name);
        if (col < 0) {
            throw new IllegalArgumentException(
                    "unknown class '" + name + "': not in the vocabulary");
        }
        float[] out = new float[vocab.dim()];
        System.arraycopy(vocab.thetaW(), col * vocab.dim(), out, 0, vocab.dim());
        return out;
    }

    /**
     * Adds a class to the vocabulary, by name and text embedding; it counts as unseen. Candidate
     * sets made before are not changed. The embedding is scaled to unit L2 norm, like the published
     * class embeddings, and its θw is computed now.
     *
     * @param name a name not yet in the vocabulary
     * @param embedding {@code text_dim} finite floats, not all zero
     * @throws IllegalArgumentException if the name is taken or empty, or the embedding has the
     *     wrong width, is not finite or is all zeros
     * @throws IllegalStateException if the classifier is closed (checked first)
     * @throws UnsupportedOperationException if the model's scoring rule is {@link
     *     ScoringRule#FIXED_CLASSES}: its classes are fixed by its weights
     * @throws InferenceException if ONNX Runtime fails, or the class's θw is not finite
     */
    public void addClass(String name, float[] embedding) {
        ensureOpen();
        requireOpenClassSet(name);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("class name is null or empty");
        }
        float[] unit = FeatureChecks.unitEmbedding(name, embedding, card.textDim());
        synchronized (vocabularyWriter) {
            if (vocabulary.get().column(name) >= 0) {
                throw new IllegalArgumentException(
                        "duplicate class name: '" + name + "' is already in the vocabulary");
            }
            float[] thetaW = embedTextsChecked(unit, 1);
            vocabulary.set(vocabulary.get().with(name, ClassRole.ADDED, thetaW));
        }
    }

    /**
     * Removes a class from the vocabulary (and from the chosen default candidates). Candidate sets
     * made before keep it.
     *
     * @throws IllegalArgumentException if the class is unknown
     * @throws IllegalStateException if the classifier is closed
     */
    public void removeClass(String name) {
        ensureOpen();
        synchronized (vocabularyWriter) {
            vocabulary.set(vocabulary.get().without(name));
        }
    }

    /**
     * Restricts the classifier-wide default candidates, used by calls without a candidate set, to
     * the named classes (in vocabulary order, whatever the order given). In ZSL mode seen classes
     * among them are still left out. A request that needs its own candidates should pass a {@link
     * CandidateSet} instead: this changes what every thread sees.
     *
     * @param names vocabulary class names
     * @throws IllegalArgumentException if {@code names} is empty or a name is unknown
     * @throws IllegalStateException if the classifier is closed
     */
    public void setCandidates(Collection<String> names) {
        Objects.requireNonNull(names, "names");
        ensureOpen();
        synchronized (vocabularyWriter) {
            vocabulary.set(vocabulary.get().restrictedTo(names));
        }
    }

    /**
     * Makes every vocabulary class a candidate again (in ZSL mode: every unseen and added class).
     *
     * @throws IllegalStateException if the classifier is closed
     */
    public void useAllCandidates() {
        ensureOpen();
        synchronized (vocabularyWriter) {
            vocabulary.set(vocabulary.get().restrictedTo(null));
        }
    }

    /**
     * Every vocabulary class, in column order (card classes, then added ones).
     *
     * @throws IllegalStateException if the classifier is closed
     */
    public List<String> classNames() {
        ensureOpen();
        return vocabulary.get().names();
    }

    /**
     * The classes a clip is scored against by default (without a candidate set), in column order.
     *
     * @throws IllegalStateException if the classifier is closed
     */
    public List<String> candidates() {
        ensureOpen();
        return vocabulary.get().candidateNames();
    }

    /**
     * The role of a vocabulary class.
     *
     * @throws IllegalArgumentException if the class is unknown
     * @throws IllegalStateException if the classifier is closed
     */
    public ClassRole role(String name) {
        ensureOpen();
        Vocabulary vocab = vocabulary.get();
        int col = vocab.column(name);
        if (col < 0) {
            throw new IllegalArgumentException(
                    "unknown class '" + name + "': not in the vocabulary");
        }
        return vocab.role(col);
    }

    /** The model card. Never throws. */
    public ModelCard card() {
        return card;
    }

    /** β in use: the builder's, else the card's β*. Never throws. */
    public double beta() {
        return beta;
    }

    /** The classification mode. Never throws. */
    public ClassificationMode mode() {
        return mode;
    }

    /** The clip embedding used for scoring. Never throws. */
    public Scoring scoring() {
        return scoring;
    }

    /** The device the model runs on (for AUTO: the one chosen). Never throws. */
    public Device device() {
        return runtime.device();
    }

    /**
     * Frees the ONNX Runtime session, after waiting for calls in progress. Idempotent; never
     * throws.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                runtime.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private float[] embedChecked(FloatBuffer audio, FloatBuffer video, int n) {
        requireVectorModel();
        if (fixedColumns != null) {
            return requireFinite(
                    runLocked(() -> runtime.scores(audio, video, n)),
                    ModelSignature.SCORES,
                    card.embeddingDim());
        }
        return requireFinite(
                runLocked(() -> runtime.embedClips(audio, video, n, scoring.output())),
                scoring.output(),
                card.embeddingDim());
    }

    /**
     * Every model output a classifier with this card and scoring asks for: the sessions run only
     * what these need. The clip embedding it scores with (and, for a rule that combines the
     * branches, θa, θv and the gate) and θw for the text; a fixed-class model's scores.
     */
    static Set<String> outputsUsed(ModelCard card, Scoring scoring) {
        if (card.scoringRule() == ScoringRule.FIXED_CLASSES) {
            return Set.of(ModelSignature.SCORES);
        }
        Set<String> used = new java.util.HashSet<>();
        used.add(ModelSignature.THETA_W);
        used.add(scoring.output());
        if (card.scoringRule().combinesBranches()) {
            used.add(ModelSignature.THETA_A);
            used.add(ModelSignature.THETA_V);
            if (card.scoringRule() == ScoringRule.GATED) {
                used.add(ModelSignature.GATE);
            }
        }
        return Set.copyOf(used);
    }

    /**
     * θa, θv (and the gate) of {@code n} clips from one model run, for a scoring rule that combines
     * the two branches.
     */
    private ClipEmbeddings branchEmbeddings(FloatBuffer audio, FloatBuffer video, int n) {
        requireVectorModel();
        Set<String> outputs =
                card.scoringRule() == ScoringRule.GATED
                        ? Set.of(
                                ModelSignature.THETA_A, ModelSignature.THETA_V, ModelSignature.GATE)
                        : Set.of(ModelSignature.THETA_A, ModelSignature.THETA_V);
        Map<String, float[]> out = runLocked(() -> runtime.embedClips(audio, video, n, outputs));
        for (Map.Entry<String, float[]> e : out.entrySet()) {
            requireFinite(
                    e.getValue(),
                    e.getKey(),
                    e.getKey().equals(ModelSignature.GATE) ? 1 : card.embeddingDim());
        }
        return new ClipEmbeddings(card.scoringRule(), out, card.embeddingDim());
    }

    /**
     * The predictions of the {@code n} clips of a batch's outputs (embeddings or fixed-class
     * scores).
     */
    private List<Prediction> rankClips(float[] outputs, int n, CandidateSet candidates) {
        if (fixedColumns == null) {
            return candidates.rank(outputs, n, beta, topK);
        }
        int classes = card.embeddingDim();
        List<String> names = candidates.names();
        int[] columns = new int[names.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = fixedColumns.get(names.get(j));
        }
        float[] d = new float[n * columns.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < columns.length; j++) {
                d[i * columns.length + j] = -outputs[i * classes + columns[j]];
            }
        }
        return candidates.rankDistances(d, n, beta, topK);
    }

    /**
     * @throws UnsupportedOperationException if the model's classes are fixed
     */
    private void requireOpenClassSet(String name) {
        if (fixedColumns != null) {
            throw new UnsupportedOperationException(
                    "cannot add class '"
                            + name
                            + "': this model's scoring rule is fixed_classes (a classifier with one"
                            + " trained output per card class, f-VAEGAN-D2's export), so it cannot"
                            + " take new class embeddings; choose candidates among its "
                            + fixedColumns.size()
                            + " card classes instead");
        }
    }

    private float[] embedTextsChecked(float[] text, int c) {
        return requireFinite(
                runLocked(() -> runtime.embedTexts(text, c)),
                ModelSignature.THETA_W,
                card.embeddingDim());
    }

    /**
     * @throws InferenceException if an output value is NaN or infinite
     */
    private static float[] requireFinite(float[] out, String output, int width) {
        int i = Finite.firstBad(out, 0, out.length);
        if (i >= 0) {
            throw new InferenceException(
                    "the model's output "
                            + output
                            + " holds "
                            + out[i]
                            + " for row "
                            + i / width
                            + " at index "
                            + i % width
                            + ": the inputs overflow inside the model (are the features"
                            + " scaled as in training?)");
        }
        return out;
    }

    /** The classifier-wide candidates, checked not to be empty. */
    private CandidateSet defaultCandidates() {
        Vocabulary vocab = vocabulary.get();
        vocab.requireCandidates();
        return vocab.candidates();
    }

    private void requireOwn(CandidateSet candidates) {
        if (candidates == null) {
            throw new IllegalArgumentException("candidate set is null");
        }
        if (!candidates.madeBy(this)) {
            throw new IllegalArgumentException(
                    "candidate set "
                            + candidates
                            + " was made by another classifier: θw depends on the model, make the"
                            + " set with this classifier's candidateSet or candidateSetBuilder");
        }
    }

    private <T> T runLocked(java.util.function.Supplier<T> run) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return run.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the classifier is closed");
        }
    }

    private static int batchSize(float[][] audio, float[][] video) {
        if (audio == null || video == null || audio.length == 0 || video.length == 0) {
            throw new IllegalArgumentException(
                    "empty batch: audio and video must each hold at least one clip");
        }
        if (audio.length != video.length) {
            throw new IllegalArgumentException(
                    "batch mismatch: "
                            + audio.length
                            + " audio vectors but "
                            + video.length
                            + " video vectors");
        }
        return audio.length;
    }

    private static float[][] unflatten(float[] flat, int n, int dim) {
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * dim, out[i], 0, dim);
        }
        return out;
    }

    /**
     * Builds a {@link ZeroShotClassifier}: {@code setModel} is required, every {@code opt} has a
     * default.
     */
    public static final class Builder {
        private AvcaRuntime.SessionSource source;
        private String description;
        private Path path;
        private Device device = Device.CPU;
        private int intraOpThreads;
        private int interOpThreads;
        private boolean threadSpinning;
        private int singleThreadBatch = DEFAULT_SINGLE_THREAD_BATCH;
        private Double beta;
        private ClassificationMode mode = ClassificationMode.GZSL;
        private int topK = 5;
        private Scoring scoring = Scoring.VIDEO;
        private List<String> candidates;

        private Builder() {}

        /** The model file. */
        public Builder setModel(Path file) {
            this.path = Objects.requireNonNull(file, "file");
            this.description = "model file " + file;
            this.source = ModelIntegrity.file(file, () -> description);
            return this;
        }

        /** The model's bytes (copied). */
        public Builder setModel(byte[] model) {
            byte[] copy = Objects.requireNonNull(model, "model").clone();
            this.path = null;
            this.description = "model bytes";
            this.source = ModelIntegrity.bytes(copy, () -> description);
            return this;
        }

        /**
         * The model, read now to the end (the stream is not closed).
         *
         * @throws IOException if the stream cannot be read
         */
        public Builder setModel(InputStream in) throws IOException {
            setModel(Objects.requireNonNull(in, "in").readAllBytes());
            this.description = "model stream";
            return this;
        }

        /** {@link Device#CPU} (default), {@link Device#cuda(int)} or {@link Device#AUTO}. */
        public Builder optDevice(Device device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /**
         * Threads ONNX Runtime uses inside an operator; 0 (default) lets it choose.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder optIntraOpThreads(int threads) {
            this.intraOpThreads = nonNegative(threads, "intra-op threads");
            return this;
        }

        /**
         * Threads ONNX Runtime uses across operators; 0 (default) lets it choose.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder optInterOpThreads(int threads) {
            this.interOpThreads = nonNegative(threads, "inter-op threads");
            return this;
        }

        /**
         * Whether ONNX Runtime's idle pool threads busy-wait for work (default false: they sleep).
         * Spinning can shave microseconds off back-to-back calls on otherwise idle cores; on a
         * loaded machine it takes the cores from the threads that have work.
         */
        public Builder optThreadSpinning(boolean spinning) {
            this.threadSpinning = spinning;
            return this;
        }

        /**
         * The largest call (in clips) that runs on a second, single-thread session on the CPU;
         * default {@value ZeroShotClassifier#DEFAULT_SINGLE_THREAD_BATCH}, 0 for none. A call of a
         * few clips is too little work to share between threads: on one thread it returns sooner,
         * and concurrent small calls run side by side. Larger calls run on it too while other calls
         * hold the cores, one core each (more clips per second than taking turns on all of them).
         * The second session holds a second copy of the weights; none is made on a GPU or with
         * {@code optIntraOpThreads(1)}; with 0, large calls wait for one another instead.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder optSingleThreadBatch(int clips) {
            this.singleThreadBatch = nonNegative(clips, "single-thread batch");
            return this;
        }

        /**
         * β for calibrated stacking, instead of the card's β*.
         *
         * @throws IllegalArgumentException if not finite
         */
        public Builder optBeta(double beta) {
            if (!Double.isFinite(beta)) {
                throw new IllegalArgumentException("beta must be finite, got " + beta);
            }
            this.beta = beta;
            return this;
        }

        /** {@link ClassificationMode#GZSL} (default) or {@link ClassificationMode#ZSL}. */
        public Builder optMode(ClassificationMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * How many nearest candidates a prediction lists (default 5; fewer when there are fewer
         * candidates).
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder optTopK(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("topK must be >= 1, got " + k);
            }
            this.topK = k;
            return this;
        }

        /** {@link Scoring#VIDEO} (θv, default) or {@link Scoring#AUDIO} (θa). */
        public Builder optScoring(Scoring scoring) {
            this.scoring = Objects.requireNonNull(scoring, "scoring");
            return this;
        }

        /**
         * Restricts the candidates to these card classes (see {@link
         * ZeroShotClassifier#setCandidates}).
         */
        public Builder optCandidates(Collection<String> names) {
            this.candidates = List.copyOf(names);
            return this;
        }

        /**
         * Loads the model and computes θw of the card's classes.
         *
         * @return the classifier
         * @throws IllegalStateException if no model was set
         * @throws NoSuchFileException if the model file does not exist
         * @throws ModelFormatException if the model is corrupt, has no model card, or its inputs
         *     and outputs are not those its card describes
         * @throws DeviceUnavailableException if a CUDA device was asked for and cannot run the
         *     model
         * @throws IllegalArgumentException if the chosen candidates are empty or one is not in the
         *     card
         * @throws InferenceException if ONNX Runtime fails computing θw
         * @throws IOException if the model file cannot be read
         */
        public ZeroShotClassifier build() throws IOException {
            if (source == null) {
                throw new IllegalStateException("no model: call setModel first");
            }
            if (path != null && !Files.isRegularFile(path)) {
                throw new NoSuchFileException(path.toString(), null, "model file not found");
            }
            AvcaRuntime runtime =
                    AvcaRuntime.open(
                            source,
                            description,
                            device,
                            intraOpThreads,
                            interOpThreads,
                            threadSpinning,
                            singleThreadBatch,
                            card -> outputsUsed(card, scoring));
            try {
                return new ZeroShotClassifier(runtime, this);
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
        }

        private static int nonNegative(int v, String what) {
            if (v < 0) {
                throw new IllegalArgumentException(what + " must be >= 0, got " + v);
            }
            return v;
        }
    }
}
