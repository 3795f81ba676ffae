package org.avca4j.trainer.training;

import java.util.List;
import java.util.stream.IntStream;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;

/** Small clip sets and benchmarks built in code. */
final class TestClips {

    private TestClips() {}

    /**
     * A clip set whose clips have audio {@code [label, role]} and video {@code [0]}.
     *
     * @param clips {label, role} per clip
     */
    static ClipSet labelled(String name, int[][] clips, int[] seen, int[] unseen) {
        int n = clips.length;
        float[] audio = new float[2 * n];
        float[] video = new float[n];
        int[] labels = new int[n];
        String[] urls = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = clips[i][0];
            audio[2 * i] = clips[i][0];
            audio[2 * i + 1] = clips[i][1];
            urls[i] = name + "-" + i;
        }
        return new ClipSet(name, n, 2, 1, audio, video, labels, urls, seen, unseen);
    }

    /** Embeddings {@code [c, 0]} for classes 0..classes-1, as the fake network expects. */
    static float[][] idEmbeddings(int classes) {
        float[][] e = new float[classes][];
        for (int c = 0; c < classes; c++) {
            e[c] = new float[] {c, 0};
        }
        return e;
    }

    static Benchmark benchmark(
            int classes,
            ClipSet stage1Train,
            ClipSet stage1Val,
            ClipSet stage2Train,
            ClipSet test) {
        return new Benchmark(
                DatasetName.UCF,
                FeatureSet.MAIN,
                SplitName.MAIN,
                IntStream.range(0, classes).mapToObj(c -> "class" + c).toList(),
                idEmbeddings(classes),
                TextOrder.OWN,
                stage1Train,
                stage1Val,
                stage2Train,
                test,
                List.of());
    }
}
