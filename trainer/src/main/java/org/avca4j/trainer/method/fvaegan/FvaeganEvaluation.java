package org.avca4j.trainer.method.fvaegan;

import java.util.Arrays;
import java.util.TreeSet;
import org.avca4j.sdk.evaluation.DistanceMatrix;
import org.avca4j.sdk.evaluation.GzslEvaluator;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.training.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * f-VAEGAN-D2's evaluation after a GAN epoch (docs/baselines.md#f-vaegan-d2): synthesise {@code
 * syn_num} features per unseen class of the evaluation split, train the GZSL softmax classifier on
 * the real training features plus those, and the ZSL classifier on those alone, each for {@code
 * nepoch_classifier} epochs, scoring the evaluation clips after every epoch. There is no calibrated
 * stacking: a clip's class is the argmax over all outputs.
 */
public final class FvaeganEvaluation {

    private static final long SYNTHESIS_STREAM = 0x53594E544845L;
    private static final long GZSL_STREAM = 0x475A534CL;
    private static final long ZSL_STREAM = 0x5A534CL;

    private FvaeganEvaluation() {}

    /**
     * The GZSL classifier's figures after each of its epochs.
     *
     * @param seen S per classifier epoch
     * @param unseen U per classifier epoch
     * @param harmonicMean H per classifier epoch
     * @param best the epoch the reference keeps ({@code >=}: the last maximum of H)
     * @param classIds the classifier's output classes, ascending ids
     * @param weights the classifier after epoch {@code weightsEpoch}
     * @param weightsEpoch the epoch whose weights were kept: {@code best}, or the one asked for
     */
    public record GzslCurve(
            double[] seen,
            double[] unseen,
            double[] harmonicMean,
            int best,
            int[] classIds,
            LinearWeights weights,
            int weightsEpoch) {}

    /**
     * The ZSL classifier's accuracy after each of its epochs.
     *
     * @param accuracy mean per-class accuracy on the unseen clips, per classifier epoch
     * @param best the epoch the reference keeps ({@code >}: the first maximum)
     */
    public record ZslCurve(double[] accuracy, int best) {}

    /**
     * Both classifiers of one GAN epoch.
     *
     * @param ganEpoch 0-based
     * @param gzsl the GZSL classifier's curve
     * @param zsl the ZSL classifier's curve
     */
    public record EpochFigures(int ganEpoch, GzslCurve gzsl, ZslCurve zsl) {

        /** H at the GZSL classifier's best epoch: what the GAN epoch is chosen by. */
        public double bestHarmonicMean() {
            return gzsl.harmonicMean[gzsl.best];
        }
    }

    /**
     * Evaluates the generator of one GAN epoch.
     *
     * @param training the stage's real training clips
     * @param evaluation the clips to score (stage-1 validation or test), with its seen and unseen
     *     classes
     * @param embeddings text embedding of every class id
     * @param keepWeightsAt the GZSL classifier epoch whose weights to keep, or −1 for its best
     * @throws IllegalArgumentException if the evaluation set has no unseen class, or a clip's class
     *     is not among the classifier's classes
     */
    public static EpochFigures evaluate(
            FvaeganNetwork network,
            ClipSet training,
            ClipSet evaluation,
            float[][] embeddings,
            FvaeganSettings settings,
            long seed,
            int ganEpoch,
            int keepWeightsAt) {
        int[] unseen = evaluation.unseenClasses().clone();
        Arrays.sort(unseen);
        if (unseen.length == 0) {
            throw new IllegalArgumentException(
                    "clip set "
                            + evaluation.name()
                            + " has no unseen class: f-VAEGAN-D2 synthesises features for unseen"
                            + " classes only");
        }
        int dim = network.featureDim();
        int synNum = settings.synNum();
        float[] text = new float[unseen.length * embeddings[unseen[0]].length];
        int textDim = embeddings[unseen[0]].length;
        for (int k = 0; k < unseen.length; k++) {
            System.arraycopy(embeddings[unseen[k]], 0, text, k * textDim, textDim);
        }
        float[] synthetic =
                network.synthesize(text, synNum, derive(seed, SYNTHESIS_STREAM, ganEpoch));
        FeatureRows.normalizeRows(synthetic, unseen.length * synNum, dim);
        int[] synLabels = new int[unseen.length * synNum];
        for (int k = 0; k < unseen.length; k++) {
            Arrays.fill(synLabels, k * synNum, (k + 1) * synNum, unseen[k]);
        }
        float[] real =
                FeatureRows.normalizedConcat(
                        training.audio(),
                        training.audioDim(),
                        training.video(),
                        training.videoDim(),
                        training.size());
        float[] evalRows =
                FeatureRows.normalizedConcat(
                        evaluation.audio(),
                        evaluation.audioDim(),
                        evaluation.video(),
                        evaluation.videoDim(),
                        evaluation.size());

        TreeSet<Integer> classSet = new TreeSet<>();
        for (int label : training.labels()) {
            classSet.add(label);
        }
        for (int id : unseen) {
            classSet.add(id);
        }
        int[] classIds = classSet.stream().mapToInt(Integer::intValue).toArray();
        boolean[] seenColumn = new boolean[classIds.length];
        for (int j = 0; j < classIds.length; j++) {
            seenColumn[j] = Arrays.binarySearch(unseen, classIds[j]) < 0;
        }
        float[] gzslRows = Arrays.copyOf(real, real.length + synthetic.length);
        System.arraycopy(synthetic, 0, gzslRows, real.length, synthetic.length);
        int[] gzslLabels = Arrays.copyOf(training.labels(), training.size() + synLabels.length);
        System.arraycopy(synLabels, 0, gzslLabels, training.size(), synLabels.length);
        GzslCurve gzsl =
                gzsl(
                        gzslRows,
                        columns(gzslLabels, classIds),
                        evalRows,
                        evaluation.size(),
                        evaluation.labels(),
                        classIds,
                        seenColumn,
                        dim,
                        settings,
                        derive(seed, GZSL_STREAM, ganEpoch),
                        keepWeightsAt);
        ZslCurve zsl =
                zsl(
                        synthetic,
                        columns(synLabels, unseen),
                        evalRows,
                        evaluation.labels(),
                        unseen,
                        dim,
                        settings,
                        derive(seed, ZSL_STREAM, ganEpoch));
        return new EpochFigures(ganEpoch, gzsl, zsl);
    }

    private static GzslCurve gzsl(
            float[] rows,
            int[] targets,
            float[] evalRows,
            int evalCount,
            int[] evalLabels,
            int[] classIds,
            boolean[] seenColumn,
            int dim,
            FvaeganSettings s,
            long seed,
            int keepWeightsAt) {
        int epochs = s.classifierEpochs();
        double[] seen = new double[epochs];
        double[] unseen = new double[epochs];
        double[] hm = new double[epochs];
        SoftmaxClassifier classifier = new SoftmaxClassifier(dim, classIds.length, s.beta1(), seed);
        INDArray x = Nd4j.createFromArray(rows).reshape(targets.length, dim);
        INDArray evalX = Nd4j.createFromArray(evalRows).reshape(evalCount, dim);
        int[] order = SoftmaxClassifier.shuffled(targets.length, seed + 1);
        int best = -1;
        double bestHm = Double.NEGATIVE_INFINITY;
        LinearWeights kept = null;
        int keptEpoch = -1;
        for (int k = 0; k < epochs; k++) {
            classifier.epoch(x, targets, order, s.synNum(), s.classifierLr());
            DistanceMatrix m =
                    DistanceMatrix.of(
                            negated(classifier.logits(evalX)), evalCount, classIds, seenColumn);
            GzslResult r = GzslEvaluator.evaluate(m, evalLabels, 0);
            seen[k] = r.seen();
            unseen[k] = r.unseen();
            hm[k] = r.harmonicMean();
            boolean replaces = BestRule.LAST_MAXIMUM.replaces(hm[k], bestHm);
            if (replaces) {
                bestHm = hm[k];
                best = k;
            }
            if (keepWeightsAt == k || (keepWeightsAt < 0 && replaces)) {
                kept = classifier.snapshot();
                keptEpoch = k;
            }
        }
        return new GzslCurve(seen, unseen, hm, best, classIds, kept, keptEpoch);
    }

    private static ZslCurve zsl(
            float[] synthetic,
            int[] targets,
            float[] evalRows,
            int[] evalLabels,
            int[] unseen,
            int dim,
            FvaeganSettings s,
            long seed) {
        int count = 0;
        for (int label : evalLabels) {
            if (Arrays.binarySearch(unseen, label) >= 0) {
                count++;
            }
        }
        float[] rows = new float[count * dim];
        int[] labels = new int[count];
        int r = 0;
        for (int i = 0; i < evalLabels.length; i++) {
            if (Arrays.binarySearch(unseen, evalLabels[i]) >= 0) {
                System.arraycopy(evalRows, i * dim, rows, r * dim, dim);
                labels[r++] = evalLabels[i];
            }
        }
        int epochs = s.classifierEpochs();
        double[] accuracy = new double[epochs];
        SoftmaxClassifier classifier = new SoftmaxClassifier(dim, unseen.length, s.beta1(), seed);
        INDArray x = Nd4j.createFromArray(synthetic).reshape(targets.length, dim);
        INDArray evalX = count == 0 ? null : Nd4j.createFromArray(rows).reshape(count, dim);
        int[] order = SoftmaxClassifier.shuffled(targets.length, seed + 1);
        boolean[] allUnseen = new boolean[unseen.length];
        for (int k = 0; k < epochs; k++) {
            classifier.epoch(x, targets, order, s.synNum(), s.classifierLr());
            if (count == 0) {
                accuracy[k] = Double.NaN;
                continue;
            }
            DistanceMatrix m =
                    DistanceMatrix.of(negated(classifier.logits(evalX)), count, unseen, allUnseen);
            accuracy[k] = GzslEvaluator.evaluate(m, labels, 0).unseen();
        }
        return new ZslCurve(accuracy, Math.max(0, BestRule.FIRST_MAXIMUM.best(accuracy)));
    }

    /** The output column of each label. */
    private static int[] columns(int[] labels, int[] classIds) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = Arrays.binarySearch(classIds, labels[i]);
        }
        return out;
    }

    /** −logits as distances: the argmin of these is the argmax of the log-softmax. */
    private static float[] negated(INDArray logits) {
        float[] v = logits.dup('c').data().asFloat();
        for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
        }
        return v;
    }

    private static long derive(long seed, long stream, int epoch) {
        return Seeds.stepSeed(seed ^ stream, epoch, -1);
    }
}
