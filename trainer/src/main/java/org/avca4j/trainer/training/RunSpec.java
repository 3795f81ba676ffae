package org.avca4j.trainer.training;

import java.nio.file.Path;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.model.AvcaConfig;

/**
 * Everything a run folder was written with: the data (named, and sized as a cheap check) and both
 * configurations. A run only resumes a folder whose checkpoints carry an equal spec.
 *
 * @param dataset the benchmark
 * @param featureSet its feature set
 * @param split its class split
 * @param textOrder the text order of its embeddings
 * @param classes classes in {@code all_class.txt}
 * @param stage1TrainClips clips of stage-1 training
 * @param stage1ValClips clips of stage-1 validation
 * @param stage2TrainClips clips of stage-2 training
 * @param testClips clips of the test
 * @param model the architecture
 * @param training the optimisation settings
 */
public record RunSpec(
        DatasetName dataset,
        FeatureSet featureSet,
        SplitName split,
        TextOrder textOrder,
        int classes,
        int stage1TrainClips,
        int stage1ValClips,
        int stage2TrainClips,
        int testClips,
        AvcaConfig model,
        TrainingConfig training) {

    /** The spec of training {@code model} with {@code training} on a benchmark. */
    public static RunSpec of(Benchmark benchmark, AvcaConfig model, TrainingConfig training) {
        return new RunSpec(
                benchmark.dataset(),
                benchmark.featureSet(),
                benchmark.split(),
                benchmark.textOrder(),
                benchmark.classCount(),
                benchmark.stage1Train().size(),
                benchmark.stage1Val().size(),
                benchmark.stage2Train().size(),
                benchmark.test().size(),
                Objects.requireNonNull(model, "model"),
                Objects.requireNonNull(training, "training"));
    }

    /**
     * Checks that a spec read from a file equals this one.
     *
     * @param source the file the other spec was read from, for the message
     * @throws IllegalStateException naming the first field that differs, with both values
     */
    void requireSame(RunSpec written, Path source) {
        String field = Json.firstDifference(written, this);
        if (field != null) {
            throw new IllegalStateException(
                    source
                            + " was written by a run with a different configuration: "
                            + field
                            + " is "
                            + valueAt(written, field)
                            + " there but "
                            + valueAt(this, field)
                            + " in this run. Use another run folder, or the settings of that run to resume it.");
        }
    }

    private static String valueAt(RunSpec spec, String field) {
        com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.valueToTree(spec);
        for (String part : field.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null ? "absent" : node.toString();
    }
}
