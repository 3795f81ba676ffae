package org.avca4j.sdk;

import static org.avca4j.sdk.ZeroShotClassifierErrorsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-request candidate sets on {@link TinyModels}: seen "a" at θw (2,0,0), unseen "b" at (0,2,0),
 * seen "c" at (0,0,2), β* 0.6.
 */
class CandidateSetTest {

    private static final byte[] MODEL = TinyModels.model(TinyModels.abcCard());
    private static final float[] NO_AUDIO = {0, 0};

    private static ZeroShotClassifier open() throws Exception {
        return ZeroShotClassifier.builder().setModel(MODEL).optBeta(0).build();
    }

    @Test
    void aSetOfVocabularyClassesIsScoredWithoutTouchingTheDefault() throws Exception {
        try (ZeroShotClassifier c = open()) {
            CandidateSet bc = c.candidateSet(List.of("c", "b"));
            assertEquals(
                    List.of("b", "c"), bc.names(), "vocabulary order, whatever the order given");
            assertEquals(2, bc.size());
            assertTrue(bc.contains("c"));
            assertFalse(bc.contains("a"));
            assertEquals(ClassRole.SEEN, bc.role("c"));
            assertArrayEquals(new float[] {0, 2, 0}, bc.classEmbedding("b"));
            // θv = (2, 0, 0.2): with the set, c at √(4 + 3.24) beats b at √(4 + 4 + 0.04); by
            // default a at 0.2 wins.
            float[] v = {2, 0, 0.2f};
            Prediction p = c.classify(NO_AUDIO, v, bc);
            assertEquals("c", p.label());
            assertEquals(Math.sqrt(7.24), p.distance(), 1e-6);
            assertEquals(List.of("c", "b"), p.topK().stream().map(RankedClass::label).toList());
            assertEquals("a", c.classify(NO_AUDIO, v).label());
            assertEquals(List.of("a", "b", "c"), c.candidates());
            List<Prediction> batch =
                    c.classifyBatch(new float[][] {NO_AUDIO, NO_AUDIO}, new float[][] {v, v}, bc);
            assertEquals(List.of(p, p), batch);
        }
    }

    @Test
    void theDefaultSetIsASnapshot() throws Exception {
        try (ZeroShotClassifier c = open()) {
            c.setCandidates(List.of("a", "b"));
            CandidateSet before = c.candidateSet();
            assertEquals(List.of("a", "b"), before.names());
            c.useAllCandidates();
            c.removeClass("a");
            assertEquals(List.of("a", "b"), before.names());
            // "a" is gone from the vocabulary but the set still scores it with its θw (2,0,0).
            assertEquals("a", c.classify(NO_AUDIO, new float[] {2, 0, 0}, before).label());
            assertEquals("b", c.classify(NO_AUDIO, new float[] {2, 0, 0}).label());
        }
    }

    @Test
    void newClassesGetTheirThetaWOnceWhenTheSetIsBuilt() throws Exception {
        try (ZeroShotClassifier c = open()) {
            CandidateSet set =
                    c.candidateSetBuilder()
                            .addClass("new", new float[] {3, 4, 0, 0})
                            .addClasses(List.of("c", "a"))
                            .addClass("origin", new float[] {0, 0, 0, 7})
                            .build();
            // Vocabulary classes first, in vocabulary order, then new ones in the order added.
            assertEquals(List.of("a", "c", "new", "origin"), set.names());
            assertEquals(ClassRole.ADDED, set.role("new"));
            // (3, 4, 0, 0) → unit (0.6, 0.8, 0, 0) → θw (1.2, 1.6, 0); (0,0,0,7) → θw (0, 0, 0).
            assertArrayEquals(new float[] {1.2f, 1.6f, 0}, set.classEmbedding("new"), 1e-6f);
            assertArrayEquals(new float[] {0, 0, 0}, set.classEmbedding("origin"));
            Prediction p = c.classify(NO_AUDIO, new float[] {1.2f, 1.6f, 0}, set);
            assertEquals("new", p.label());
            assertEquals(0, p.distance(), 1e-6);
            // θv = (0.1, 0, 0): origin at 0.1 beats a at 1.9.
            assertEquals("origin", c.classify(NO_AUDIO, new float[] {0.1f, 0, 0}, set).label());
            // The vocabulary does not learn the set's new classes.
            assertEquals(List.of("a", "b", "c"), c.classNames());
            assertThrows(IllegalArgumentException.class, () -> c.role("new"));
        }
    }

    @Test
    void zslSetsHoldNoSeenClass() throws Exception {
        try (ZeroShotClassifier c =
                ZeroShotClassifier.builder()
                        .setModel(MODEL)
                        .optMode(ClassificationMode.ZSL)
                        .build()) {
            assertEquals(List.of("b"), c.candidateSet(List.of("a", "b")).names());
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSet(List.of("a", "c")),
                    "empty candidate set",
                    "ZSL");
            CandidateSet set =
                    c.candidateSetBuilder()
                            .addClass("a")
                            .addClass("d", new float[] {0, 0, 1, 0})
                            .build();
            assertEquals(List.of("d"), set.names());
            // θv = (2, 0, 0) sits on seen "a", but only "d" at (0, 0, 2) competes: d = √8.
            assertEquals(
                    Math.sqrt(8),
                    c.classify(NO_AUDIO, new float[] {2, 0, 0}, set).distance(),
                    1e-6);
        }
    }

    @Test
    void badSetsAreRejectedWithTheReason() throws Exception {
        try (ZeroShotClassifier c = open();
                ZeroShotClassifier other = open()) {
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSet(List.of()),
                    "empty candidate set");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSet(List.of("a", "zz")),
                    "unknown class 'zz'");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSetBuilder().build(),
                    "empty candidate set");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSetBuilder().addClass("b", new float[] {1, 0, 0, 0}).build(),
                    "duplicate class name: 'b'",
                    "vocabulary");
            CandidateSet.Builder twice =
                    c.candidateSetBuilder().addClass("x", new float[] {1, 0, 0, 0});
            assertMessage(
                    IllegalArgumentException.class,
                    () -> twice.addClass("x", new float[] {0, 1, 0, 0}),
                    "duplicate class name: 'x'");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSetBuilder().addClass("z", new float[4]),
                    "all zeros");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSetBuilder().addClass("w", new float[3]),
                    "expected 4");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.candidateSetBuilder().addClass("", new float[] {1, 0, 0, 0}),
                    "null or empty");
            assertThrows(NullPointerException.class, () -> c.candidateSet(null));
            CandidateSet foreign = other.candidateSet(List.of("a"));
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.classify(NO_AUDIO, new float[3], foreign),
                    "made by another classifier");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> c.classify(NO_AUDIO, new float[3], null),
                    "candidate set is null");
            CandidateSet a = c.candidateSet(List.of("a"));
            assertMessage(IllegalArgumentException.class, () -> a.role("b"), "unknown class 'b'");
            assertMessage(
                    IllegalArgumentException.class,
                    () -> a.classEmbedding("b"),
                    "unknown class 'b'");
        }
    }

    @Test
    void aBuilderOfAClosedClassifierFailsToBuild() throws Exception {
        ZeroShotClassifier c = open();
        CandidateSet.Builder b = c.candidateSetBuilder().addClass("a");
        c.close();
        assertMessage(IllegalStateException.class, b::build, "closed");
    }
}
