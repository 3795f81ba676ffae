package org.avca4j.sdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable vocabulary: class names, roles, their θw, and the classifier-wide candidate choice.
 * Changes make a new instance, so that a classification in progress keeps seeing the one it started
 * with. The effective candidates are made once per instance, as a {@link CandidateSet}.
 *
 * <p>Column order: the card's classes in card order, then added classes in the order they were
 * added. Candidates are a subset of columns in that order; ties go to the earlier column.
 */
final class Vocabulary {

    private final Object owner;
    private final List<String> names;
    private final List<ClassRole> roles;
    private final float[] thetaW;
    private final int dim;
    private final Set<String> restriction;
    private final ClassificationMode mode;
    private final Map<String, Integer> index;
    private final CandidateSet candidates;

    /**
     * @param owner the classifier whose candidate sets these are
     * @param thetaW {@code [names.size() * dim]}, owned by the vocabulary
     * @param restriction the chosen candidates, or null for all
     */
    Vocabulary(
            Object owner,
            List<String> names,
            List<ClassRole> roles,
            float[] thetaW,
            int dim,
            Set<String> restriction,
            ClassificationMode mode) {
        this.owner = owner;
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
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (this.restriction == null || this.restriction.contains(names.get(i))) {
                chosen.add(i);
            }
        }
        this.candidates = subset(chosen, List.of(), new float[0]);
    }

    /**
     * @throws IllegalStateException if no class is a candidate
     */
    void requireCandidates() {
        if (candidates.size() == 0) {
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

    /** The effective candidates of the classifier-wide choice (possibly empty). */
    CandidateSet candidates() {
        return candidates;
    }

    /** The effective candidates' names, in column order. */
    List<String> candidateNames() {
        return candidates.names();
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
        return new Vocabulary(owner, n, r, t, dim, restriction, mode);
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
        return new Vocabulary(owner, n, r, t, dim, rest, mode);
    }

    /**
     * @param chosen the candidate names, or null for every class
     * @throws IllegalArgumentException if {@code chosen} is empty or a name is unknown
     */
    Vocabulary restrictedTo(Collection<String> chosen) {
        if (chosen != null) {
            requireChoice(chosen);
        }
        return new Vocabulary(
                owner,
                names,
                roles,
                thetaW,
                dim,
                chosen == null ? null : new LinkedHashSet<>(chosen),
                mode);
    }

    /**
     * A candidate set of vocabulary classes, in column order, then new classes.
     *
     * @param chosen vocabulary class names
     * @param added names of new classes (role {@link ClassRole#ADDED}), not in the vocabulary
     * @param addedThetaW their θw, {@code [added.size() * dim]}
     * @throws IllegalArgumentException if nothing is chosen, a chosen name is unknown, an added
     *     name is in the vocabulary, or in ZSL mode no class is left
     */
    CandidateSet candidateSet(Collection<String> chosen, List<String> added, float[] addedThetaW) {
        if (chosen.isEmpty() && added.isEmpty()) {
            throw new IllegalArgumentException("empty candidate set: choose at least one class");
        }
        if (!chosen.isEmpty()) {
            requireChoice(chosen);
        }
        for (String name : added) {
            if (index.containsKey(name)) {
                throw new IllegalArgumentException(
                        "duplicate class name: '"
                                + name
                                + "' is already in the vocabulary; add it by name only");
            }
        }
        Set<String> pick = new HashSet<>(chosen);
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (pick.contains(names.get(i))) {
                columns.add(i);
            }
        }
        CandidateSet set = subset(columns, added, addedThetaW);
        if (set.size() == 0) {
            throw new IllegalArgumentException(
                    "empty candidate set: the chosen classes "
                            + chosen
                            + " are all seen, and ZSL mode scores unseen and added classes only");
        }
        return set;
    }

    /** The given columns (seen ones dropped in ZSL mode), then the added classes. */
    private CandidateSet subset(List<Integer> columns, List<String> added, float[] addedThetaW) {
        List<String> n = new ArrayList<>();
        List<ClassRole> r = new ArrayList<>();
        float[] t = new float[(columns.size() + added.size()) * dim];
        for (int col : columns) {
            if (mode == ClassificationMode.ZSL && roles.get(col).isSeen()) {
                continue;
            }
            System.arraycopy(thetaW, col * dim, t, n.size() * dim, dim);
            n.add(names.get(col));
            r.add(roles.get(col));
        }
        for (int i = 0; i < added.size(); i++) {
            System.arraycopy(addedThetaW, i * dim, t, n.size() * dim, dim);
            n.add(added.get(i));
            r.add(ClassRole.ADDED);
        }
        return new CandidateSet(owner, n, r, Arrays.copyOf(t, n.size() * dim), dim);
    }

    private void requireChoice(Collection<String> chosen) {
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("empty candidate set: choose at least one class");
        }
        for (String name : chosen) {
            requireColumn(name);
        }
    }

    private int requireColumn(String name) {
        Integer col = index.get(name);
        if (col == null) {
            throw new IllegalArgumentException(
                    "unknown class '" + name + "': not in the vocabulary");
        }
        return col;
    }
}
