package org.avca4j.sdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.avca4j.sdk.evaluation.ScoringKernel;

/**
 * An immutable set of candidate classes, with the θw of each computed once, when the set is made:
 * what one request classifies against. Pass it to {@link ZeroShotClassifier#classify(float[],
 * float[], CandidateSet)} or {@link ZeroShotClassifier#classifyBatch(float[][], float[][],
 * CandidateSet)}; making and using a set changes nothing that other threads see.
 *
 * <p>Made by the classifier it is used with ({@link ZeroShotClassifier#candidateSet(Collection)},
 * {@link ZeroShotClassifier#candidateSetBuilder()}), since θw depends on the model. Column order,
 * the tie-break order of every prediction: vocabulary classes in vocabulary order, then new classes
 * in the order they were added. A set made by a classifier in {@link ClassificationMode#ZSL ZSL}
 * mode holds no seen class.
 *
 * <p>Thread-safe; it holds no native resource and needs no closing. A set keeps its classes and θw
 * when the classifier's vocabulary changes later.
 */
public final class CandidateSet {

    private final Object owner;
    private final List<String> names;
    private final List<ClassRole> roles;
    private final boolean[] seen;
    private final float[] thetaW;
    private final int dim;
    private final Map<String, Integer> index;

    /**
     * @param thetaW {@code [names.size() * dim]}, owned by the new set
     */
    CandidateSet(Object owner, List<String> names, List<ClassRole> roles, float[] thetaW, int dim) {
        this.owner = owner;
        this.names = List.copyOf(names);
        this.roles = List.copyOf(roles);
        this.thetaW = thetaW;
        this.dim = dim;
        this.seen = new boolean[names.size()];
        this.index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            seen[i] = roles.get(i).isSeen();
            index.put(names.get(i), i);
        }
    }

    /** The candidates' names, in column order. Never throws. */
    public List<String> names() {
        return names;
    }

    /** Number of candidates. Never throws. */
    public int size() {
        return names.size();
    }

    /** Whether the class is a candidate. Never throws. */
    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /**
     * The role of a candidate.
     *
     * @throws IllegalArgumentException if the class is not a candidate
     */
    public ClassRole role(String name) {
        return roles.get(column(name));
    }

    /**
     * θw of a candidate (a copy).
     *
     * @return {@code embedding_dim} floats
     * @throws IllegalArgumentException if the class is not a candidate
     */
    public float[] classEmbedding(String name) {
        int col = column(name);
        float[] out = new float[dim];
        System.arraycopy(thetaW, col * dim, out, 0, dim);
        return out;
    }

    @Override
    public String toString() {
        return "CandidateSet" + names;
    }

    boolean madeBy(Object classifier) {
        return owner == classifier;
    }

    private int column(String name) {
        Integer col = index.get(name);
        if (col == null) {
            throw new IllegalArgumentException(
                    "unknown class '" + name + "': not in the candidate set " + names);
        }
        return col;
    }

    /**
     * Ranks the candidates for each of {@code n} clip embeddings, their distances computed in one
     * pass ({@link ScoringKernel#distanceMatrix}).
     *
     * @param theta {@code [n * dim]} clip embeddings, row-major
     * @param beta added to the distance of seen candidates
     * @param k how many to return per clip
     * @return one prediction per clip, in order
     * @throws InferenceException if a distance is not finite
     */
    List<Prediction> rank(float[] theta, int n, double beta, int k) {
        float[] d = new float[n * names.size()];
        ScoringKernel.distanceMatrix(theta, n, thetaW, names.size(), dim, d);
        return rankDistances(d, n, beta, k);
    }

    /** As {@link #rank(float[], int, double, int)} with the two-branch scoring rules. */
    List<Prediction> rank(ClipEmbeddings clips, int n, double beta, int k) {
        return rankDistances(clips.distances(n, thetaW, names.size()), n, beta, k);
    }

    /**
     * Ranks the candidates by distances computed elsewhere (for a fixed-class model: the negated
     * scores), with {@link ScoringKernel}.
     *
     * @param d {@code [n * size()]}: per clip, one distance per candidate in column order
     * @return one prediction per clip, in order
     * @throws InferenceException if a distance is not finite
     */
    List<Prediction> rankDistances(float[] d, int n, double beta, int k) {
        int count = names.size();
        int bad = Finite.firstBad(d, 0, n * count);
        if (bad >= 0) {
            throw notFinite(d, bad);
        }
        int[] top = new int[Math.min(k, count)];
        List<Prediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(rankRow(d, i * count, beta, top));
        }
        return out;
    }

    /** The prediction of the clip whose distances start at {@code offset}. */
    private Prediction rankRow(float[] d, int offset, double beta, int[] top) {
        int n = ScoringKernel.rank(d, offset, seen, beta, top);
        RankedClass[] ranked = new RankedClass[n];
        for (int i = 0; i < n; i++) {
            int c = top[i];
            float distance = d[offset + c];
            ranked[i] =
                    new RankedClass(
                            names.get(c),
                            roles.get(c),
                            distance,
                            ScoringKernel.calibrated(distance, seen[c], beta));
        }
        // List.of makes the one immutable copy, which the record's List.copyOf keeps as it is
        return Prediction.of(List.of(ranked));
    }

    /** The error for distance {@code at} of {@code d}, which is not finite. */
    private InferenceException notFinite(float[] d, int at) {
        int count = names.size();
        return new InferenceException(
                "the distance of clip "
                        + at / count
                        + " to class '"
                        + names.get(at % count)
                        + "' is "
                        + d[at]
                        + ": the clip's embedding is too large to score (are the"
                        + " features scaled as in training?)");
    }

    /**
     * Collects the classes of a candidate set; {@link #build()} computes θw of the new classes in
     * one model run. Made by {@link ZeroShotClassifier#candidateSetBuilder()}; not thread-safe.
     */
    public static final class Builder {
        private final ZeroShotClassifier classifier;
        private final Set<String> known = new LinkedHashSet<>();
        private final Map<String, float[]> added = new LinkedHashMap<>();

        Builder(ZeroShotClassifier classifier) {
            this.classifier = classifier;
        }

        /**
         * Adds a class of the classifier's vocabulary (checked in {@link #build()}).
         *
         * @throws NullPointerException if {@code name} is null
         */
        public Builder addClass(String name) {
            known.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Adds classes of the classifier's vocabulary (checked in {@link #build()}).
         *
         * @throws NullPointerException if {@code names} or a name is null
         */
        public Builder addClasses(Collection<String> names) {
            for (String name : Objects.requireNonNull(names, "names")) {
                addClass(name);
            }
            return this;
        }

        /**
         * Adds a new class by name and text embedding, role {@link ClassRole#ADDED}; the embedding
         * is scaled to unit L2 norm, like {@link ZeroShotClassifier#addClass}.
         *
         * @param name a name that is neither in the vocabulary nor added to this builder before
         * @param embedding {@code text_dim} finite floats, not all zero (copied)
         * @throws IllegalArgumentException if the name is null, empty or already added here, or the
         *     embedding has the wrong width, is not finite or is all zeros
         */
        public Builder addClass(String name, float[] embedding) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("class name is null or empty");
            }
            if (added.containsKey(name)) {
                throw new IllegalArgumentException(
                        "duplicate class name: '" + name + "' was already added to this set");
            }
            added.put(
                    name,
                    FeatureChecks.unitEmbedding(name, embedding, classifier.card().textDim()));
            return this;
        }

        /**
         * Makes the set, computing θw of the new classes now.
         *
         * @return the set
         * @throws IllegalArgumentException if no class was added, a vocabulary class is unknown, a
         *     new class's name is in the vocabulary, or in ZSL mode every class is seen
         * @throws IllegalStateException if the classifier is closed
         * @throws UnsupportedOperationException if a new class was added and the model's scoring
         *     rule is fixed_classes (its classes are fixed by its weights)
         * @throws InferenceException if ONNX Runtime fails, or θw of a new class is not finite
         */
        public CandidateSet build() {
            return classifier.makeCandidateSet(known, added);
        }
    }
}
