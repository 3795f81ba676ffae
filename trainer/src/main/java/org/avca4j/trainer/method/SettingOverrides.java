package org.avca4j.trainer.method;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a user's {@code name=value} overrides to a method's settings given as name → default
 * value: each value is parsed to the type of its default (int, long, double, boolean, an enum or a
 * string). The one parser of every method's {@link GzslMethod#settings}.
 */
public final class SettingOverrides {

    private SettingOverrides() {}

    /**
     * The defaults with the overrides applied, in the defaults' order.
     *
     * @param methodId the method, for messages
     * @param defaults every setting by name with its default value (not null)
     * @param overrides setting name → value as typed
     * @throws IllegalArgumentException if an override names no setting (the message lists them) or
     *     its value does not parse to the setting's type (the message says what was expected)
     */
    public static Map<String, Object> apply(
            String methodId, Map<String, Object> defaults, Map<String, String> overrides) {
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String name = e.getKey().trim();
            Object def = defaults.get(name);
            if (def == null) {
                throw new IllegalArgumentException(
                        "method "
                                + methodId
                                + " has no setting '"
                                + name
                                + "': expected one of "
                                + String.join(", ", defaults.keySet()));
            }
            out.put(name, parse(methodId, name, Objects.requireNonNull(e.getValue()), def));
        }
        return out;
    }

    private static Object parse(String methodId, String name, String text, Object def) {
        String v = text.trim();
        try {
            if (def instanceof Integer) {
                return Integer.parseInt(v);
            }
            if (def instanceof Long) {
                return Long.parseLong(v);
            }
            if (def instanceof Double) {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException("not finite");
                }
                return d;
            }
            if (def instanceof Boolean) {
                String b = v.toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    throw new NumberFormatException("not a boolean");
                }
                return Boolean.parseBoolean(b);
            }
            if (def instanceof Enum<?> en) {
                return parseEnum(en.getDeclaringClass(), v);
            }
            return v;
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "method "
                            + methodId
                            + " setting "
                            + name
                            + "='"
                            + text
                            + "': expected "
                            + expected(def),
                    ex);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String v) {
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static String expected(Object def) {
        if (def instanceof Integer || def instanceof Long) {
            return "an integer (default " + def + ")";
        }
        if (def instanceof Double) {
            return "a finite number (default " + def + ")";
        }
        if (def instanceof Boolean) {
            return "true or false (default " + def + ")";
        }
        if (def instanceof Enum<?> en) {
            StringBuilder names = new StringBuilder();
            for (Object c : en.getDeclaringClass().getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ")
                        .append(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            return "one of " + names + " (default " + def + ")";
        }
        return "a text (default " + def + ")";
    }

    /** A setting of a resolved map as an int. */
    public static int intValue(Map<String, Object> settings, String name) {
        return ((Number) settings.get(name)).intValue();
    }

    /** A setting of a resolved map as a double. */
    public static double doubleValue(Map<String, Object> settings, String name) {
        return ((Number) settings.get(name)).doubleValue();
    }
}
