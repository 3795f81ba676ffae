package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SyntheticSequences;
import org.avca4j.trainer.model.AvcaConfig;

/** Tiny synthetic benchmarks and a narrow architecture, so that a whole protocol takes seconds. */
final class Tiny {

    static final int TEXT_DIM = 30;
    static final int AUDIO_DIM = 16;
    static final int VIDEO_DIM = 24;
    static final TrainingOverrides OVERRIDES = new TrainingOverrides(2, 2, 8);

    private Tiny() {}

    /** {@link #OVERRIDES} as command-line options. */
    static List<String> overrideOptions() {
        return List.of(
                "--epochs",
                "" + OVERRIDES.epochs(),
                "--batches",
                "" + OVERRIDES.batchesPerEpoch(),
                "--batch-size",
                "" + OVERRIDES.batchSize());
    }

    /**
     * A synthetic UCF with 8 invented classes (1 test-unseen, 1 val-unseen, 6 training) in the
     * published layout.
     */
    static SyntheticBenchmark ucf(long seed) {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optClasses(8)
                .optClipsPerClass(6)
                .optWidths(AUDIO_DIM, VIDEO_DIM)
                .optTextDim(TEXT_DIM)
                .optSeed(seed)
                .build();
    }

    /** Writes {@link #ucf} under {@code root}. */
    static Path writeUcf(Path root, long seed) throws IOException {
        ucf(seed).write(root);
        return root;
    }

    /** TCaF narrowed (one layer of two 16-wide heads, 32-wide encoders), for {@code --set}. */
    static final Map<String, String> TCAF_NARROW =
            Map.of("encoder_hidden", "32", "depth", "1", "heads", "2", "head_dim", "16");

    /** {@link #TCAF_NARROW} with 2 epochs of 3 batches of 16 clips. */
    static final PresetChanges TCAF_CHANGES =
            new PresetChanges(
                    new TrainingOverrides(2, 3, 16), UnaryOperator.identity(), TCAF_NARROW);

    /**
     * A synthetic UCF (main) of 12 classes, 8 clips each, as sequences of 2 to 4 rows of mixed
     * lengths (audio 16-d, video 20-d, text 24-d).
     */
    static SequenceBenchmark sequences() throws IOException {
        Benchmark vectors =
                SyntheticBenchmark.builder()
                        .setDataset(DatasetName.UCF)
                        .optFeatureSet(FeatureSet.MAIN)
                        .optClasses(12)
                        .optClipsPerClass(8)
                        .optWidths(16, 20)
                        .optTextDim(24)
                        .optSeed(5)
                        .build()
                        .generate();
        return new SyntheticSequences(2, 4, 0.1, 7).expand(vectors);
    }

    /** The preset's dropouts and momentum with narrow layers and {@link #TEXT_DIM}-wide text. */
    static AvcaConfig narrow(AvcaConfig preset) {
        return new AvcaConfig(
                preset.audioDim(),
                preset.videoDim(),
                TEXT_DIM,
                24,
                24,
                12,
                3,
                TEXT_DIM / 3,
                12,
                preset.dropoutEnc(),
                preset.dropoutProj(),
                preset.dropoutDec(),
                preset.momentum());
    }
}
