package org.avca4j.trainer.data.sequence;

import java.util.Arrays;
import java.util.List;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;

/**
 * A benchmark of sequence clips: class names, text embeddings and the four sets of the protocol
 * (SUCCESSORS-SPEC §0, "Datasets built"), the sequence counterpart of {@link
 * org.avca4j.trainer.data.Benchmark}.
 *
 * @param dataset which benchmark
 * @param featureSet which feature set (decides the frame rates, {@link FrameRates#of})
 * @param split which class split
 * @param classNames original class names; the index is the class id
 * @param embeddings {@code [classes][textDim]} text embedding of each class id under {@code
 *     textOrder}
 * @param textOrder how embeddings were assigned to class ids
 * @param stage1Train stage-1 training clips
 * @param stage1Val stage-1 validation: val-seen + val-unseen clips
 * @param stage2Train stage-2 training: the three stage-1 folders
 * @param test test-seen + test-unseen clips
 * @param warnings anything odd the reader noticed but could continue past
 */
public record SequenceBenchmark(
        DatasetName dataset,
        FeatureSet featureSet,
        SplitName split,
        List<String> classNames,
        float[][] embeddings,
        TextOrder textOrder,
        SequenceClipSet stage1Train,
        SequenceClipSet stage1Val,
        SequenceClipSet stage2Train,
        SequenceClipSet test,
        List<String> warnings) {

    /** Number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /**
     * The set of this name (the name of the vector {@code ClipSet} it mirrors).
     *
     * @throws IllegalArgumentException if no set has that name; the message lists the names
     */
    public SequenceClipSet set(String name) {
        for (SequenceClipSet s : List.of(stage1Train, stage1Val, stage2Train, test)) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "the sequence benchmark has no clip set named "
                        + name
                        + "; its sets are "
                        + stage1Train.name()
                        + ", "
                        + stage1Val.name()
                        + ", "
                        + stage2Train.name()
                        + ", "
                        + test.name());
    }

    /**
     * The benchmark with every clip as the mean of its rows per modality: the vector view the
     * shared protocol samples, validates and reports on (clip names, labels and class splits
     * unchanged); a sequence method takes its inputs from this benchmark by set name.
     */
    public Benchmark averaged() {
        return new Benchmark(
                dataset,
                featureSet,
                split,
                classNames,
                embeddings,
                textOrder,
                averaged(stage1Train),
                averaged(stage1Val),
                averaged(stage2Train),
                averaged(test),
                warnings);
    }

    private static ClipSet averaged(SequenceClipSet s) {
        int n = s.size();
        return new ClipSet(
                s.name(),
                n,
                s.audioDim(),
                s.videoDim(),
                means(s.audio(), s.audioDim()),
                means(s.video(), s.videoDim()),
                s.labels().clone(),
                s.names().clone(),
                s.seenClasses().clone(),
                s.unseenClasses().clone());
    }

    /** Row-major {@code [n*dim]} of each clip's mean row, summed in double. */
    private static float[] means(float[][][] clips, int dim) {
        float[] out = new float[clips.length * dim];
        double[] sum = new double[dim];
        for (int i = 0; i < clips.length; i++) {
            Arrays.fill(sum, 0);
            for (float[] row : clips[i]) {
                for (int j = 0; j < dim; j++) {
                    sum[j] += row[j];
                }
            }
            for (int j = 0; j < dim; j++) {
                out[i * dim + j] = (float) (sum[j] / clips[i].length);
            }
        }
        return out;
    }

    /** Width of the text embeddings. */
    public int textDim() {
        return embeddings[0].length;
    }
}
