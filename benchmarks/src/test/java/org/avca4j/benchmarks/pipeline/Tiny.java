package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.model.AvcaConfig;

/** Tiny synthetic benchmarks and a narrow architecture, so that a whole protocol takes seconds. */
final class Tiny {

    static final int TEXT_DIM = 30;
    static final int AUDIO_DIM = 16;
    static final int VIDEO_DIM = 24;
    static final TrainingOverrides OVERRIDES = new TrainingOverrides(2, 2, 8);

    private Tiny() {}

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
