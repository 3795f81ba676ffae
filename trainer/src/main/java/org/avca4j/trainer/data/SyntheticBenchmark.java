package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SequenceClipSet;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.avca4j.trainer.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic benchmark in the layout of the AVCA download (docs/data-format.md), for tests and
 * demos: either written to disk ({@link #write}) for {@link BenchmarkReader}, or built in memory
 * ({@link #generate}). The same settings and seed give byte-identical files and identical arrays.
 *
 * <p>Classes come either from a real class-split folder ({@link Builder#optFromSplits}: its {@code
 * all_class.txt}, w2v table and split lists, per-class clip counts from the split's {@code .csv}
 * files, and the real text embeddings where found at {@code <datasetFolder>/} or {@code
 * features/<set>/text/}, else random unit vectors), or are invented: {@code n} classes {@code
 * class_000 …} (manual names {@code class 000 …}) with random unit 300-d embeddings, split by a
 * seeded shuffle into test-unseen (n/5, at least 1), val-unseen (n/5, at least 1) and stage-1 train
 * (the rest), with val-seen = stage-1 train, stage-2 train = stage-1 train ∪ val-unseen and
 * test-seen = stage-2 train, as in the real benchmarks; each invented class has {@code
 * clipsPerClass} clips in every folder it appears in.
 *
 * <p>A class without clips in a stage's {@code .csv} (VGGSound's download lacks the train {@code
 * .csv} files) gets the median per-class count over the split's available {@code .csv} files (the
 * lower median), with a log line. Features: see {@link FeatureSynthesizer}.
 */
public final class SyntheticBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticBenchmark.class);

    private final Builder settings;

    private SyntheticBenchmark(Builder settings) {
        this.settings = settings;
    }

    /** A builder; {@code setDataset} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the benchmark in memory, as {@link BenchmarkReader} would read it after {@link
     * #write}.
     *
     * @param textOrder how text embeddings are assigned to classes
     * @throws IOException if the source class-split folder cannot be read
     */
    public Benchmark generate(TextOrder textOrder) throws IOException {
        Plan plan = plan();
        Map<String, FeatureFile[]> byKey = new LinkedHashMap<>();
        for (SplitStage stage : SplitStage.values()) {
            if (stage.hasFeatureFolder()) {
                int[] ids = plan.splits.classes(stage);
                for (int i = 0; i < ids.length; i++) {
                    byKey.put(stage + "/" + ids[i], plan.clips(stage, i));
                }
            }
        }
        Path virtualFeatures =
                Path.of(
                        "synthetic",
                        settings.dataset.folder(),
                        "features",
                        settings.featureSet.folder());
        FeatureSource memory =
                new FeatureSource() {
                    @Override
                    public FeatureFile load(
                            Modality modality, SplitStage stage, int classId, String listedName) {
                        return byKey.get(stage + "/" + classId)[modality.ordinal()];
                    }

                    @Override
                    public Path location(Modality modality, SplitStage stage, String listedName) {
                        return BenchmarkLayout.stageDir(virtualFeatures, modality, stage)
                                .resolve(listedName + ".h5");
                    }
                };
        ClipSet[] sets = new ClipSetAssembler(plan.splits, memory).assemble();
        float[][] embeddings =
                plan.splits.assignEmbeddings(
                        plan.embeddings,
                        textOrder,
                        BenchmarkLayout.textFile(virtualFeatures, settings.dataset));
        return Benchmark.of(
                settings.dataset,
                settings.featureSet,
                settings.split,
                textOrder,
                plan.splits,
                embeddings,
                sets,
                plan.splits.warnings());
    }

    /** {@link #generate(TextOrder)} with {@link TextOrder#OWN}. */
    public Benchmark generate() throws IOException {
        return generate(TextOrder.OWN);
    }

    /**
     * Writes the benchmark under {@code <root>/<Dataset>/}: class-split files, HDF5 features and
     * the pickled text embeddings. Every file is written atomically.
     *
     * @return the dataset folder
     * @throws IOException if the source class-split folder cannot be read or writing fails
     */
    public Path write(Path root) throws IOException {
        long start = System.nanoTime();
        Plan plan = plan();
        Path datasetDir = BenchmarkLayout.datasetDir(root, settings.dataset);
        Path classSplit = BenchmarkLayout.classSplitDir(datasetDir);
        if (settings.layout == DataLayout.CLIPCLAP) {
            writeClipClap(plan, datasetDir, classSplit);
            LOG.info(
                    "Wrote synthetic {} in the ClipClap layout under {}: {} classes in {} ms",
                    settings.dataset,
                    datasetDir,
                    plan.splits.classCount(),
                    (System.nanoTime() - start) / 1_000_000);
            return datasetDir;
        }
        writeClassLists(
                plan, classSplit, BenchmarkLayout.classNamesFile(settings.dataset), "manual");

        Path featureDir = BenchmarkLayout.featureDir(datasetDir, settings.featureSet);
        Map<SplitStage, StringBuilder> csv = new EnumMap<>(SplitStage.class);
        int clips = 0;
        for (SplitStage stage : SplitStage.values()) {
            csv.put(
                    stage,
                    new StringBuilder(
                            CsvTable.formatRecord(List.of("filename", "label", "label_code"))));
        }
        for (SplitStage stage : SplitStage.values()) {
            if (!stage.hasFeatureFolder()) {
                continue;
            }
            int[] ids = plan.splits.classes(stage);
            List<String> names = plan.splits.classNamesAsListed(stage);
            for (int i = 0; i < ids.length; i++) {
                FeatureFile[] pair = plan.clips(stage, i);
                for (Modality m : Modality.values()) {
                    Hdf5Features.write(
                            BenchmarkLayout.stageDir(featureDir, m, stage)
                                    .resolve(names.get(i) + ".h5"),
                            pair[m.ordinal()]);
                }
                for (String url : pair[0].urls()) {
                    String row =
                            CsvTable.formatRecord(
                                    List.of(url, names.get(i), Integer.toString(ids[i])));
                    csv.get(stage).append(row);
                    if (ClipSetAssembler.STAGE2_TRAIN.contains(stage)) {
                        csv.get(SplitStage.STAGE_2_TRAIN).append(row);
                    }
                }
                clips += pair[0].rows();
            }
        }
        for (SplitStage stage : SplitStage.values()) {
            writeText(
                    BenchmarkLayout.splitDir(classSplit, settings.split)
                            .resolve(stage.fileBase() + ".csv"),
                    csv.get(stage).toString());
        }
        TextEmbeddings.write(
                BenchmarkLayout.textFile(featureDir, settings.dataset), plan.embeddings);
        LOG.info(
                "Wrote synthetic {} {}/{} under {}: {} classes, {} clips in the stage folders, audio {}-d, video {}-d, in {} ms",
                settings.dataset,
                settings.featureSet.folder(),
                settings.split,
                datasetDir,
                plan.splits.classCount(),
                clips,
                settings.audioDim,
                settings.videoDim,
                (System.nanoTime() - start) / 1_000_000);
        return datasetDir;
    }

    /**
     * Writes the benchmark in TCaF's layout under {@code <root>/<Dataset>/}: the class lists and
     * w2v table, per class and stage folder {@code
     * features/<set>_features_non_averaged/{audio,video}/<stage>/<Class>.pkl} of float32 sequences
     * (each clip's vector expanded by {@code sequences}), and AVCA's text {@code .npy} in that
     * folder's {@code text/}. Every file is written atomically.
     *
     * @param sequences how clip vectors become sequences
     * @return the dataset folder
     * @throws IllegalStateException if the layout is ClipClap
     * @throws IOException if the source class-split folder cannot be read or writing fails
     */
    public Path writeSequences(Path root, SyntheticSequences sequences) throws IOException {
        if (settings.layout == DataLayout.CLIPCLAP) {
            throw new IllegalStateException("writeSequences writes the TCaF layout, not ClipClap");
        }
        Plan plan = plan();
        Path datasetDir = BenchmarkLayout.datasetDir(root, settings.dataset);
        writeClassLists(
                plan,
                BenchmarkLayout.classSplitDir(datasetDir),
                BenchmarkLayout.classNamesFile(settings.dataset),
                "manual");
        Path featureDir = TcafReader.featureDir(datasetDir, settings.featureSet);
        for (SplitStage stage : SplitStage.values()) {
            if (!stage.hasFeatureFolder()) {
                continue;
            }
            List<String> names = plan.splits.classNamesAsListed(stage);
            for (int i = 0; i < names.size(); i++) {
                SequenceClipSet clips = sequenceClips(plan, stage, i, sequences);
                PickledClassFile.writeSequences(
                        BenchmarkLayout.stageDir(featureDir, Modality.AUDIO, stage)
                                .resolve(names.get(i) + ".pkl"),
                        clips.audio(),
                        clips.names());
                PickledClassFile.writeSequences(
                        BenchmarkLayout.stageDir(featureDir, Modality.VIDEO, stage)
                                .resolve(names.get(i) + ".pkl"),
                        clips.video(),
                        clips.names());
            }
        }
        TextEmbeddings.write(
                BenchmarkLayout.textFile(featureDir, settings.dataset), plan.embeddings);
        LOG.info(
                "Wrote synthetic {} in the TCaF layout under {}: {} classes",
                settings.dataset,
                datasetDir,
                plan.splits.classCount());
        return datasetDir;
    }

    /**
     * The sequence benchmark {@link #writeSequences} writes, built in memory as {@link
     * BenchmarkReader#readSequences} reads it.
     *
     * @throws IOException if the source class-split folder cannot be read
     */
    public SequenceBenchmark generateSequences(SyntheticSequences sequences, TextOrder textOrder)
            throws IOException {
        Plan plan = plan();
        Path featureDir =
                TcafReader.featureDir(
                        Path.of("synthetic", settings.dataset.folder()), settings.featureSet);
        SequenceClipSet[] sets =
                new SequenceSetAssembler(
                                plan.splits,
                                new SequenceSetAssembler.Source() {
                                    @Override
                                    public PickledClips load(
                                            Modality m, SplitStage stage, String name) {
                                        int i = plan.splits.classNamesAsListed(stage).indexOf(name);
                                        SequenceClipSet c =
                                                sequenceClips(plan, stage, i, sequences);
                                        return flat(
                                                m == Modality.AUDIO ? c.audio() : c.video(),
                                                c.names());
                                    }

                                    @Override
                                    public Path location(
                                            Modality m, SplitStage stage, String name) {
                                        return BenchmarkLayout.stageDir(featureDir, m, stage)
                                                .resolve(name + ".pkl");
                                    }
                                })
                        .assemble();
        float[][] embeddings =
                plan.splits.assignEmbeddings(
                        plan.embeddings,
                        textOrder,
                        BenchmarkLayout.textFile(featureDir, settings.dataset));
        return new SequenceBenchmark(
                settings.dataset,
                settings.featureSet,
                settings.split,
                plan.splits.classNames(),
                embeddings,
                textOrder,
                sets[0],
                sets[1],
                sets[2],
                sets[3],
                plan.splits.warnings());
    }

    /** The i-th listed class of a stage folder as sequences, seeded by (stage, class). */
    private static SequenceClipSet sequenceClips(
            Plan plan, SplitStage stage, int i, SyntheticSequences sequences) {
        FeatureFile[] pair = plan.clips(stage, i);
        int classId = plan.splits.classes(stage)[i];
        int[] labels = new int[pair[0].rows()];
        Arrays.fill(labels, classId);
        ClipSet vectors =
                new ClipSet(
                        stage.fileBase(),
                        pair[0].rows(),
                        pair[0].dim(),
                        pair[1].dim(),
                        pair[0].data(),
                        pair[1].data(),
                        labels,
                        pair[0].urls(),
                        new int[0],
                        new int[0]);
        return sequences.expand(vectors, 1 + stage.ordinal() * 100_003 + classId);
    }

    private static PickledClips flat(float[][][] clips, String[] names) {
        int dim = clips[0][0].length;
        int[] lengths = new int[clips.length];
        int rows = 0;
        for (int k = 0; k < clips.length; k++) {
            lengths[k] = clips[k].length;
            rows += lengths[k];
        }
        float[] data = new float[rows * dim];
        int at = 0;
        for (float[][] clip : clips) {
            for (float[] row : clip) {
                System.arraycopy(row, 0, data, at, dim);
                at += dim;
            }
        }
        return new PickledClips(dim, lengths, data, names, "f4", List.of());
    }

    /** {@code all_class.txt}, the class-name table {@code original,<keyColumn>} and the lists. */
    private void writeClassLists(Plan plan, Path classSplit, String namesFile, String keyColumn)
            throws IOException {
        writeText(classSplit.resolve(ClassSplits.ALL_CLASSES), lines(plan.allClassLines));
        StringBuilder table =
                new StringBuilder(CsvTable.formatRecord(List.of("original", keyColumn)));
        plan.splits
                .manualByOriginal()
                .forEach((o, m) -> table.append(CsvTable.formatRecord(List.of(o, m))));
        writeText(classSplit.resolve(namesFile), table.toString());
        for (SplitStage stage : SplitStage.values()) {
            writeText(
                    BenchmarkLayout.splitDir(classSplit, settings.split)
                            .resolve(stage.fileBase() + ".txt"),
                    lines(plan.splits.classNamesAsListed(stage)));
        }
    }

    /**
     * The ClipClap layout ({@link ClipClapLayout}): class lists, the dataset's name table, per
     * class and stage folder a {@code .pkl} of 1-D clips (video float16, audio float32), and the
     * text split into the CLIP dict (its first {@code videoDim} values) and the CLAP dict (the
     * rest).
     */
    private void writeClipClap(Plan plan, Path datasetDir, Path classSplit) throws IOException {
        DatasetName ds = settings.dataset;
        writeClassLists(
                plan, classSplit, ClipClapLayout.classNamesFile(ds), ClipClapLayout.keyColumn(ds));
        Path featureDir = ClipClapLayout.featureDir(datasetDir);
        for (SplitStage stage : SplitStage.values()) {
            if (!stage.hasFeatureFolder()) {
                continue;
            }
            List<String> names = plan.splits.classNamesAsListed(stage);
            for (int i = 0; i < names.size(); i++) {
                FeatureFile[] pair = plan.clips(stage, i);
                for (Modality m : Modality.values()) {
                    PickledClassFile.writeVectors(
                            BenchmarkLayout.stageDir(featureDir, m, stage)
                                    .resolve(names.get(i) + ".pkl"),
                            pair[m.ordinal()],
                            m == Modality.VIDEO);
                }
            }
        }
        Map<String, float[]> clip = new LinkedHashMap<>();
        Map<String, float[]> clap = new LinkedHashMap<>();
        plan.embeddings.forEach(
                (k, w) -> {
                    clip.put(k, Arrays.copyOfRange(w, 0, settings.videoDim));
                    clap.put(k, Arrays.copyOfRange(w, settings.videoDim, w.length));
                });
        TextEmbeddings.write(ClipClapLayout.clipTextFile(featureDir, ds), clip);
        TextEmbeddings.write(ClipClapLayout.clapTextFile(featureDir, ds), clap);
    }

    private static String lines(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private Plan plan() throws IOException {
        return settings.fromSplits != null ? planFromSplits(settings.fromSplits) : inventedPlan();
    }

    /** Classes, lists and counts read from a real class-split folder. */
    private Plan planFromSplits(Path datasetFolder) throws IOException {
        DatasetName ds = settings.dataset;
        Path classSplit = BenchmarkLayout.classSplitDir(datasetFolder);
        ClassSplits splits = ClassSplits.read(classSplit, ds, settings.split);
        List<String> allLines = ClassSplits.readLines(classSplit.resolve(ClassSplits.ALL_CLASSES));

        Map<SplitStage, int[]> counts = new EnumMap<>(SplitStage.class);
        List<Integer> pooled = new ArrayList<>();
        for (SplitStage stage : SplitStage.values()) {
            Path csvFile = splits.clipListFile(stage);
            if (!stage.hasFeatureFolder() || !Files.isRegularFile(csvFile)) {
                continue;
            }
            int[] perClass = splits.clipCounts(csvFile);
            int[] ids = splits.classes(stage);
            int[] c = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                c[i] = perClass[ids[i]];
                if (c[i] > 0) {
                    pooled.add(c[i]);
                }
            }
            counts.put(stage, c);
        }
        if (pooled.isEmpty()) {
            throw new BenchmarkFormatException(
                    BenchmarkLayout.splitDir(classSplit, settings.split),
                    "no stage .csv file with clips, expected "
                            + "at least one to derive per-class clip counts");
        }
        pooled.sort(null);
        int median = pooled.get((pooled.size() - 1) / 2);
        for (SplitStage stage : SplitStage.values()) {
            if (!stage.hasFeatureFolder()) {
                continue;
            }
            int[] c = counts.computeIfAbsent(stage, s -> new int[splits.classes(s).length]);
            int filled = 0;
            for (int i = 0; i < c.length; i++) {
                if (c[i] == 0) {
                    c[i] = median;
                    filled++;
                }
            }
            if (filled > 0) {
                LOG.info(
                        "{}/{}: {} classes without clips in the .csv get the median count {}",
                        settings.split,
                        stage.fileBase(),
                        filled,
                        median);
            }
        }

        Map<String, float[]> embeddings = null;
        for (Path p :
                List.of(
                        BenchmarkLayout.textFile(
                                BenchmarkLayout.featureDir(datasetFolder, settings.featureSet), ds),
                        BenchmarkLayout.fallbackTextFile(datasetFolder, ds))) {
            if (embeddings == null && Files.isRegularFile(p)) {
                embeddings = TextEmbeddings.read(p);
            }
        }
        if (embeddings == null) {
            LOG.info("No text embeddings in {}: using random unit vectors", datasetFolder);
            embeddings = randomEmbeddings(splits);
        }
        return new Plan(splits, allLines, embeddings, counts);
    }

    /** Invented classes, see the class comment. */
    private Plan inventedPlan() throws BenchmarkFormatException {
        int n = settings.classes;
        List<String> originals = new ArrayList<>();
        List<String[]> pairs = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            String o = String.format(Locale.ROOT, "class_%03d", c);
            originals.add(o);
            pairs.add(new String[] {o, String.format(Locale.ROOT, "class %03d", c)});
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = FeatureSynthesizer.stream(settings.seed, 6, 0, 0);
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int unseen = Math.max(1, n / 5);
        TreeSet<Integer> testUnseen = new TreeSet<>(Arrays.asList(order).subList(0, unseen));
        TreeSet<Integer> valUnseen =
                new TreeSet<>(Arrays.asList(order).subList(unseen, 2 * unseen));
        TreeSet<Integer> train = new TreeSet<>(Arrays.asList(order).subList(2 * unseen, n));
        TreeSet<Integer> stage2 = new TreeSet<>(train);
        stage2.addAll(valUnseen);
        Map<SplitStage, TreeSet<Integer>> sets = new EnumMap<>(SplitStage.class);
        sets.put(SplitStage.STAGE_1_TRAIN, train);
        sets.put(SplitStage.STAGE_1_VAL_SEEN, train);
        sets.put(SplitStage.STAGE_1_VAL_UNSEEN, valUnseen);
        sets.put(SplitStage.STAGE_2_TRAIN, stage2);
        sets.put(SplitStage.STAGE_2_TEST_SEEN, stage2);
        sets.put(SplitStage.STAGE_2_TEST_UNSEEN, testUnseen);
        Map<SplitStage, List<String>> lists = new EnumMap<>(SplitStage.class);
        Map<SplitStage, Path> files = new EnumMap<>(SplitStage.class);
        Map<SplitStage, int[]> counts = new EnumMap<>(SplitStage.class);
        Path classSplit =
                BenchmarkLayout.classSplitDir(Path.of("synthetic", settings.dataset.folder()));
        sets.forEach(
                (stage, ids) -> {
                    lists.put(stage, ids.stream().map(originals::get).toList());
                    files.put(
                            stage,
                            BenchmarkLayout.splitDir(classSplit, settings.split)
                                    .resolve(stage.fileBase() + ".txt"));
                    int[] c = new int[ids.size()];
                    Arrays.fill(c, settings.clipsPerClass);
                    counts.put(stage, c);
                });
        ClassSplits splits =
                ClassSplits.of(
                        settings.dataset,
                        settings.split,
                        classSplit.resolve(ClassSplits.ALL_CLASSES),
                        originals,
                        classSplit.resolve(BenchmarkLayout.classNamesFile(settings.dataset)),
                        pairs,
                        files,
                        lists);
        return new Plan(splits, originals, randomEmbeddings(splits), counts);
    }

    private Map<String, float[]> randomEmbeddings(ClassSplits splits) {
        SplittableRandom random = FeatureSynthesizer.stream(settings.seed, 7, 0, 0);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int c = 0; c < splits.classCount(); c++) {
            out.put(splits.manualName(c), FeatureSynthesizer.unitVector(random, settings.textDim));
        }
        return out;
    }

    /**
     * What to generate: classes, text, and clip counts per class of each stage folder (list order).
     */
    private final class Plan {
        final ClassSplits splits;
        final List<String> allClassLines;
        final Map<String, float[]> embeddings;
        final Map<SplitStage, int[]> counts;
        final FeatureSynthesizer synth;

        Plan(
                ClassSplits splits,
                List<String> allClassLines,
                Map<String, float[]> embeddings,
                Map<SplitStage, int[]> counts)
                throws BenchmarkFormatException {
            this.splits = splits;
            this.allClassLines = allClassLines;
            this.embeddings = embeddings;
            this.counts = counts;
            int textDim = embeddings.values().iterator().next().length;
            this.synth =
                    new FeatureSynthesizer(
                            settings.seed, textDim, settings.audioDim, settings.videoDim);
            // Fails early, naming the class, if a manual name has no vector.
            splits.assignEmbeddings(
                    embeddings,
                    TextOrder.OWN,
                    Path.of(BenchmarkLayout.embeddingsFile(settings.dataset)));
        }

        /** Audio and video of the i-th class of a stage's list. */
        FeatureFile[] clips(SplitStage stage, int i) {
            int classId = splits.classes(stage)[i];
            int count = Math.max(1, (int) Math.round(counts.get(stage)[i] * settings.clipScale));
            String[] urls = new String[count];
            for (int k = 0; k < count; k++) {
                urls[k] = String.format(Locale.ROOT, "c%03d_%s_%05d", classId, stage.fileBase(), k);
            }
            FeatureFile[] pair =
                    synth.clips(
                            embeddings.get(splits.manualName(classId)),
                            classId,
                            stage,
                            count,
                            urls);
            if (settings.layout == DataLayout.CLIPCLAP) {
                float[] v = pair[1].data();
                for (int k = 0; k < v.length; k++) { // the layout stores video as float16
                    v[k] = NumpyUnpickler.halfToFloat(NumpyPickleWriter.floatToHalf(v[k]));
                }
            }
            return pair;
        }
    }

    /** Builder of {@link SyntheticBenchmark}. */
    public static final class Builder extends BenchmarkChoice<Builder> {
        private int audioDim = 512;
        private int videoDim = 512;
        private Path fromSplits;
        private int classes = 10;
        private int clipsPerClass = 8;
        private int textDim = 300;
        private double clipScale = 1.0;
        private long seed = 42;
        private DataLayout layout = DataLayout.AVCA;

        private Builder() {}

        /**
         * The layout {@link #write} produces; default {@link DataLayout#AVCA}. {@link
         * DataLayout#CLIPCLAP} also sets feature set and split to {@code cls}, the widths to audio
         * 1024 (CLAP) and video 512 (CLIP) and the text width to 1536, unless set afterwards.
         *
         * @throws IllegalArgumentException for {@link DataLayout#TCAF} (sequences: not a {@link
         *     Benchmark})
         */
        public Builder optLayout(DataLayout layout) {
            if (layout == DataLayout.TCAF) {
                throw new IllegalArgumentException(
                        "the TCaF layout holds sequences: write it with writeSequences");
            }
            this.layout = Objects.requireNonNull(layout, "layout");
            if (layout == DataLayout.CLIPCLAP) {
                featureSet = FeatureSet.CLS;
                split = org.avca4j.sdk.card.SplitName.CLS;
                audioDim = 1024;
                videoDim = 512;
                textDim = 1536;
            }
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The feature set; default {@link FeatureSet#MAIN} (512/512). {@link FeatureSet#CLS} sets
         * the widths to 128/4096 unless {@link #optWidths} overrides them afterwards.
         *
         * @throws NullPointerException if {@code featureSet} is null
         */
        @Override
        public Builder optFeatureSet(FeatureSet featureSet) {
            super.optFeatureSet(featureSet);
            if (featureSet == FeatureSet.CLS) {
                audioDim = 128;
                videoDim = 4096;
            }
            return this;
        }

        /**
         * Audio and video feature widths.
         *
         * @throws IllegalArgumentException if a width is not positive
         */
        public Builder optWidths(int audioDim, int videoDim) {
            if (audioDim <= 0 || videoDim <= 0) {
                throw new IllegalArgumentException(
                        "widths must be positive, got " + audioDim + " and " + videoDim);
            }
            this.audioDim = audioDim;
            this.videoDim = videoDim;
            return this;
        }

        /**
         * Take classes, lists, counts and text from a real {@code <Dataset>} folder holding {@code
         * class-split/}.
         */
        public Builder optFromSplits(Path datasetFolder) {
            this.fromSplits = Objects.requireNonNull(datasetFolder, "datasetFolder");
            return this;
        }

        /**
         * Number of invented classes (default 10), when not {@link #optFromSplits}.
         *
         * @throws IllegalArgumentException if fewer than 3
         */
        public Builder optClasses(int classes) {
            if (classes < 3) {
                throw new IllegalArgumentException(
                        "need at least 3 classes (train, val-unseen, test-unseen), got " + classes);
            }
            this.classes = classes;
            return this;
        }

        /**
         * Clips per invented class in each folder it appears in (default 8).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder optClipsPerClass(int clipsPerClass) {
            if (clipsPerClass <= 0) {
                throw new IllegalArgumentException(
                        "clipsPerClass must be positive, got " + clipsPerClass);
            }
            this.clipsPerClass = clipsPerClass;
            return this;
        }

        /**
         * Width of invented text embeddings (default 300).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder optTextDim(int textDim) {
            if (textDim <= 0) {
                throw new IllegalArgumentException("textDim must be positive, got " + textDim);
            }
            this.textDim = textDim;
            return this;
        }

        /**
         * Multiplies every clip count (rounded, at least 1 per class); default 1.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder optClipScale(double clipScale) {
            if (!(clipScale > 0)) {
                throw new IllegalArgumentException("clipScale must be positive, got " + clipScale);
            }
            this.clipScale = clipScale;
            return this;
        }

        /** Seed of every random choice; default 42. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalStateException if the dataset is not set
         */
        public SyntheticBenchmark build() {
            if (dataset == null) {
                throw new IllegalStateException("SyntheticBenchmark needs setDataset");
            }
            if (layout == DataLayout.CLIPCLAP && fromSplits != null) {
                throw new IllegalStateException(
                        "the ClipClap layout is written with invented classes only (its text is "
                                + "CLIP+CLAP, not the w2v vectors of a class-split folder)");
            }
            if (layout == DataLayout.CLIPCLAP && textDim <= videoDim) {
                throw new IllegalStateException(
                        "the ClipClap layout splits the text into CLIP (videoDim "
                                + videoDim
                                + ") and CLAP parts: textDim "
                                + textDim
                                + " must exceed videoDim");
            }
            Builder copy = new Builder();
            copy.layout = layout;
            copy.dataset = dataset;
            copy.split = split;
            copy.featureSet = featureSet;
            copy.audioDim = audioDim;
            copy.videoDim = videoDim;
            copy.fromSplits = fromSplits;
            copy.classes = classes;
            copy.clipsPerClass = clipsPerClass;
            copy.textDim = textDim;
            copy.clipScale = clipScale;
            copy.seed = seed;
            return new SyntheticBenchmark(copy);
        }
    }
}
