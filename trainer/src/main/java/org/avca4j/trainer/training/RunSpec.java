package org.avca4j.trainer.training;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.avca.AvcaMethod;
import org.avca4j.trainer.method.avca.AvcaSettings;
import org.avca4j.trainer.model.AvcaConfig;

/**
 * Everything a run folder was written with: the data (named, and sized as a cheap check), the
 * method with its settings, and the optimisation settings. A run only resumes a folder whose
 * checkpoints carry an equal spec.
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
 * @param model AVCA's architecture; null for the other methods
 * @param training the optimisation settings
 * @param method the method's id ({@link org.avca4j.trainer.method.GzslMethod#id()}); null (a file
 *     written before there were other methods) reads as AVCA
 * @param settings the method's settings ({@link MethodSettings#asMap()}) as JSON values; null (a
 *     file written before there were other methods) reads as those of {@code model}
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
        TrainingConfig training,
        String method,
        Map<String, Object> settings) {

    /**
     * Fills in the method and settings of a file written before there were other methods, and gives
     * the settings their JSON form, so that a spec equals itself read back.
     *
     * @throws IllegalArgumentException if a non-AVCA spec has no settings
     */
    public RunSpec {
        if (method == null) {
            method = AvcaMethod.ID;
        }
        if (settings == null) {
            if (model == null) {
                throw new IllegalArgumentException(
                        "the run spec of method " + method + " has no settings");
            }
            settings = AvcaSettings.of(model).asMap();
        }
        settings = asJson(settings);
    }

    /** An AVCA spec. */
    public RunSpec(
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
        this(
                dataset,
                featureSet,
                split,
                textOrder,
                classes,
                stage1TrainClips,
                stage1ValClips,
                stage2TrainClips,
                testClips,
                model,
                training,
                AvcaMethod.ID,
                null);
    }

    /** The spec of training AVCA's {@code model} with {@code training} on a benchmark. */
    public static RunSpec of(Benchmark benchmark, AvcaConfig model, TrainingConfig training) {
        return of(
                benchmark,
                Objects.requireNonNull(model, "model"),
                training,
                AvcaMethod.ID,
                AvcaSettings.of(model));
    }

    /**
     * The spec of training a method with its settings on a benchmark.
     *
     * @param model AVCA's architecture for the benchmark's widths; null for other methods
     */
    public static RunSpec of(
            Benchmark benchmark,
            AvcaConfig model,
            TrainingConfig training,
            String method,
            MethodSettings settings) {
        return of(
                benchmark,
                model,
                training,
                method,
                Objects.requireNonNull(settings, "settings").asMap());
    }

    /**
     * The spec of training a method with its settings, given by name, on a benchmark: e.g. the spec
     * a run of another spec's configuration has on this benchmark.
     *
     * @param model AVCA's architecture for the benchmark's widths; null for other methods
     */
    public static RunSpec of(
            Benchmark benchmark,
            AvcaConfig model,
            TrainingConfig training,
            String method,
            Map<String, Object> settings) {
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
                model,
                Objects.requireNonNull(training, "training"),
                Objects.requireNonNull(method, "method"),
                Objects.requireNonNull(settings, "settings"));
    }

    private static Map<String, Object> asJson(Map<String, Object> settings) {
        try {
            return Collections.unmodifiableMap(
                    Json.MAPPER.readValue(
                            Json.MAPPER.writeValueAsBytes(settings),
                            new TypeReference<LinkedHashMap<String, Object>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("settings are not JSON values: " + settings, e);
        }
    }

    /**
     * Checks that a spec read from a file equals this one.
     *
     * @param source the file the other spec was read from, for the message
     * @throws IllegalStateException naming the first field that differs, with both values
     */
    void requireSame(RunSpec written, Path source) {
        if (!written.method().equals(method)) {
            throw new IllegalStateException(
                    source
                            + " was written by a run of method "
                            + written.method()
                            + ", not "
                            + method
                            + ": every method needs its own run folder. Use another run folder, or"
                            + " method "
                            + written.method()
                            + " to resume it.");
        }
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
