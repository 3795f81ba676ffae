package org.avca4j.sdk.card;

import java.util.List;
import java.util.function.Function;

/** The one parse of the card's enums: a name matches any of a value's forms, ignoring case. */
final class Names {

    private Names() {}

    /**
     * @param values the enum's values
     * @param name what the user or the file wrote (surrounding blanks ignored)
     * @param forms the spellings of a value that {@code name} may have
     * @param what the value's kind in the message, e.g. {@code dataset}
     * @param expected the accepted names in the message
     * @throws IllegalArgumentException {@code Unknown <what> '<name>': expected <expected>}
     */
    static <T> T parse(
            T[] values,
            String name,
            Function<T, List<String>> forms,
            String what,
            String expected) {
        String n = name.strip();
        for (T v : values) {
            for (String form : forms.apply(v)) {
                if (form.equalsIgnoreCase(n)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException(
                "Unknown " + what + " '" + name + "': expected " + expected);
    }
}
