package org.avca4j.trainer.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a user's "name=value" overrides to a method's preset, one setting at a time: each typed
 * getter returns the override if there is one, else the preset, and {@link #finish} rejects any
 * name no getter asked for. Errors name the method, the setting and what was expected.
 */
public final class SettingOverrides {

    private final String method;
    private final Map<String, String> remaining;
    private final List<String> known = new ArrayList<>();

    private SettingOverrides(String method, Map<String, String> overrides) {
        this.method = method;
        this.remaining = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            remaining.put(
                    Objects.requireNonNull(e.getKey(), "setting name").trim(),
                    Objects.requireNonNull(e.getValue(), "value of " + e.getKey()).trim());
        }
    }

    /**
     * The overrides of one method.
     *
     * @param method the method's id, for messages
     * @throws NullPointerException if a name or value is null
     */
    public static SettingOverrides of(String method, Map<String, String> overrides) {
        return new SettingOverrides(method, Objects.requireNonNull(overrides, "overrides"));
    }

    /**
     * A probability in [0, 1), e.g. a dropout.
     *
     * @throws IllegalArgumentException if the override is not such a number
     */
    public double probability(String name, double preset) {
        return real(name, preset, "a number in [0, 1)", v -> v >= 0 && v < 1);
    }

    /**
     * A positive finite number.
     *
     * @throws IllegalArgumentException if the override is not such a number
     */
    public double positive(String name, double preset) {
        return real(name, preset, "a positive number", v -> v > 0 && !Double.isInfinite(v));
    }

    /**
     * A positive whole number.
     *
     * @throws IllegalArgumentException if the override is not such a number
     */
    public int positiveInt(String name, int preset) {
        known.add(name);
        String s = remaining.remove(name);
        if (s == null) {
            return preset;
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, s, "a positive whole number");
    }

    /**
     * One of an enum's constants, written in lower case ("per_sample" for PER_SAMPLE).
     *
     * @throws IllegalArgumentException if the override names no constant; the message lists them
     */
    public <E extends Enum<E>> E choice(String name, E preset, Class<E> type) {
        known.add(name);
        String s = remaining.remove(name);
        if (s == null) {
            return preset;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String n = nameOf(e);
            if (n.equals(s.toLowerCase(Locale.ROOT))) {
                return e;
            }
            names.add(n);
        }
        throw invalid(name, s, "one of " + String.join(", ", names));
    }

    /** How {@link #choice} writes a constant: its name in lower case. */
    public static String nameOf(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks that every override named a setting.
     *
     * @throws IllegalArgumentException naming the first unknown setting and listing the known ones
     */
    public void finish() {
        if (!remaining.isEmpty()) {
            String name = remaining.keySet().iterator().next();
            throw new IllegalArgumentException(
                    "unknown setting '"
                            + name
                            + "' for method "
                            + method
                            + ": expected one of "
                            + String.join(", ", known));
        }
    }

    private double real(
            String name, double preset, String expected, java.util.function.DoublePredicate ok) {
        known.add(name);
        String s = remaining.remove(name);
        if (s == null) {
            return preset;
        }
        try {
            double v = Double.parseDouble(s);
            if (ok.test(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, s, expected);
    }

    private IllegalArgumentException invalid(String name, String value, String expected) {
        return new IllegalArgumentException(
                "setting '"
                        + name
                        + "' of method "
                        + method
                        + ": expected "
                        + expected
                        + ", got '"
                        + value
                        + "'");
    }
}
