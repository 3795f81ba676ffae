package org.avca4j.trainer.method;

import java.util.Locale;
import java.util.Map;

/**
 * Settings that list themselves with their values as their own types ({@link #typed()}), the map
 * {@link SettingValues#of} parses overrides against; {@link #asMap()} writes enums in lower case.
 */
public interface TypedSettings extends MethodSettings {

    /**
     * Every setting by name with its value as its own type (enums as constants), in print order; a
     * fresh map on each call.
     */
    Map<String, Object> typed();

    /** Every setting by name, enums written in lower case. */
    @Override
    default Map<String, Object> asMap() {
        Map<String, Object> m = typed();
        m.replaceAll((k, x) -> x instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : x);
        return m;
    }
}
