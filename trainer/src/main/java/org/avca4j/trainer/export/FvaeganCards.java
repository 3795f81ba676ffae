package org.avca4j.trainer.export;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.fvaegan.Figures;
import org.avca4j.trainer.method.fvaegan.FixedClassClassifier;
import org.avca4j.trainer.method.fvaegan.FvaeganResult;

/**
 * The model card of f-VAEGAN-D2's exported GZSL classifier (docs/model-format.md): scoring rule
 * {@code fixed_classes}, one class per output column (ascending ids, seen = a stage-2 training
 * class, unseen = a test-unseen class), β 0 (no calibrated stacking), and the run's settings,
 * epochs and figures — with the epoch selection that produced them.
 */
public final class FvaeganCards {

    private FvaeganCards() {}

    /**
     * The card of a run's reported classifier.
     *
     * @throws IllegalArgumentException if the classifier's widths or classes do not match the
     *     benchmark
     */
    public static ModelCard of(Benchmark benchmark, FvaeganResult result) {
        FixedClassClassifier c = result.classifier();
        int[] ids = c.classIds();
        boolean[] seen = c.seen();
        ModelCards.Builder b =
                ModelCards.builder()
                        .setDataset(benchmark.dataset(), benchmark.featureSet(), benchmark.split())
                        .setDims(c.audioDim(), c.videoDim(), benchmark.textDim(), ids.length)
                        .setBeta(0)
                        .optScoringRule(ScoringRule.FIXED_CLASSES)
                        .optTextOrder(result.textOrder())
                        .optSeed(result.seed());
        for (int j = 0; j < ids.length; j++) {
            if (ids[j] < 0 || ids[j] >= benchmark.classCount()) {
                throw new IllegalArgumentException(
                        "classifier column "
                                + j
                                + " names class "
                                + ids[j]
                                + ", not a class of the benchmark");
            }
            b.addClass(
                    benchmark.classNames().get(ids[j]),
                    ids[j],
                    seen[j] ? ClassRole.SEEN : ClassRole.UNSEEN,
                    benchmark.embeddings()[ids[j]]);
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("method", result.method());
        training.put("settings", result.settings());
        Map<String, Object> validation = figures(result.validation());
        validation.put("epoch", result.validationEpoch());
        Map<String, Object> test = figures(result.test());
        test.put("epoch", result.testEpoch());
        test.put("gzsl_classifier_epoch", result.testGzslEpoch());
        test.put("zsl_classifier_epoch", result.testZslEpoch());
        test.put("selection", result.selection().id());
        return b.optTraining(training).optValidation(validation).optTest(test).build();
    }

    private static Map<String, Object> figures(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seen", f.seen());
        m.put("unseen", f.unseen());
        m.put("harmonic_mean", f.harmonicMean());
        m.put("zsl", f.zsl());
        return m;
    }
}
