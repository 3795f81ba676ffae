package org.avca4j.spark;

import java.util.Arrays;

/** Parses a vector written as text: floats separated by commas or white space. */
final class FloatText {

    private FloatText() {}

    /**
     * @param text floats separated by commas, spaces or line breaks; a line starting with {@code #}
     *     is a comment
     * @param source what to name in an error (a file)
     * @throws IllegalArgumentException naming the source and the token if a token is not a float,
     *     or if there is none
     */
    static float[] parse(String text, String source) {
        float[] out = new float[16];
        int n = 0;
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            for (String token : line.split("[,\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                try {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = Float.parseFloat(token);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            source + ": '" + token + "' is not a float (value " + n + ")");
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException(source + ": no floats found");
        }
        return Arrays.copyOf(out, n);
    }
}
