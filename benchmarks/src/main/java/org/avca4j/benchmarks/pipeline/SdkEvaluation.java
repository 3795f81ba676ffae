package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.avca4j.sdk.CandidateSet;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.RankedClass;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.sdk.evaluation.CalibratedStacking;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.sequence.SequenceClipSet;

/**
 * Evaluates an exported model on a benchmark's test clips through the SDK: the one code path of
 * {@code evaluate} and of {@code reproduce}, so that both print the same figures.
 *
 * <p>The {@link ZeroShotClassifier} classifies every test clip once, against a {@link CandidateSet}
 * of the test candidates, ranking all of them; the distances of those rankings form the distance
 * matrix from which the SDK's GZSL metrics compute S, U, HM and ZSL (candidates by ascending class
 * id, β added to the seen classes) — the computation the protocol's own test runs on the SameDiff
 * network. Classifier and metrics score with one kernel ({@link
 * org.avca4j.sdk.evaluation.ScoringKernel}), so the result's count of clips whose classifier label
 * is the metric's prediction is every clip unless the card lists its classes in another order than
 * ascending class id (ties then fall differently).
 */
public final class SdkEvaluation {

    /** Clips per model run: bounds the memory of one batch on the large benchmarks. */
    private static final int CHUNK = 1024;

    private SdkEvaluation() {}

    /**
     * The test figures of a model.
     *
     * @param card the model's card
     * @param figures S, U, HM, ZSL (fractions) at {@link GzslResult#beta()}
     * @param clips test clips evaluated
     * @param classifierAgreements clips whose {@link ZeroShotClassifier} label equals the metric's
     *     prediction
     */
    public record Result(ModelCard card, GzslResult figures, int clips, int classifierAgreements) {

        /** The figures in percent: S, U, HM, ZSL. */
        public double[] percent() {
            return new double[] {
                100 * figures.seen(),
                100 * figures.unseen(),
                100 * figures.harmonicMean(),
                100 * figures.zsl()
            };
        }
    }

    /**
     * Evaluates {@code model} on the test clips of {@code benchmark}.
     *
     * @param model an exported AVCA model
     * @param benchmark the benchmark it was trained on, read with its text order
     * @param beta the calibration; empty for the card's β*
     * @return the figures
     * @throws IllegalArgumentException if the benchmark does not match the model card (dataset,
     *     feature set, split, text order, class names and ids, text embeddings, seen/unseen roles
     *     of the test classes), or β is not finite
     * @throws IOException if the model cannot be loaded (missing file, no valid card)
     */
    public static Result evaluate(Path model, Benchmark benchmark, OptionalDouble beta)
            throws IOException {
        return evaluate(model, benchmark, null, beta);
    }

    /**
     * As {@link #evaluate(Path, Benchmark, OptionalDouble)}; a sequence model (TCaF) classifies the
     * test clips of {@code testSequences}, the same clips as the benchmark's test set.
     *
     * @param testSequences the test clips as feature sequences, or null for a vector model
     * @throws IllegalArgumentException as {@link #evaluate(Path, Benchmark, OptionalDouble)}, or if
     *     the model takes sequences and none (or a set of another size) is given
     * @throws IOException as {@link #evaluate(Path, Benchmark, OptionalDouble)}
     */
    public static Result evaluate(
            Path model, Benchmark benchmark, SequenceClipSet testSequences, OptionalDouble beta)
            throws IOException {
        ZeroShotClassifier.Builder builder =
                ZeroShotClassifier.builder().setModel(model).optTopK(Integer.MAX_VALUE);
        beta.ifPresent(builder::optBeta);
        try (ZeroShotClassifier classifier = builder.build()) {
            ModelCard card = classifier.card();
            requireMatch(card, benchmark, model);
            if (classifier.takesSequences()) {
                if (testSequences == null || testSequences.size() != benchmark.test().size()) {
                    throw new IllegalArgumentException(
                            model
                                    + " takes feature sequences: the evaluation needs the "
                                    + benchmark.test().size()
                                    + " test clips as sequences, got "
                                    + (testSequences == null
                                            ? "none"
                                            : testSequences.size() + " clips"));
                }
            }
            return evaluate(classifier, benchmark, testSequences, model);
        }
    }

    private static Result evaluate(
            ZeroShotClassifier classifier,
            Benchmark benchmark,
            SequenceClipSet sequences,
            Path model) {
        ModelCard card = classifier.card();
        ClipSet test = benchmark.test();
        int[] candidates = test.candidateClasses();
        boolean[] seen = new boolean[candidates.length];
        List<String> names = new ArrayList<>(candidates.length);
        Map<String, Integer> column = new HashMap<>();
        for (int j = 0; j < candidates.length; j++) {
            String name = benchmark.classNames().get(candidates[j]);
            seen[j] = test.isSeen(candidates[j]);
            if (classifier.role(name).isSeen() != seen[j]) {
                throw new IllegalArgumentException(
                        model
                                + ": class '"
                                + name
                                + "' is "
                                + classifier.role(name)
                                + " in the model card but "
                                + (seen[j] ? "seen" : "unseen")
                                + " in the test split of "
                                + benchmark.dataset()
                                + " "
                                + benchmark.split()
                                + "; the model was trained on another split");
            }
            names.add(name);
            column.put(name, j);
        }
        CandidateSet set = classifier.candidateSet(names);

        int m = candidates.length;
        float[] d = new float[test.size() * m];
        String[] labels = new String[test.size()];
        for (int start = 0; start < test.size(); start += CHUNK) {
            int n = Math.min(CHUNK, test.size() - start);
            List<Prediction> predictions =
                    classifier.takesSequences()
                            ? classifier.classifySequences(
                                    Arrays.copyOfRange(sequences.audio(), start, start + n),
                                    Arrays.copyOfRange(sequences.video(), start, start + n),
                                    set)
                            : classifier.classifyBatch(
                                    rows(test.audio(), test.audioDim(), start, n),
                                    rows(test.video(), test.videoDim(), start, n),
                                    set);
            for (int i = 0; i < n; i++) {
                Prediction p = predictions.get(i);
                if (p.topK().size() != m) {
                    throw new IllegalStateException(
                            "the classifier ranked "
                                    + p.topK().size()
                                    + " of "
                                    + m
                                    + " candidates");
                }
                labels[start + i] = p.label();
                // The ranking lists every candidate (top-k is unbounded): its distances are the
                // row of the distance matrix, exactly (a float widened to double and back).
                for (RankedClass c : p.topK()) {
                    d[(start + i) * m + column.get(c.label())] = (float) c.distance();
                }
            }
        }
        DistanceMatrix distances = DistanceMatrix.of(d, test.size(), candidates, seen);
        double beta = classifier.beta();
        GzslResult figures = GzslEvaluator.evaluate(distances, test.labels(), beta);
        int[] predicted = CalibratedStacking.predict(distances, beta);
        int agreements = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (benchmark.classNames().get(predicted[i]).equals(labels[i])) {
                agreements++;
            }
        }
        return new Result(card, figures, test.size(), agreements);
    }

    /**
     * Checks that the benchmark is the one the model was trained on.
     *
     * @throws IllegalArgumentException naming the first field that differs
     */
    static void requireMatch(ModelCard card, Benchmark benchmark, Path model) {
        String where = model + ": the model card";
        requireEqual(
                where,
                "dataset",
                card.dataset().folder(),
                benchmark.dataset().folder(),
                "--dataset");
        requireEqual(
                where,
                "feature_set",
                card.featureSet().folder(),
                benchmark.featureSet().folder(),
                "--features");
        requireEqual(where, "split", card.split().folder(), benchmark.split().folder(), "--split");
        requireEqual(
                where,
                "text_order",
                card.textOrder().label(),
                benchmark.textOrder().label(),
                "--text-order");
        List<ModelCard.CardClass> classes = card.classes();
        // A fixed-class model (f-VAEGAN-D2) lists the classes of its classifier only: those of the
        // split, which may be fewer than all_class.txt.
        if (card.scoringRule() != ScoringRule.FIXED_CLASSES
                && classes.size() != benchmark.classCount()) {
            throw new IllegalArgumentException(
                    where
                            + " lists "
                            + classes.size()
                            + " classes but "
                            + benchmark.dataset()
                            + " has "
                            + benchmark.classCount()
                            + " in all_class.txt");
        }
        for (ModelCard.CardClass c : classes) {
            if (c.id() < 0 || c.id() >= benchmark.classCount()) {
                throw new IllegalArgumentException(
                        where
                                + " gives class '"
                                + c.name()
                                + "' the id "
                                + c.id()
                                + ", outside the benchmark's 0.."
                                + (benchmark.classCount() - 1));
            }
            String name = benchmark.classNames().get(c.id());
            if (!name.equals(c.name())) {
                throw new IllegalArgumentException(
                        where
                                + " names class id "
                                + c.id()
                                + " '"
                                + c.name()
                                + "' but in the benchmark class "
                                + c.id()
                                + " is '"
                                + name
                                + "'");
            }
            if (!Arrays.equals(c.embedding(), benchmark.embeddings()[c.id()])) {
                throw new IllegalArgumentException(
                        where
                                + " holds another text embedding for class '"
                                + c.name()
                                + "' than the benchmark's text file: the model was trained on other text embeddings");
            }
        }
    }

    private static void requireEqual(
            String where, String field, String inCard, String inData, String option) {
        if (!inData.equals(inCard)) {
            throw new IllegalArgumentException(
                    where
                            + " has "
                            + field
                            + " '"
                            + inCard
                            + "' but the benchmark read has '"
                            + inData
                            + "'; read the benchmark the model was trained on ("
                            + option
                            + ")");
        }
    }

    private static float[][] rows(float[] flat, int width, int start, int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, (start + i) * width, (start + i + 1) * width);
        }
        return out;
    }
}
