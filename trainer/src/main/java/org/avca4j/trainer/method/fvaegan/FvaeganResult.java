package org.avca4j.trainer.method.fvaegan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import org.avca4j.sdk.card.TextOrder;

/**
 * The outcome of f-VAEGAN-D2's protocol ({@link FvaeganProtocol}), as written to {@value
 * #FILE_NAME}. {@link #selection()} says where the epochs were chosen: on stage-1 validation (the
 * default) or, as the reference does, on the test set.
 *
 * @param method the method id, {@code fvaegan}
 * @param textOrder the text order the benchmark was read with
 * @param seed the run's seed
 * @param settings every setting by name
 * @param selection where the GAN epoch and the classifier epochs were chosen
 * @param schedule which batches of a GAN epoch were trained
 * @param stage1 stage 1's GAN epochs, evaluated on stage-1 validation
 * @param validationEpoch the GAN epoch chosen on validation (highest H, first maximum)
 * @param validation stage 1's figures at that epoch and its classifier epochs
 * @param stage2 stage 2's evaluated GAN epochs, on the test set
 * @param testEpoch the GAN epoch of the reported test figures
 * @param testGzslEpoch the GZSL classifier epoch of the reported test figures
 * @param testZslEpoch the ZSL classifier epoch of the reported test figures
 * @param test the reported test figures
 * @param classifier the GZSL classifier of the reported figures, with its fixed class set: what
 *     export writes (not in the JSON)
 */
public record FvaeganResult(
        String method,
        TextOrder textOrder,
        long seed,
        Map<String, Object> settings,
        EpochSelection selection,
        GanSchedule schedule,
        List<EpochSummary> stage1,
        int validationEpoch,
        Figures validation,
        List<EpochSummary> stage2,
        int testEpoch,
        int testGzslEpoch,
        int testZslEpoch,
        Figures test,
        @JsonIgnore FixedClassClassifier classifier) {

    /** File name inside the run folder. */
    public static final String FILE_NAME = "fvaegan.json";
}
