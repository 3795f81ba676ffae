package org.avca4j.trainer.method.fvaegan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * f-VAEGAN-D2's whole protocol (docs/baselines.md#f-vaegan-d2), the entry point of the command
 * line's {@code reproduce --methods fvaegan}: it does not fit the shared epoch loop, since its
 * evaluation trains softmax classifiers on synthesised features, without calibrated stacking, and
 * chooses its own epochs.
 *
 * <ul>
 *   <li>Stage 1 trains on the stage-1 training clips and evaluates every GAN epoch on stage-1
 *       validation; its GAN epoch is the highest H (first maximum), its classifier epochs those of
 *       the two classifiers at that GAN epoch.
 *   <li>{@link EpochSelection#STAGE1_VALIDATION} (default): stage 2 trains on the stage-2 clips to
 *       that GAN epoch and reports the test figures at those classifier epochs.
 *   <li>{@link EpochSelection#TEST_SET_REFERENCE}: stage 2 evaluates every GAN epoch on the test
 *       set and reports the best, as the reference does.
 * </ul>
 */
public final class FvaeganProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(FvaeganProtocol.class);

    /** The reference's seed. */
    public static final long DEFAULT_SEED = 42;

    private FvaeganProtocol() {}

    /**
     * {@link #run(Benchmark, FvaeganSettings, Path, long)} with seed 42.
     *
     * @throws IOException if the result cannot be written
     */
    public static FvaeganResult run(Benchmark benchmark, FvaeganSettings settings, Path runFolder)
            throws IOException {
        return run(benchmark, settings, runFolder, DEFAULT_SEED);
    }

    /**
     * Runs both stages and writes {@value FvaeganResult#FILE_NAME} into {@code runFolder}
     * atomically.
     *
     * @param runFolder created if missing
     * @throws IOException if the folder or the result cannot be written
     * @throws IllegalArgumentException if a validation or test set has no unseen class
     */
    public static FvaeganResult run(
            Benchmark benchmark, FvaeganSettings settings, Path runFolder, long seed)
            throws IOException {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(runFolder, "runFolder");
        Files.createDirectories(runFolder);
        LOG.info(
                "f-VAEGAN-D2 on {}: schedule {}, epochs chosen by {}",
                benchmark.dataset(),
                settings.schedule().id(),
                settings.selection().id());

        // Stage 1: every epoch on validation.
        List<EpochSummary> stage1 = new ArrayList<>();
        List<FvaeganEvaluation.EpochFigures> stage1Figures = new ArrayList<>();
        train(
                benchmark,
                benchmark.stage1Train(),
                benchmark.stage1Val(),
                settings,
                seed,
                settings.epochs(),
                e -> -1,
                stage1,
                stage1Figures);
        int valEpoch = bestEpoch(stage1Figures);
        FvaeganEvaluation.EpochFigures chosen = stage1Figures.get(valEpoch);
        int gzslEpoch = chosen.gzsl().best();
        int zslEpoch = chosen.zsl().best();
        Figures validation = Figures.at(chosen, gzslEpoch, zslEpoch);
        LOG.info(
                "f-VAEGAN-D2 stage 1: GAN epoch {}, classifier epochs {} (GZSL) and {} (ZSL): {}",
                valEpoch,
                gzslEpoch,
                zslEpoch,
                validation);

        // Stage 2: on the test set.
        List<EpochSummary> stage2 = new ArrayList<>();
        List<FvaeganEvaluation.EpochFigures> stage2Figures = new ArrayList<>();
        int testEpoch;
        int testGzsl;
        int testZsl;
        FvaeganEvaluation.EpochFigures reported;
        // At stage-1 validation: train to E* and keep the classifier of its GZSL epoch there.
        boolean atValidation = settings.selection() == EpochSelection.STAGE1_VALIDATION;
        train(
                benchmark,
                benchmark.stage2Train(),
                benchmark.test(),
                settings,
                seed,
                atValidation ? valEpoch + 1 : settings.epochs(),
                atValidation ? e -> e == valEpoch ? gzslEpoch : -2 : e -> -1,
                stage2,
                stage2Figures);
        if (atValidation) {
            reported = stage2Figures.get(stage2Figures.size() - 1);
            testEpoch = valEpoch;
            testGzsl = gzslEpoch;
            testZsl = zslEpoch;
        } else {
            testEpoch = bestEpoch(stage2Figures);
            reported = stage2Figures.get(testEpoch);
            testGzsl = reported.gzsl().best();
            testZsl = reported.zsl().best();
        }
        Figures test = Figures.at(reported, testGzsl, testZsl);
        LOG.info(
                "f-VAEGAN-D2 test ({}): GAN epoch {}, classifier epochs {}/{}: {}",
                settings.selection().id(),
                testEpoch,
                testGzsl,
                testZsl,
                test);
        FixedClassClassifier classifier =
                classifier(reported.gzsl(), benchmark.test(), benchmark.stage2Train());
        FvaeganResult result =
                new FvaeganResult(
                        "fvaegan",
                        benchmark.textOrder(),
                        seed,
                        settings.asMap(),
                        settings.selection(),
                        settings.schedule(),
                        stage1,
                        valEpoch,
                        validation,
                        stage2,
                        testEpoch,
                        testGzsl,
                        testZsl,
                        test,
                        classifier);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(
                runFolder.resolve(FvaeganResult.FILE_NAME), mapper.writeValueAsBytes(result));
        return result;
    }

    /** Which GZSL classifier epoch's weights to keep at a GAN epoch: −1 its best, −2 skip it. */
    private interface KeepWeights {
        int at(int ganEpoch);
    }

    /**
     * Trains {@code epochs} GAN epochs on {@code training}; evaluates on {@code evaluation} after
     * every epoch whose {@link KeepWeights} is not −2.
     */
    private static void train(
            Benchmark benchmark,
            ClipSet training,
            ClipSet evaluation,
            FvaeganSettings settings,
            long seed,
            int epochs,
            KeepWeights keep,
            List<EpochSummary> summaries,
            List<FvaeganEvaluation.EpochFigures> figures) {
        MethodContext context = MethodContext.of(training, benchmark.embeddings(), seed);
        try (FvaeganNetwork network = new FvaeganNetwork(context, settings, DataType.FLOAT)) {
            GanTraining gan = new GanTraining(network, training, benchmark.embeddings(), seed);
            for (int e = 0; e < epochs; e++) {
                long start = System.nanoTime();
                LossTerms losses = gan.epoch(e);
                int keepAt = keep.at(e);
                if (keepAt == -2) {
                    continue;
                }
                FvaeganEvaluation.EpochFigures f =
                        FvaeganEvaluation.evaluate(
                                network,
                                training,
                                evaluation,
                                benchmark.embeddings(),
                                settings,
                                seed,
                                e,
                                keepAt);
                figures.add(f);
                Figures best = Figures.at(f, f.gzsl().best(), f.zsl().best());
                double seconds = (System.nanoTime() - start) / 1e9;
                summaries.add(
                        new EpochSummary(
                                e, f.gzsl().best(), f.zsl().best(), best, losses.terms(), seconds));
                LOG.info(
                        "f-VAEGAN-D2 {} epoch {}: H {} (S {}, U {}), ZSL {}, {} s",
                        evaluation.name(),
                        e,
                        best.harmonicMean(),
                        best.seen(),
                        best.unseen(),
                        best.zsl(),
                        String.format(Locale.ROOT, "%.1f", seconds));
            }
        }
    }

    private static FixedClassClassifier classifier(
            FvaeganEvaluation.GzslCurve curve, ClipSet test, ClipSet training) {
        int[] ids = curve.classIds();
        boolean[] seen = new boolean[ids.length];
        int[] unseen = test.unseenClasses().clone();
        Arrays.sort(unseen);
        for (int j = 0; j < ids.length; j++) {
            seen[j] = Arrays.binarySearch(unseen, ids[j]) < 0;
        }
        return new FixedClassClassifier(
                curve.weights(), ids, seen, training.audioDim(), training.videoDim());
    }

    /** The first GAN epoch of the highest HM (each epoch at its best classifier epoch). */
    private static int bestEpoch(List<FvaeganEvaluation.EpochFigures> figures) {
        double[] h = new double[figures.size()];
        for (int e = 0; e < h.length; e++) {
            h[e] = figures.get(e).bestHarmonicMean();
        }
        return BestRule.FIRST_MAXIMUM.best(h);
    }
}
