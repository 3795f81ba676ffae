package org.avca4j.sdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable vocabulary: class names, roles, their θw, and the candidate columns a clip is scored
 * against. Changes make a new instance, so that a classification in progress keeps seeing the one
 * it started with.
 *
 * <p>Column order: the card's classes in card order, then added classes in the order they were
 * added. Candidates are a subset of columns in that order; ties go to the earlier column.
 */
final class Vocabulary {

    private final List<String> names;
    private final List<ClassRole> roles;
    private final float[] thetaW;
    private final int dim;
    private final Set<String> restriction;
    private final ClassificationMode mode;
    private final int[] candidates;
    private final boolean[] stacked;
    private final Map<String, Integer> index;

    Vocabulary(
            List<String> names,
            List<ClassRole> roles,
            float[] thetaW,
            int dim,
            Set<String> restriction,
            ClassificationMode mode) {
        this.names = List.copyOf(names);
        this.roles = List.copyOf(roles);
        this.thetaW = thetaW;
        this.dim = dim;
        this.restriction =
                restriction == null
                        ? null
                        : Collections.unmodifiableSet(new LinkedHashSet<>(restriction));
        this.mode = mode;
        this.index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] cand = new int[names.size()];
        int k = 0;
        for (int i = 0; i < names.size(); i++) {
            boolean chosen = this.restriction == null || this.restriction.contains(names.get(i));
            if (chosen && (mode == ClassificationMode.GZSL || !roles.get(i).isSeen())) {
                cand[k++] = i;
            }
        }
        this.candidates = Arrays.copyOf(cand, k);
        this.stacked = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            stacked[i] = mode == ClassificationMode.GZSL && roles.get(i).isSeen();
        }
    }

    /**
     * @throws IllegalStateException if no class is a candidate
     */
    void requireCandidates() {
        if (candidates.length == 0) {
            throw new IllegalStateException(
                    "empty candidate set: no "
                            + (mode == ClassificationMode.ZSL ? "unseen or added " : "")
                            + "class among "
                            + (restriction == null
                                    ? names.size() + " vocabulary classes"
                                    : "the chosen candidates " + restriction)
                            + " in "
                            + mode
                            + " mode; add classes or choose other candidates");
        }
    }

    int size() {
        return names.size();
    }

    List<String> names() {
        return names;
    }

    ClassRole role(int column) {
        return roles.get(column);
    }

    /** Column of a class, or -1. */
    int column(String name) {
        return index.getOrDefault(name, -1);
    }

    float[] thetaW() {
        return thetaW;
    }

    int dim() {
        return dim;
    }

    int[] candidates() {
        return candidates;
    }

    /**
     * @throws IllegalArgumentException if the name is taken
     */
    Vocabulary with(String name, ClassRole role, float[] thetaWRow) {
        if (index.containsKey(name)) {
            throw new IllegalArgumentException(
                    "duplicate class name: '" + name + "' is already in the vocabulary");
        }
        List<String> n = new ArrayList<>(names);
        n.add(name);
        List<ClassRole> r = new ArrayList<>(roles);
        r.add(role);
        float[] t = Arrays.copyOf(thetaW, thetaW.length + dim);
        System.arraycopy(thetaWRow, 0, t, thetaW.length, dim);
        return new Vocabulary(n, r, t, dim, restriction, mode);
    }

    /**
     * @throws IllegalArgumentException if the name is unknown
     */
    Vocabulary without(String name) {
        int col = requireColumn(name);
        List<String> n = new ArrayList<>(names);
        n.remove(col);
        List<ClassRole> r = new ArrayList<>(roles);
        r.remove(col);
        float[] t = new float[thetaW.length - dim];
        System.arraycopy(thetaW, 0, t, 0, col * dim);
        System.arraycopy(thetaW, (col + 1) * dim, t, col * dim, thetaW.length - (col + 1) * dim);
        Set<String> rest = null;
        if (restriction != null) {
            rest = new LinkedHashSet<>(restriction);
            rest.remove(name);
        }
        return new Vocabulary(n, r, t, dim, rest, mode);
    }

    /**
     * @param chosen the candidate names, or null for every class
     * @throws IllegalArgumentException if {@code chosen} is empty or a name is unknown
     */
    Vocabulary restrictedTo(Collection<String> chosen) {
        if (chosen != null) {
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException(
                        "empty candidate set: choose at least one class");
            }
            for (String name : chosen) {
                requireColumn(name);
            }
        }
        return new Vocabulary(
                names,
                roles,
                thetaW,
                dim,
                chosen == null ? null : new LinkedHashSet<>(chosen),
                mode);
    }

    private int requireColumn(String name) {
        Integer col = index.get(name);
        if (col == null) {
            throw new IllegalArgumentException(
                    "unknown class '" + name + "': not in the vocabulary");
        }
        return col;
    }

    /**
     * Ranks the candidates for one clip embedding.
     *
     * @param theta the clip's embedding, {@code dim} floats starting at {@code offset}
     * @param beta added to the distance of seen candidates (GZSL)
     * @param k how many to return
     */
    Prediction rank(float[] theta, int offset, double beta, int k) {
        int m = candidates.length;
        int keep = Math.min(k, m);
        int[] topCol = new int[keep];
        double[] topScore = new double[keep];
        double[] topDist = new double[keep];
        int filled = 0;
        for (int c : candidates) {
            double sq = 0;
            int w = c * dim;
            for (int j = 0; j < dim; j++) {
                double diff = (double) theta[offset + j] - thetaW[w + j];
                sq += diff * diff;
            }
            double dist = Math.sqrt(sq);
            double score = stacked[c] ? dist + beta : dist;
            // Insertion into the sorted top list; strict comparison keeps the earlier column first
            // on ties.
            int pos = filled;
            while (pos > 0 && score < topScore[pos - 1]) {
                pos--;
            }
            if (pos >= keep) {
                continue;
            }
            int last = Math.min(filled, keep - 1);
            System.arraycopy(topCol, pos, topCol, pos + 1, last - pos);
            System.arraycopy(topScore, pos, topScore, pos + 1, last - pos);
            System.arraycopy(topDist, pos, topDist, pos + 1, last - pos);
            topCol[pos] = c;
            topScore[pos] = score;
            topDist[pos] = dist;
            if (filled < keep) {
                filled++;
            }
        }
        List<RankedClass> ranked = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            ranked.add(
                    new RankedClass(
                            names.get(topCol[i]), roles.get(topCol[i]), topDist[i], topScore[i]));
        }
        return Prediction.of(ranked);
    }

    /** The effective candidates' names, in column order. */
    List<String> candidateNames() {
        List<String> out = new ArrayList<>(candidates.length);
        for (int c : candidates) {
            out.add(names.get(c));
        }
        return out;
    }
}
