package org.avca4j.trainer.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A method's settings by name after a user's overrides: each override is parsed as the type of the
 * setting's published value (a number, an integer, true/false, one of an enum's constants, or
 * text), and an unknown name or a value that does not parse fails with a message naming the method,
 * the setting and what was expected. Shared by every method's {@link GzslMethod#settings}.
 */
public final class SettingValues {

    private final String method;
    private final Map<String, Object> values;

    private SettingValues(String method, Map<String, Object> values) {
        this.method = method;
        this.values = values;
    }

    /**
     * The defaults with the overrides applied.
     *
     * @param method the method's id, for messages
     * @param defaults every setting with its published value (Double, Integer, Long, Boolean, an
     *     enum constant, or String), in the order settings are listed
     * @param overrides setting name → value as typed by a user
     * @throws IllegalArgumentException if an override names no setting (the message lists the
     *     settings) or its value does not parse as the setting's type
     */
    public static SettingValues of(
            String method, Map<String, ?> defaults, Map<String, String> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String name = e.getKey();
            Object published = values.get(name);
            if (published == null) {
                throw new IllegalArgumentException(
                        "method "
                                + method
                                + " has no setting '"
                                + name
                                + "': its settings are "
                                + String.join(", ", defaults.keySet()));
            }
            values.put(name, parse(method, name, published, e.getValue()));
        }
        return new SettingValues(method, Collections.unmodifiableMap(values));
    }

    /**
     * Splits {@code "name=value,name=value"} (spaces around names and values ignored) into
     * overrides, in the order given.
     *
     * @throws IllegalArgumentException if an item has no '=' or an empty name, or a name is given
     *     twice
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            String name = eq < 0 ? "" : item.substring(0, eq).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "setting override '"
                                + item.trim()
                                + "' is not of the form name=value (in '"
                                + text
                                + "')");
            }
            if (out.put(name, item.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException(
                        "setting '" + name + "' is given twice in '" + text + "'");
            }
        }
        return out;
    }

    private static Object parse(String method, String name, Object published, String value) {
        String v = Objects.requireNonNull(value, name).trim();
        try {
            if (published instanceof Boolean) {
                String lower = v.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.valueOf(lower);
            }
            if (published instanceof Double) {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            }
            if (published instanceof Integer) {
                return Integer.valueOf(v);
            }
            if (published instanceof Long) {
                return Long.valueOf(v);
            }
            if (published instanceof Enum<?> e) {
                for (Enum<?> c : e.getDeclaringClass().getEnumConstants()) {
                    if (c.name().equalsIgnoreCase(v)) {
                        return c;
                    }
                }
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "method "
                            + method
                            + ": setting '"
                            + name
                            + "' expects "
                            + expected(published)
                            + ", got '"
                            + value
                            + "'",
                    e);
        }
        return v;
    }

    private static String expected(Object published) {
        if (published instanceof Boolean) {
            return "true or false";
        }
        if (published instanceof Enum<?> e) {
            StringBuilder names = new StringBuilder("one of ");
            Enum<?>[] constants = e.getDeclaringClass().getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                names.append(i == 0 ? "" : ", ")
                        .append(constants[i].name().toLowerCase(Locale.ROOT));
            }
            return names.toString();
        }
        if (published instanceof Double) {
            return "a finite number";
        }
        return "an integer";
    }

    /** Every setting by name, in the order of the defaults (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * A number setting.
     *
     * @throws IllegalArgumentException if there is no number setting of that name
     */
    public double number(String name) {
        return (Double) typed(name, Double.class);
    }

    /**
     * A true/false setting.
     *
     * @throws IllegalArgumentException if there is no true/false setting of that name
     */
    public boolean flag(String name) {
        return (Boolean) typed(name, Boolean.class);
    }

    /**
     * An integer setting.
     *
     * @throws IllegalArgumentException if there is no integer setting of that name
     */
    public int integer(String name) {
        return (Integer) typed(name, Integer.class);
    }

    /**
     * A setting that takes one of an enum's constants.
     *
     * @throws IllegalArgumentException if there is no such setting of that enum type
     */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        return type.cast(typed(name, type));
    }

    /**
     * A text setting.
     *
     * @throws IllegalArgumentException if there is no text setting of that name
     */
    public String text(String name) {
        return (String) typed(name, String.class);
    }

    private Object typed(String name, Class<?> type) {
        Object v = values.get(name);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(
                    "method "
                            + method
                            + " has no "
                            + type.getSimpleName()
                            + " setting '"
                            + name
                            + "'");
        }
        return v;
    }
}
