package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.avca4j.trainer.data.sequence.SequenceClipSet;

/**
 * Builds the four sequence clip sets of the protocol from the class lists and per-class {@code
 * .pkl} files, in the order and with the pairing checks of {@link ClipSetAssembler}: audio and
 * video of a class hold the same clip names in the same order, and every file of a modality has the
 * same row width.
 */
final class SequenceSetAssembler {

    /** Where the clips of one class in one stage folder come from: disk or memory. */
    interface Source {
        /**
         * The clips of a class.
         *
         * @throws IOException if the file is missing or malformed
         */
        PickledClips load(Modality modality, SplitStage stage, String listedName)
                throws IOException;

        /** The file they come from, for messages. */
        Path location(Modality modality, SplitStage stage, String listedName);
    }

    private final ClassSplits splits;
    private final Source source;
    private final Map<SplitStage, List<PickledClips[]>> loaded = new EnumMap<>(SplitStage.class);
    private final int[] dims = {-1, -1};
    private final Path[] dimFiles = new Path[2];

    SequenceSetAssembler(ClassSplits splits, Source source) {
        this.splits = splits;
        this.source = source;
    }

    /** The four sets: stage-1 train, stage-1 val, stage-2 train, test. */
    SequenceClipSet[] assemble() throws IOException {
        for (SplitStage stage : SplitStage.values()) {
            if (stage.hasFeatureFolder()) {
                List<String> names = splits.classNamesAsListed(stage);
                List<PickledClips[]> pairs = new ArrayList<>();
                for (String name : names) {
                    PickledClips[] pair = new PickledClips[2];
                    for (Modality m : Modality.values()) {
                        pair[m.ordinal()] = source.load(m, stage, name);
                        checkWidth(m, pair[m.ordinal()], source.location(m, stage, name));
                    }
                    ClipSetAssembler.checkSameClips(
                            pair[0].names(),
                            source.location(Modality.AUDIO, stage, name),
                            pair[1].names(),
                            source.location(Modality.VIDEO, stage, name));
                    pairs.add(pair);
                }
                loaded.put(stage, pairs);
            }
        }
        return new SequenceClipSet[] {
            build(
                    "stage1_train",
                    ClipSetAssembler.STAGE1_TRAIN,
                    ClipSetAssembler.STAGE1_TRAIN,
                    List.of()),
            build(
                    "stage1_val",
                    ClipSetAssembler.STAGE1_VAL,
                    List.of(SplitStage.STAGE_1_VAL_SEEN),
                    List.of(SplitStage.STAGE_1_VAL_UNSEEN)),
            build(
                    "stage2_train",
                    ClipSetAssembler.STAGE2_TRAIN,
                    ClipSetAssembler.STAGE2_TRAIN,
                    List.of()),
            build(
                    "test",
                    ClipSetAssembler.TEST,
                    List.of(SplitStage.STAGE_2_TEST_SEEN),
                    List.of(SplitStage.STAGE_2_TEST_UNSEEN))
        };
    }

    private void checkWidth(Modality m, PickledClips clips, Path file)
            throws BenchmarkFormatException {
        int k = m.ordinal();
        if (dims[k] < 0) {
            dims[k] = clips.dim();
            dimFiles[k] = file;
        } else if (clips.dim() != dims[k]) {
            throw new BenchmarkFormatException(
                    file,
                    m.folder()
                            + " features have width "
                            + clips.dim()
                            + ", expected "
                            + dims[k]
                            + " like "
                            + dimFiles[k]);
        }
    }

    private SequenceClipSet build(
            String name,
            List<SplitStage> stages,
            List<SplitStage> seenFrom,
            List<SplitStage> unseenFrom) {
        List<float[][]> audio = new ArrayList<>();
        List<float[][]> video = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SplitStage s : stages) {
            int[] ids = splits.classes(s);
            List<PickledClips[]> pairs = loaded.get(s);
            for (int i = 0; i < ids.length; i++) {
                PickledClips a = pairs.get(i)[0];
                PickledClips v = pairs.get(i)[1];
                audio.addAll(rows(a));
                video.addAll(rows(v));
                for (int c = 0; c < a.clips(); c++) {
                    labels.add(ids[i]);
                    names.add(a.names()[c]);
                }
            }
        }
        return new SequenceClipSet(
                name,
                dims[0],
                dims[1],
                audio.toArray(float[][][]::new),
                video.toArray(float[][][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(),
                names.toArray(String[]::new),
                ClipSetAssembler.sortedIds(splits, seenFrom),
                ClipSetAssembler.sortedIds(splits, unseenFrom));
    }

    /** A file's clips as {@code [T_i][D]} arrays. */
    static List<float[][]> rows(PickledClips clips) {
        List<float[][]> out = new ArrayList<>(clips.clips());
        int at = 0;
        for (int t : clips.lengths()) {
            float[][] clip = new float[t][clips.dim()];
            for (int r = 0; r < t; r++) {
                System.arraycopy(clips.data(), at, clip[r], 0, clips.dim());
                at += clips.dim();
            }
            out.add(clip);
        }
        return out;
    }
}
