package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.avca4j.sdk.card.DatasetName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-class feature files of a feature folder ({@code <featureDir>/<audio|video>/<stage>/
 * <ClassName><ext>}), found by matching file stems to the split's class names ({@link
 * BenchmarkLayout#matchKey}), never by directory order. Each stage folder is listed once; a file
 * whose class the stage's list lacks is ignored with a warning; two files naming the same class are
 * an error.
 */
final class ClassFileIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ClassFileIndex.class);

    private final Path featureDir;
    private final DatasetName dataset;
    private final ClassSplits splits;
    private final String extension;
    private final Map<Modality, Map<SplitStage, Map<String, Path>>> index =
            new EnumMap<>(Modality.class);
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param extension the class files' extension, e.g. {@code .h5}
     */
    ClassFileIndex(Path featureDir, ClassSplits splits, String extension) {
        this.featureDir = featureDir;
        this.dataset = splits.dataset();
        this.splits = splits;
        this.extension = extension;
    }

    /**
     * The file of a listed class in a stage folder.
     *
     * @throws BenchmarkFormatException if the folder is missing, two files name one class, or no
     *     file names this class
     * @throws IOException if the folder cannot be listed
     */
    Path find(Modality modality, SplitStage stage, String listedName) throws IOException {
        Path file = folder(modality, stage).get(BenchmarkLayout.matchKey(dataset, listedName));
        if (file == null) {
            throw new BenchmarkFormatException(
                    BenchmarkLayout.stageDir(featureDir, modality, stage),
                    "no features for class '"
                            + listedName
                            + "' of "
                            + splits.listFile(stage)
                            + ": expected "
                            + listedName
                            + extension);
        }
        return file;
    }

    /** The file a class's features come from (or would), for messages. */
    Path location(Modality modality, SplitStage stage, String listedName) {
        Path file =
                index.getOrDefault(modality, Map.of())
                        .getOrDefault(stage, Map.of())
                        .get(BenchmarkLayout.matchKey(dataset, listedName));
        return file != null
                ? file
                : BenchmarkLayout.stageDir(featureDir, modality, stage)
                        .resolve(listedName + extension);
    }

    /** Files ignored so far, one line each. */
    List<String> warnings() {
        return warnings;
    }

    /** The class files of a stage folder by class match key, in sorted order. */
    private Map<String, Path> folder(Modality modality, SplitStage stage) throws IOException {
        Map<SplitStage, Map<String, Path>> byStage =
                index.computeIfAbsent(modality, m -> new EnumMap<>(SplitStage.class));
        Map<String, Path> files = byStage.get(stage);
        if (files != null) {
            return files;
        }
        Path dir = BenchmarkLayout.stageDir(featureDir, modality, stage);
        if (!Files.isDirectory(dir)) {
            throw new BenchmarkFormatException(
                    dir,
                    "feature folder not found, expected one <ClassName>"
                            + extension
                            + " per class of "
                            + stage.fileBase()
                            + ".txt");
        }
        files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + extension)) {
            for (Path p : stream) {
                String stem = p.getFileName().toString();
                stem = stem.substring(0, stem.length() - extension.length());
                Path previous = files.put(BenchmarkLayout.matchKey(dataset, stem), p);
                if (previous != null) {
                    throw new BenchmarkFormatException(
                            dir,
                            "files "
                                    + previous.getFileName()
                                    + " and "
                                    + p.getFileName()
                                    + " name the same class, expected one file per class");
                }
            }
        }
        Set<String> listed = new HashSet<>();
        for (String name : splits.classNamesAsListed(stage)) {
            listed.add(BenchmarkLayout.matchKey(dataset, name));
        }
        for (Map.Entry<String, Path> e : files.entrySet()) {
            if (!listed.contains(e.getKey())) {
                String w = e.getValue() + ": class not in " + stage.fileBase() + ".txt; ignored";
                warnings.add(w);
                LOG.warn(w);
            }
        }
        byStage.put(stage, files);
        return files;
    }
}
