package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the four clip sets of the protocol (docs/protocol.md) from the class lists and the
 * per-class feature files, checking that audio and video hold the same clips and that all files of
 * a modality have the same width.
 *
 * <p>Order within a set: stage folder by stage folder (train, val-seen, val-unseen; test-seen,
 * test-unseen), within a folder the classes in the order of its {@code .txt} list, within a class
 * the rows of its file.
 */
final class ClipSetAssembler {

    /** The stage folders read into each set, in order. */
    static final List<SplitStage> STAGE1_TRAIN = List.of(SplitStage.STAGE_1_TRAIN);

    static final List<SplitStage> STAGE1_VAL =
            List.of(SplitStage.STAGE_1_VAL_SEEN, SplitStage.STAGE_1_VAL_UNSEEN);
    static final List<SplitStage> STAGE2_TRAIN =
            List.of(
                    SplitStage.STAGE_1_TRAIN,
                    SplitStage.STAGE_1_VAL_SEEN,
                    SplitStage.STAGE_1_VAL_UNSEEN);
    static final List<SplitStage> TEST =
            List.of(SplitStage.STAGE_2_TEST_SEEN, SplitStage.STAGE_2_TEST_UNSEEN);

    private final ClassSplits splits;
    private final FeatureSource source;
    private final Map<SplitStage, List<FeatureFile[]>> loaded = new EnumMap<>(SplitStage.class);
    private int audioDim = -1;
    private int videoDim = -1;
    private Path audioDimFile;
    private Path videoDimFile;

    ClipSetAssembler(ClassSplits splits, FeatureSource source) {
        this.splits = splits;
        this.source = source;
    }

    /** The four sets: stage-1 train, stage-1 val, stage-2 train, test. */
    ClipSet[] assemble() throws IOException {
        for (SplitStage stage : SplitStage.values()) {
            if (stage.hasFeatureFolder()) {
                loaded.put(stage, loadStage(stage));
            }
        }
        return new ClipSet[] {
            build("stage1_train", STAGE1_TRAIN, STAGE1_TRAIN, List.of()),
            build(
                    "stage1_val",
                    STAGE1_VAL,
                    List.of(SplitStage.STAGE_1_VAL_SEEN),
                    List.of(SplitStage.STAGE_1_VAL_UNSEEN)),
            build("stage2_train", STAGE2_TRAIN, STAGE2_TRAIN, List.of()),
            build(
                    "test",
                    TEST,
                    List.of(SplitStage.STAGE_2_TEST_SEEN),
                    List.of(SplitStage.STAGE_2_TEST_UNSEEN))
        };
    }

    /** Audio and video of every class of a stage folder: pairs {audio, video} in list order. */
    private List<FeatureFile[]> loadStage(SplitStage stage) throws IOException {
        int[] ids = splits.classes(stage);
        List<String> names = splits.classNamesAsListed(stage);
        List<FeatureFile[]> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            String name = names.get(i);
            FeatureFile audio = source.load(Modality.AUDIO, stage, ids[i], name);
            FeatureFile video = source.load(Modality.VIDEO, stage, ids[i], name);
            Path audioFile = source.location(Modality.AUDIO, stage, name);
            Path videoFile = source.location(Modality.VIDEO, stage, name);
            checkWidth(Modality.AUDIO, audio, audioFile);
            checkWidth(Modality.VIDEO, video, videoFile);
            checkSameClips(audio, audioFile, video, videoFile);
            out.add(new FeatureFile[] {audio, video});
        }
        return out;
    }

    private void checkWidth(Modality m, FeatureFile f, Path file) throws BenchmarkFormatException {
        if (m == Modality.AUDIO) {
            if (audioDim < 0) {
                audioDim = f.dim();
                audioDimFile = file;
            } else if (f.dim() != audioDim) {
                throw new BenchmarkFormatException(
                        file,
                        "audio features have width "
                                + f.dim()
                                + ", expected "
                                + audioDim
                                + " like "
                                + audioDimFile);
            }
        } else if (videoDim < 0) {
            videoDim = f.dim();
            videoDimFile = file;
        } else if (f.dim() != videoDim) {
            throw new BenchmarkFormatException(
                    file,
                    "video features have width "
                            + f.dim()
                            + ", expected "
                            + videoDim
                            + " like "
                            + videoDimFile);
        }
    }

    private static void checkSameClips(
            FeatureFile audio, Path audioFile, FeatureFile video, Path videoFile)
            throws BenchmarkFormatException {
        checkSameClips(audio.urls(), audioFile, video.urls(), videoFile);
    }

    /**
     * Checks that the audio and video files of a class name the same clips in the same order.
     *
     * @throws BenchmarkFormatException naming the video file, the clip and both names
     */
    static void checkSameClips(String[] audio, Path audioFile, String[] video, Path videoFile)
            throws BenchmarkFormatException {
        if (audio.length != video.length) {
            throw new BenchmarkFormatException(
                    videoFile,
                    video.length
                            + " clips, expected the "
                            + audio.length
                            + " clips of "
                            + audioFile
                            + " in the same order");
        }
        for (int i = 0; i < audio.length; i++) {
            if (!audio[i].equals(video[i])) {
                throw new BenchmarkFormatException(
                        videoFile,
                        "clip "
                                + i
                                + " is '"
                                + video[i]
                                + "', expected '"
                                + audio[i]
                                + "' as in "
                                + audioFile
                                + " (same clips in the same order)");
            }
        }
    }

    private ClipSet build(
            String name,
            List<SplitStage> stages,
            List<SplitStage> seenFrom,
            List<SplitStage> unseenFrom) {
        int size = 0;
        for (SplitStage s : stages) {
            for (FeatureFile[] pair : loaded.get(s)) {
                size += pair[0].rows();
            }
        }
        float[] audio = new float[size * audioDim];
        float[] video = new float[size * videoDim];
        int[] labels = new int[size];
        String[] urls = new String[size];
        int row = 0;
        for (SplitStage s : stages) {
            int[] ids = splits.classes(s);
            List<FeatureFile[]> pairs = loaded.get(s);
            for (int i = 0; i < ids.length; i++) {
                FeatureFile a = pairs.get(i)[0];
                FeatureFile v = pairs.get(i)[1];
                System.arraycopy(a.data(), 0, audio, row * audioDim, a.data().length);
                System.arraycopy(v.data(), 0, video, row * videoDim, v.data().length);
                System.arraycopy(a.urls(), 0, urls, row, a.rows());
                Arrays.fill(labels, row, row + a.rows(), ids[i]);
                row += a.rows();
            }
        }
        return new ClipSet(
                name,
                size,
                audioDim,
                videoDim,
                audio,
                video,
                labels,
                urls,
                sortedIds(seenFrom),
                sortedIds(unseenFrom));
    }

    private int[] sortedIds(List<SplitStage> stages) {
        return sortedIds(splits, stages);
    }

    /** The ids of the classes listed in any of the stages, ascending. */
    static int[] sortedIds(ClassSplits splits, List<SplitStage> stages) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (SplitStage s : stages) {
            Arrays.stream(splits.classes(s)).forEach(ids::add);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
