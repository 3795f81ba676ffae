package org.avca4j.trainer.method;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;

/** How a method refuses a bad override: the settings tests' one way of provoking it. */
public final class OverrideErrors {

    private OverrideErrors() {}

    /**
     * The message of the {@link IllegalArgumentException} with which a method refuses one override
     * of its UCF main preset.
     *
     * @throws AssertionError if the method accepts the override
     */
    public static String message(GzslMethod method, String name, String value) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                method.settings(
                                        DatasetName.UCF, FeatureSet.MAIN, Map.of(name, value)),
                        name + "=" + value)
                .getMessage();
    }
}
