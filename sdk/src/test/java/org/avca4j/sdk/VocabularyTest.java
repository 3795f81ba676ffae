package org.avca4j.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranking with calibrated stacking on 2-d embeddings whose distances are worked out by hand. */
class VocabularyTest {

    // θw: s1 = (0, 0) seen, u1 = (3, 0) unseen, s2 = (0, 4) seen, u2 = (3, 4) unseen.
    private static final float[] THETA_W = {0, 0, 3, 0, 0, 4, 3, 4};
    private static final List<String> NAMES = List.of("s1", "u1", "s2", "u2");
    private static final List<ClassRole> ROLES =
            List.of(ClassRole.SEEN, ClassRole.UNSEEN, ClassRole.SEEN, ClassRole.UNSEEN);

    private static final Object OWNER = new Object();

    /** Ranks the effective candidates of {@code v} for the clip whose 2-d θ starts at offset. */
    private static Prediction rank(Vocabulary v, float[] theta, int offset, double beta, int k) {
        int clip = offset / 2;
        return v.candidates().rank(theta, clip + 1, beta, k).get(clip);
    }

    private static Vocabulary vocabulary(ClassificationMode mode) {
        return new Vocabulary(OWNER, NAMES, ROLES, THETA_W, 2, null, mode);
    }

    @Test
    void betaIsAddedToSeenClassesOnly() {
        // Clip at (1, 0): d = 1 (s1), 2 (u1), √17 = 4.123 (s2), √20 = 4.472 (u2).
        float[] clip = {1, 0};
        Prediction p0 = rank(vocabulary(ClassificationMode.GZSL), clip, 0, 0.0, 4);
        assertEquals(
                List.of("s1", "u1", "s2", "u2"),
                p0.topK().stream().map(RankedClass::label).toList());
        assertEquals(1.0, p0.distance(), 1e-12);
        // β = 0.8: s1 → 1.8 still below u1 = 2.
        assertEquals("s1", rank(vocabulary(ClassificationMode.GZSL), clip, 0, 0.8, 1).label());
        // β = 1.2: s1 → 2.2 above u1 = 2; s2 → 5.123 now after u2 = 4.472.
        Prediction p = rank(vocabulary(ClassificationMode.GZSL), clip, 0, 1.2, 4);
        assertEquals(
                List.of("u1", "s1", "u2", "s2"),
                p.topK().stream().map(RankedClass::label).toList());
        assertEquals(2.0, p.distance(), 1e-12);
        assertEquals(2.0, p.calibratedDistance(), 1e-12);
        assertEquals(1.0, p.topK().get(1).distance(), 1e-12);
        assertEquals(2.2f, (float) p.topK().get(1).calibratedDistance());
        assertEquals((float) Math.sqrt(17) + 1.2f, (float) p.topK().get(3).calibratedDistance());
    }

    @Test
    void tiesGoToTheEarlierColumn() {
        // Clip at (1.5, 0): d(s1) = d(u1) = 1.5; with β = 0 column 0 wins, and keeps its place in
        // the top list.
        Prediction p = rank(vocabulary(ClassificationMode.GZSL), new float[] {1.5f, 0}, 0, 0.0, 2);
        assertEquals(List.of("s1", "u1"), p.topK().stream().map(RankedClass::label).toList());
        // Clip at (1.5, 2): all four at 2.5; top-3 keeps column order.
        Prediction q = rank(vocabulary(ClassificationMode.GZSL), new float[] {1.5f, 2}, 0, 0.0, 3);
        assertEquals(List.of("s1", "u1", "s2"), q.topK().stream().map(RankedClass::label).toList());
    }

    @Test
    void zslScoresUnseenClassesWithoutBeta() {
        Vocabulary v = vocabulary(ClassificationMode.ZSL);
        assertEquals(List.of("u1", "u2"), v.candidateNames());
        Prediction p = rank(v, new float[] {0, 0}, 0, 5.0, 5);
        assertEquals("u1", p.label());
        assertEquals(3.0, p.calibratedDistance(), 1e-12);
        assertEquals(2, p.topK().size());
    }

    @Test
    void addRemoveAndRestrictKeepColumnOrder() {
        Vocabulary v =
                vocabulary(ClassificationMode.GZSL)
                        .with("new", ClassRole.ADDED, new float[] {1, 0});
        assertEquals("new", rank(v, new float[] {1, 0}, 0, 0.5, 1).label());
        Vocabulary r = v.restrictedTo(List.of("u2", "s1"));
        assertEquals(List.of("s1", "u2"), r.candidateNames());
        Vocabulary w = r.without("s1");
        assertEquals(List.of("u2"), w.candidateNames());
        assertEquals(List.of("u1", "s2", "u2", "new"), w.names());
        // θw rows follow their classes when a column is removed: "new" is still at (1, 0).
        assertEquals("new", rank(w.restrictedTo(null), new float[] {1, 0}, 0, 0.0, 1).label());
        Vocabulary none = w.without("u2");
        assertThrows(IllegalStateException.class, none::requireCandidates);
        assertThrows(
                IllegalArgumentException.class,
                () -> v.with("u1", ClassRole.ADDED, new float[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> v.restrictedTo(List.of()));
        assertThrows(IllegalArgumentException.class, () -> v.without("missing"));
    }

    @Test
    void rowOffsetSelectsTheClip() {
        float[] two = {9, 9, 3, 4};
        assertEquals("u2", rank(vocabulary(ClassificationMode.GZSL), two, 2, 0.0, 1).label());
    }
}
