package org.avca4j.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.avca4j.trainer.io.FolderSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synth}: writes a synthetic benchmark in the layout of the AVCA download. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description =
                "Write a synthetic benchmark (HDF5 features, pickled text embeddings, split files) "
                        + "in the published layout.")
public final class SynthCommand implements Callable<Integer> {

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Data root to write <Dataset>/ into.")
    Path out;

    @Option(
            names = "--dataset",
            required = true,
            paramLabel = "NAME",
            converter = BenchmarkOptions.DatasetConverter.class,
            description = "UCF, ActivityNet or VGGSound.")
    DatasetName dataset;

    @Option(
            names = "--from-splits",
            paramLabel = "DIR",
            description =
                    "A real <Dataset> folder (with class-split/) to copy class lists and clip counts from; "
                            + "without it, small invented classes are written.")
    Path fromSplits;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--features",
            defaultValue = "main_features",
            paramLabel = "SET",
            converter = BenchmarkOptions.FeatureSetConverter.class,
            description =
                    "main_features (512/512) or cls_features (128/4096) (default: ${DEFAULT-VALUE}).")
    FeatureSet features;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            converter = BenchmarkOptions.SplitConverter.class,
            description =
                    "Class split folder to write (default: cls_split for cls_features, else main_split).")
    SplitName split;

    @Option(
            names = "--layout",
            defaultValue = "avca",
            paramLabel = "LAYOUT",
            converter = BenchmarkOptions.LayoutConverter.class,
            description =
                    "avca (.h5, default); tcaf (.pkl sequences of 1 to --max-rows rows per clip); "
                            + "clipclap (.pkl vectors: audio 1024, video 512 float16, "
                            + "text 1536 = CLIP 512 + CLAP 1024; implies cls_features and cls_split).")
    DataLayout layout;

    @Option(
            names = "--max-rows",
            defaultValue = "12",
            paramLabel = "T",
            description =
                    "tcaf: the longest sequence per clip and modality (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(
            names = "--classes",
            paramLabel = "N",
            description = "Invented classes (without --from-splits).")
    Integer classes;

    @Option(
            names = "--clips-per-class",
            paramLabel = "N",
            description = "Clips per invented class and folder.")
    Integer clipsPerClass;

    @Option(
            names = "--text-dim",
            paramLabel = "D",
            description =
                    "Width of the invented classes' random text embeddings (default 300; the demo's "
                            + "benchmark uses 30, so that demo --seed S and synth --classes 40 --text-dim 30 "
                            + "--seed S invent the same classes).")
    Integer textDim;

    @Option(
            names = "--clip-scale",
            paramLabel = "F",
            description = "Scale every clip count by F (e.g. 0.1).")
    Double clipScale;

    @Override
    public Integer call() throws Exception {
        SplitName classSplit = split != null ? split : features.defaultSplit();
        SyntheticBenchmark.Builder b =
                SyntheticBenchmark.builder()
                        .setDataset(dataset)
                        .optSeed(seed)
                        .optFeatureSet(features)
                        .optSplit(classSplit);
        if (layout == DataLayout.CLIPCLAP) {
            b.optLayout(layout);
        }
        if (fromSplits != null) {
            b.optFromSplits(fromSplits);
        }
        if (classes != null) {
            b.optClasses(classes);
        }
        if (clipsPerClass != null) {
            b.optClipsPerClass(clipsPerClass);
        }
        if (textDim != null) {
            b.optTextDim(textDim);
        }
        if (clipScale != null) {
            b.optClipScale(clipScale);
        }
        SyntheticBenchmark synthetic = b.build();
        // A failure half-way (a full disk) removes what this run added, so no half-written data
        // set stays behind to be read later as a broken one.
        FolderSnapshot before = FolderSnapshot.of(out.resolve(dataset.folder()));
        Path written;
        try {
            written =
                    layout == DataLayout.TCAF
                            ? synthetic.writeSequences(
                                    out, new SyntheticSequences(1, maxRows, 0.3, seed))
                            : synthetic.write(out);
        } catch (Exception | Error e) {
            try {
                before.removeAdded();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        // The ClipClap layout is always cls features in cls_split (SyntheticBenchmark's optLayout).
        boolean clipClap = layout == DataLayout.CLIPCLAP;
        System.out.println(
                "Wrote synthetic "
                        + dataset
                        + " ("
                        + (clipClap ? FeatureSet.CLS : features).folder()
                        + ", "
                        + (clipClap ? SplitName.CLS : classSplit)
                        + ", seed "
                        + seed
                        + ") to "
                        + written);
        return 0;
    }
}
