package org.avca4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.junit.jupiter.api.Test;

/** The download's file names (docs/data-format.md), written out as the download spells them. */
class BenchmarkLayoutTest {

    @Test
    void fileNamesOfTheDownload() {
        assertEquals("ucf_w2v_class_names.csv", BenchmarkLayout.classNamesFile(DatasetName.UCF));
        assertEquals(
                "activitynet_w2v_class_names.csv",
                BenchmarkLayout.classNamesFile(DatasetName.ACTIVITYNET));
        assertEquals(
                "vggsound_w2v_class_names.csv",
                BenchmarkLayout.classNamesFile(DatasetName.VGGSOUND));
        assertEquals(
                "word_embeddings_ucf_normed.npy", BenchmarkLayout.embeddingsFile(DatasetName.UCF));
        assertEquals(
                "word_embeddings_activity_normed.npy",
                BenchmarkLayout.embeddingsFile(DatasetName.ACTIVITYNET));
        assertEquals(
                "word_embeddings_vggsound_normed.npy",
                BenchmarkLayout.embeddingsFile(DatasetName.VGGSOUND));
    }

    @Test
    void foldersOfTheDownload() {
        Path ds = BenchmarkLayout.datasetDir(Path.of("root"), DatasetName.ACTIVITYNET);
        assertEquals(Path.of("root", "ActivityNet"), ds);
        assertEquals(
                Path.of("root", "ActivityNet", "features", "cls_features"),
                BenchmarkLayout.featureDir(ds, FeatureSet.CLS));
        assertEquals(
                Path.of("root", "ActivityNet", "class-split", "main_split"),
                BenchmarkLayout.splitDir(BenchmarkLayout.classSplitDir(ds), SplitName.MAIN));
    }

    @Test
    void namesMatchIgnoringCaseExceptInVggSound() {
        assertEquals(
                "apply eye makeup", BenchmarkLayout.matchKey(DatasetName.UCF, "Apply Eye Makeup"));
        assertEquals("Dog Barking", BenchmarkLayout.matchKey(DatasetName.VGGSOUND, "Dog Barking"));
    }
}
