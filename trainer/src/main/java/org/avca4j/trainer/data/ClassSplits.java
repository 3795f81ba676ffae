package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes of one benchmark split, without features: class ids, the manual names that key the
 * text embeddings, and the six class lists of the split folder (spec §2, §8).
 *
 * <p>A class's id is its index in {@code all_class.txt} sorted by {@link String#compareTo} (UTF-16
 * order, which equals Python's {@code sorted()} for the benchmarks' ASCII names). Names from
 * different files are matched through {@link BenchmarkLayout#matchKey} (ignoring case for UCF and
 * ActivityNet, exactly for VGGSound). Lines of the {@code .txt} files are trimmed; blank lines are
 * skipped.
 */
public final class ClassSplits {

    /** The class-split folder's name under {@code <root>/<Dataset>/}. */
    public static final String FOLDER = "class-split";

    /** File listing every class's original name. */
    public static final String ALL_CLASSES = "all_class.txt";

    private static final Logger LOG = LoggerFactory.getLogger(ClassSplits.class);

    private final DatasetName dataset;
    private final SplitName split;
    private final List<String> classNames;
    private final Map<String, Integer> idByKey;
    private final List<String> manualNames;
    private final Map<SplitStage, List<String>> stageNames;
    private final Map<SplitStage, int[]> stageIds;
    private final List<String> warnings;

    private ClassSplits(
            DatasetName dataset,
            SplitName split,
            List<String> classNames,
            Map<String, Integer> idByKey,
            List<String> manualNames,
            Map<SplitStage, List<String>> stageNames,
            Map<SplitStage, int[]> stageIds,
            List<String> warnings) {
        this.dataset = dataset;
        this.split = split;
        this.classNames = classNames;
        this.idByKey = idByKey;
        this.manualNames = manualNames;
        this.stageNames = stageNames;
        this.stageIds = stageIds;
        this.warnings = warnings;
    }

    /**
     * Reads {@code all_class.txt}, the w2v class-name table and the six {@code .txt} class lists of
     * a split.
     *
     * @param classSplitFolder the {@code class-split} folder
     * @param dataset which benchmark (file names and name matching)
     * @param split {@code main_split} or {@code cls_split}
     * @throws BenchmarkFormatException if a file is missing or malformed, a class is listed twice,
     *     a split file names a class that {@code all_class.txt} lacks, or a class has no manual
     *     name
     * @throws IOException if a file cannot be read
     */
    public static ClassSplits read(Path classSplitFolder, DatasetName dataset, SplitName split)
            throws IOException {
        if (!Files.isDirectory(classSplitFolder)) {
            throw new BenchmarkFormatException(classSplitFolder, "class-split folder not found");
        }
        Path allFile = classSplitFolder.resolve(ALL_CLASSES);
        List<String> all = readLines(allFile);
        Path csvFile = classSplitFolder.resolve(BenchmarkLayout.classNamesFile(dataset));
        CsvTable csv = CsvTable.read(csvFile);
        int original = csv.column("original");
        int manual = csv.column("manual");
        List<String[]> pairs = new ArrayList<>();
        for (List<String> row : csv.rows()) {
            pairs.add(new String[] {row.get(original).strip(), row.get(manual).strip()});
        }
        Path splitFolder = BenchmarkLayout.splitDir(classSplitFolder, split);
        if (!Files.isDirectory(splitFolder)) {
            throw new BenchmarkFormatException(
                    splitFolder,
                    "split folder not found, expected "
                            + split
                            + " with the stage_*.txt class lists");
        }
        Map<SplitStage, List<String>> lists = new EnumMap<>(SplitStage.class);
        Map<SplitStage, Path> files = new EnumMap<>(SplitStage.class);
        for (SplitStage stage : SplitStage.values()) {
            Path f = splitFolder.resolve(stage.fileBase() + ".txt");
            lists.put(stage, readLines(f));
            files.put(stage, f);
        }
        return build(dataset, split, allFile, all, csvFile, pairs, files, lists);
    }

    /**
     * Builds class splits from lists in memory, with the same checks as {@link #read}.
     *
     * @param files where each list would live, for error messages
     */
    static ClassSplits of(
            DatasetName dataset,
            SplitName split,
            Path allFile,
            List<String> all,
            Path csvFile,
            List<String[]> originalManual,
            Map<SplitStage, Path> files,
            Map<SplitStage, List<String>> lists)
            throws BenchmarkFormatException {
        return build(dataset, split, allFile, all, csvFile, originalManual, files, lists);
    }

    private static ClassSplits build(
            DatasetName dataset,
            SplitName split,
            Path allFile,
            List<String> all,
            Path csvFile,
            List<String[]> originalManual,
            Map<SplitStage, Path> files,
            Map<SplitStage, List<String>> lists)
            throws BenchmarkFormatException {
        if (all.isEmpty()) {
            throw new BenchmarkFormatException(allFile, "no class names, expected one per line");
        }
        List<String> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        Map<String, Integer> idByKey = new HashMap<>();
        for (int id = 0; id < sorted.size(); id++) {
            Integer previous = idByKey.put(BenchmarkLayout.matchKey(dataset, sorted.get(id)), id);
            if (previous != null) {
                throw new BenchmarkFormatException(
                        allFile,
                        "classes '"
                                + sorted.get(previous)
                                + "' and '"
                                + sorted.get(id)
                                + "' are the same name for "
                                + dataset
                                + ", expected each class once");
            }
        }
        List<String> warnings = new ArrayList<>();
        String[] manual = new String[sorted.size()];
        for (String[] pair : originalManual) {
            Integer id = idByKey.get(BenchmarkLayout.matchKey(dataset, pair[0]));
            if (id == null) {
                warnings.add(
                        csvFile
                                + ": row '"
                                + pair[0]
                                + "' names no class of "
                                + ALL_CLASSES
                                + "; ignored");
                continue;
            }
            if (manual[id] != null) {
                throw new BenchmarkFormatException(
                        csvFile, "class '" + pair[0] + "' has two rows, expected one");
            }
            manual[id] = pair[1];
        }
        for (int id = 0; id < manual.length; id++) {
            if (manual[id] == null || manual[id].isEmpty()) {
                throw new BenchmarkFormatException(
                        csvFile,
                        "class '"
                                + sorted.get(id)
                                + "' has no manual name, expected a row 'original,manual' for every class of "
                                + ALL_CLASSES);
            }
        }
        Map<SplitStage, int[]> ids = new EnumMap<>(SplitStage.class);
        Map<SplitStage, List<String>> names = new EnumMap<>(SplitStage.class);
        for (SplitStage stage : SplitStage.values()) {
            List<String> list = lists.get(stage);
            Path file = files.get(stage);
            if (list == null || list.isEmpty()) {
                throw new BenchmarkFormatException(file, "no class names, expected one per line");
            }
            int[] stageIds = new int[list.size()];
            TreeSet<Integer> seen = new TreeSet<>();
            for (int i = 0; i < list.size(); i++) {
                Integer id = idByKey.get(BenchmarkLayout.matchKey(dataset, list.get(i)));
                if (id == null) {
                    throw new BenchmarkFormatException(
                            file,
                            "class '"
                                    + list.get(i)
                                    + "' is not in "
                                    + ALL_CLASSES
                                    + (BenchmarkLayout.namesIgnoreCase(dataset)
                                            ? " (matched ignoring case)"
                                            : " (matched exactly)"));
                }
                if (!seen.add(id)) {
                    throw new BenchmarkFormatException(
                            file, "class '" + list.get(i) + "' is listed twice, expected once");
                }
                stageIds[i] = id;
            }
            ids.put(stage, stageIds);
            names.put(stage, List.copyOf(list));
        }
        checkStageTwo(files, ids, warnings);
        return new ClassSplits(
                dataset,
                split,
                List.copyOf(sorted),
                Map.copyOf(idByKey),
                List.of(manual),
                Collections.unmodifiableMap(names),
                Collections.unmodifiableMap(ids),
                List.copyOf(warnings));
    }

    /** stage_2_train.txt should name exactly the classes of the three stage-1 folders. */
    private static void checkStageTwo(
            Map<SplitStage, Path> files, Map<SplitStage, int[]> ids, List<String> warnings) {
        TreeSet<Integer> union = new TreeSet<>();
        for (SplitStage s :
                List.of(
                        SplitStage.STAGE_1_TRAIN,
                        SplitStage.STAGE_1_VAL_SEEN,
                        SplitStage.STAGE_1_VAL_UNSEEN)) {
            Arrays.stream(ids.get(s)).forEach(union::add);
        }
        TreeSet<Integer> listed = new TreeSet<>();
        Arrays.stream(ids.get(SplitStage.STAGE_2_TRAIN)).forEach(listed::add);
        if (!union.equals(listed)) {
            String w =
                    files.get(SplitStage.STAGE_2_TRAIN)
                            + ": lists "
                            + listed.size()
                            + " classes, but the three stage-1 lists hold "
                            + union.size()
                            + "; stage-2 training uses the stage-1 folders' classes";
            warnings.add(w);
            LOG.warn(w);
        }
    }

    /**
     * Reads a text file of names, one per line, trimmed; blank lines are skipped.
     *
     * @throws BenchmarkFormatException if the file is missing
     */
    static List<String> readLines(Path file) throws IOException {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new BenchmarkFormatException(file, "file not found", e);
        }
    }

    /** Which benchmark. */
    public DatasetName dataset() {
        return dataset;
    }

    /** {@code main_split} or {@code cls_split}. */
    public SplitName split() {
        return split;
    }

    /** Original class names in id order (sorted). */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /**
     * The id of a class name as any benchmark file writes it.
     *
     * @return the id, or -1 if no class matches
     */
    public int findClassId(String name) {
        Integer id = idByKey.get(BenchmarkLayout.matchKey(dataset, name.strip()));
        return id == null ? -1 : id;
    }

    /** The manual name (the text-embedding key) of a class. */
    public String manualName(int classId) {
        return manualNames.get(classId);
    }

    /** The ids of a class list, in the file's order. */
    public int[] classes(SplitStage stage) {
        return stageIds.get(stage).clone();
    }

    /** The names of a class list exactly as the file writes them, in the file's order. */
    public List<String> classNamesAsListed(SplitStage stage) {
        return stageNames.get(stage);
    }

    /** Oddities noticed while reading (e.g. a w2v row naming no class). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The text embedding of every class id under a text order (spec §8).
     *
     * <p>{@link TextOrder#OWN}: class c gets the vector of its own manual name. {@link
     * TextOrder#REFERENCE}: class c gets the vector of the c-th key of the dict in sorted order, as
     * the reference implementation does.
     *
     * @param embeddings manual name → vector, as read by {@link TextEmbeddings#read}
     * @param order which assignment
     * @param source the embeddings file, for error messages
     * @return {@code [classCount][dim]}; rows are the dict's arrays, shared
     * @throws BenchmarkFormatException if a class's manual name has no vector (OWN), or the dict
     *     has fewer vectors than there are classes (REFERENCE)
     */
    public float[][] assignEmbeddings(Map<String, float[]> embeddings, TextOrder order, Path source)
            throws BenchmarkFormatException {
        float[][] out = new float[classCount()][];
        if (order == TextOrder.OWN) {
            for (int c = 0; c < out.length; c++) {
                out[c] = embeddings.get(manualName(c));
                if (out[c] == null) {
                    throw new BenchmarkFormatException(
                            source,
                            "no embedding for class '"
                                    + classNames.get(c)
                                    + "' (manual name '"
                                    + manualName(c)
                                    + "'), expected a key of that name");
                }
            }
        } else {
            List<String> keys = new ArrayList<>(embeddings.keySet());
            Collections.sort(keys);
            if (keys.size() < out.length) {
                throw new BenchmarkFormatException(
                        source,
                        keys.size()
                                + " embeddings for "
                                + out.length
                                + " classes, expected at least one per class for the reference text order");
            }
            for (int c = 0; c < out.length; c++) {
                out[c] = embeddings.get(keys.get(c));
            }
        }
        return out;
    }

    /** The manual names in id order, as a map original → manual (for writing the w2v table). */
    Map<String, String> manualByOriginal() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int c = 0; c < classCount(); c++) {
            m.put(classNames.get(c), manualNames.get(c));
        }
        return m;
    }
}
