package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
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
 * text embeddings, and the six class lists of the split folder (docs/data-format.md,
 * docs/protocol.md#text-order).
 *
 * <p>A class's id is its index in {@code all_class.txt} sorted by {@link String#compareTo} (UTF-16
 * order, which equals Python's {@code sorted()} for the benchmarks' ASCII names). Names from
 * different files are matched through {@link BenchmarkLayout#matchKey}: Unicode NFC, then the
 * dataset's case rule (ignoring case for UCF and ActivityNet, exactly for VGGSound). Lines of the
 * {@code .txt} files are trimmed; blank lines are skipped; every file is read through {@link
 * InputFile}.
 *
 * <p>The lists are checked against each other when read, before anything can be trained: see {@link
 * #read} for the roles the protocol gives them.
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
    private final Map<SplitStage, Path> listFiles;
    private final List<String> warnings;

    private ClassSplits(
            DatasetName dataset,
            SplitName split,
            List<String> classNames,
            Map<String, Integer> idByKey,
            List<String> manualNames,
            Map<SplitStage, List<String>> stageNames,
            Map<SplitStage, int[]> stageIds,
            Map<SplitStage, Path> listFiles,
            List<String> warnings) {
        this.dataset = dataset;
        this.split = split;
        this.classNames = classNames;
        this.idByKey = idByKey;
        this.manualNames = manualNames;
        this.stageNames = stageNames;
        this.stageIds = stageIds;
        this.listFiles = listFiles;
        this.warnings = warnings;
    }

    /**
     * Reads {@code all_class.txt}, the w2v class-name table and the six {@code .txt} class lists of
     * a split.
     *
     * @param classSplitFolder the {@code class-split} folder
     * @param dataset which benchmark (file names and name matching)
     * @param split {@code main_split} or {@code cls_split}
     * @throws BenchmarkFormatException if a file is missing, not a readable regular file, not UTF-8
     *     or malformed; a class is listed twice; a split file names a class that {@code
     *     all_class.txt} lacks; a class has no manual name; or the lists give a class two roles
     *     (docs/protocol.md): a stage-1 val-unseen class also in {@code stage_1_train} or {@code
     *     stage_1_val_seen}, a val-seen class not in {@code stage_1_train}, a test-unseen class in
     *     any training list ({@code stage_1_*}, {@code stage_2_train}) or in {@code
     *     stage_2_test_seen}, or a test-seen class in no stage-1 list
     * @throws IOException if a file cannot be read
     */
    public static ClassSplits read(Path classSplitFolder, DatasetName dataset, SplitName split)
            throws IOException {
        return read(
                classSplitFolder,
                dataset,
                split,
                BenchmarkLayout.classNamesFile(dataset),
                "manual");
    }

    /**
     * {@link #read(Path, DatasetName, SplitName)} with another class-name table: the text key of a
     * class is the table's {@code keyColumn} (ClipClap's UCF table keys by {@code
     * clip_class_name}).
     *
     * @param namesFile the table's file name in the class-split folder
     * @param keyColumn the column that holds the text key ("manual name") of each original
     * @throws BenchmarkFormatException as {@link #read(Path, DatasetName, SplitName)}, and if the
     *     table lacks the column
     * @throws IOException if a file cannot be read
     */
    static ClassSplits read(
            Path classSplitFolder,
            DatasetName dataset,
            SplitName split,
            String namesFile,
            String keyColumn)
            throws IOException {
        if (!Files.isDirectory(classSplitFolder)) {
            throw new BenchmarkFormatException(classSplitFolder, "class-split folder not found");
        }
        Path allFile = classSplitFolder.resolve(ALL_CLASSES);
        List<String> all = readLines(allFile);
        Path csvFile = classSplitFolder.resolve(namesFile);
        CsvTable csv = CsvTable.read(csvFile);
        int original = csv.column("original");
        int manual = csv.column(keyColumn);
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
        return of(dataset, split, allFile, all, csvFile, pairs, files, lists);
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
        checkRoles(files, ids, lists);
        checkStageTwo(files, ids, warnings);
        return new ClassSplits(
                dataset,
                split,
                List.copyOf(sorted),
                Map.copyOf(idByKey),
                List.of(manual),
                Collections.unmodifiableMap(names),
                Collections.unmodifiableMap(ids),
                Collections.unmodifiableMap(new EnumMap<>(files)),
                List.copyOf(warnings));
    }

    /**
     * The roles the protocol gives the lists (docs/protocol.md), checked before anything is
     * trained: within a stage no class is both seen (or trained on) and unseen, a seen class is a
     * training class of its stage, and a test-unseen class is in no list that either stage trains
     * on. Otherwise a test class would be trained on, or its clips counted under two labels,
     * without any error.
     */
    private static void checkRoles(
            Map<SplitStage, Path> files,
            Map<SplitStage, int[]> ids,
            Map<SplitStage, List<String>> names)
            throws BenchmarkFormatException {
        List<SplitStage> stageOne =
                List.of(
                        SplitStage.STAGE_1_TRAIN,
                        SplitStage.STAGE_1_VAL_SEEN,
                        SplitStage.STAGE_1_VAL_UNSEEN);
        disjoint(
                files,
                ids,
                names,
                SplitStage.STAGE_1_VAL_UNSEEN,
                SplitStage.STAGE_1_TRAIN,
                "a stage-1 unseen class must not be trained on in stage 1");
        disjoint(
                files,
                ids,
                names,
                SplitStage.STAGE_1_VAL_UNSEEN,
                SplitStage.STAGE_1_VAL_SEEN,
                "a class is either seen or unseen in the stage-1 validation");
        subset(
                files,
                ids,
                names,
                SplitStage.STAGE_1_VAL_SEEN,
                List.of(SplitStage.STAGE_1_TRAIN),
                "a seen validation class must be a stage-1 training class");
        for (SplitStage trained :
                List.of(
                        SplitStage.STAGE_1_TRAIN,
                        SplitStage.STAGE_1_VAL_SEEN,
                        SplitStage.STAGE_1_VAL_UNSEEN,
                        SplitStage.STAGE_2_TRAIN)) {
            disjoint(
                    files,
                    ids,
                    names,
                    SplitStage.STAGE_2_TEST_UNSEEN,
                    trained,
                    "a test-unseen class must never be trained on (stage 2 trains on the three"
                            + " stage-1 folders)");
        }
        disjoint(
                files,
                ids,
                names,
                SplitStage.STAGE_2_TEST_UNSEEN,
                SplitStage.STAGE_2_TEST_SEEN,
                "a class is either seen or unseen in the test");
        subset(
                files,
                ids,
                names,
                SplitStage.STAGE_2_TEST_SEEN,
                stageOne,
                "a seen test class must be a stage-2 training class, i.e. in a stage-1 list");
    }

    private static void disjoint(
            Map<SplitStage, Path> files,
            Map<SplitStage, int[]> ids,
            Map<SplitStage, List<String>> names,
            SplitStage unseen,
            SplitStage other,
            String rule)
            throws BenchmarkFormatException {
        TreeSet<Integer> in = new TreeSet<>();
        Arrays.stream(ids.get(other)).forEach(in::add);
        int[] list = ids.get(unseen);
        for (int i = 0; i < list.length; i++) {
            if (in.contains(list[i])) {
                throw new BenchmarkFormatException(
                        files.get(unseen),
                        "class '"
                                + names.get(unseen).get(i)
                                + "' is also listed in "
                                + files.get(other)
                                + ": "
                                + rule);
            }
        }
    }

    private static void subset(
            Map<SplitStage, Path> files,
            Map<SplitStage, int[]> ids,
            Map<SplitStage, List<String>> names,
            SplitStage part,
            List<SplitStage> whole,
            String rule)
            throws BenchmarkFormatException {
        TreeSet<Integer> in = new TreeSet<>();
        for (SplitStage s : whole) {
            Arrays.stream(ids.get(s)).forEach(in::add);
        }
        int[] list = ids.get(part);
        for (int i = 0; i < list.length; i++) {
            if (!in.contains(list[i])) {
                throw new BenchmarkFormatException(
                        files.get(part),
                        "class '"
                                + names.get(part).get(i)
                                + "' is in none of "
                                + whole.stream().map(files::get).toList()
                                + ": "
                                + rule);
            }
        }
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
     * Reads a text file of names, one per line, trimmed; blank lines are skipped. The file passes
     * {@link InputFile}: a regular file of at most 16 MiB, strict UTF-8, a leading byte-order mark
     * dropped.
     *
     * @throws BenchmarkFormatException if the file is missing, not a readable regular file, too
     *     large or not UTF-8
     * @throws IOException if the file cannot be read
     */
    static List<String> readLines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        InputFile.open(file, InputFile.Kind.CLASS_LIST)
                .text()
                .lines()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(out::add);
        return out;
    }

    /**
     * The clips per class that a stage's {@code .csv} clip list ({@code filename,label,label_code})
     * names, by class id.
     *
     * @param csvFile the stage's {@code .csv} file
     * @return {@code [classCount]} counts; 0 for a class the file does not name
     * @throws BenchmarkFormatException if the file is not a readable CSV table, lacks the column
     *     {@code label}, or a label names no class of {@code all_class.txt}
     * @throws IOException if the file cannot be read
     */
    int[] clipCounts(Path csvFile) throws IOException {
        CsvTable table = CsvTable.read(csvFile);
        int label = table.column("label");
        int[] perClass = new int[classCount()];
        for (List<String> row : table.rows()) {
            int id = findClassId(row.get(label));
            if (id < 0) {
                throw new BenchmarkFormatException(
                        csvFile, "label '" + row.get(label) + "' is not a class of " + ALL_CLASSES);
            }
            perClass[id]++;
        }
        return perClass;
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

    /** The {@code .txt} class list of a stage (for messages). */
    public Path listFile(SplitStage stage) {
        return listFiles.get(stage);
    }

    /** The {@code .csv} clip list beside a stage's class list; the download may lack it. */
    public Path clipListFile(SplitStage stage) {
        Path txt = listFiles.get(stage);
        String name = txt.getFileName().toString();
        return txt.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".csv");
    }

    /** Oddities noticed while reading (e.g. a w2v row naming no class). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The text embedding of every class id under a text order (docs/protocol.md#text-order).
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
