package org.avca4j.trainer.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;

/**
 * The two training stages of the protocol (docs/protocol.md). Both validate on the stage-1
 * validation clips, which drive the learning-rate schedule.
 */
public enum Stage {
    /** Train on the stage-1 training clips; pick the epoch E* and β* on the validation clips. */
    STAGE_1("stage1"),
    /** Re-train from scratch on all stage-1 clips; its epoch-E* checkpoint is tested. */
    STAGE_2("stage2");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    /** The stage's name in files: {@code stage1} or {@code stage2}; also its checkpoint folder. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses {@link #id()}.
     *
     * @throws IllegalArgumentException if the text names no stage
     */
    @JsonCreator
    public static Stage fromId(String id) {
        for (Stage s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown stage '" + id + "': expected stage1 or stage2");
    }

    /** The clips this stage trains on. */
    public ClipSet trainingClips(Benchmark benchmark) {
        return this == STAGE_1 ? benchmark.stage1Train() : benchmark.stage2Train();
    }

    /**
     * The clips this stage validates on after every epoch: the stage-1 validation clips in both
     * stages.
     */
    public ClipSet validationClips(Benchmark benchmark) {
        return benchmark.stage1Val();
    }
}
