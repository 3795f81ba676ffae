package org.avca4j.trainer.data;

import java.util.List;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;

/**
 * One benchmark read from disk: class names, text embeddings and the four clip sets of the protocol
 * (docs/protocol.md).
 *
 * @param dataset which benchmark
 * @param featureSet which feature set
 * @param split which class split
 * @param classNames original class names; the index is the class id (sorted {@code all_class.txt})
 * @param embeddings {@code [classes][textDim]} text embedding assigned to each class id under
 *     {@code textOrder}
 * @param textOrder how embeddings were assigned to class ids
 * @param stage1Train stage-1 training clips (seen classes only)
 * @param stage1Val stage-1 validation: val-seen + val-unseen clips
 * @param stage2Train stage-2 training: the three stage-1 folders together
 * @param test test-seen + test-unseen clips
 * @param warnings anything odd the reader noticed but could continue past
 */
public record Benchmark(
        DatasetName dataset,
        FeatureSet featureSet,
        SplitName split,
        List<String> classNames,
        float[][] embeddings,
        TextOrder textOrder,
        ClipSet stage1Train,
        ClipSet stage1Val,
        ClipSet stage2Train,
        ClipSet test,
        List<String> warnings) {

    /**
     * The benchmark of class splits and the four sets {@link ClipSetAssembler#assemble} built from
     * them, in its order.
     */
    static Benchmark of(
            DatasetName dataset,
            FeatureSet featureSet,
            SplitName split,
            TextOrder textOrder,
            ClassSplits splits,
            float[][] embeddings,
            ClipSet[] sets,
            List<String> warnings) {
        return new Benchmark(
                dataset,
                featureSet,
                split,
                splits.classNames(),
                embeddings,
                textOrder,
                sets[0],
                sets[1],
                sets[2],
                sets[3],
                List.copyOf(warnings));
    }

    /** Number of classes in {@code all_class.txt}. */
    public int classCount() {
        return classNames.size();
    }

    /** Width of the text embeddings (300 in the published data). */
    public int textDim() {
        return embeddings[0].length;
    }
}
