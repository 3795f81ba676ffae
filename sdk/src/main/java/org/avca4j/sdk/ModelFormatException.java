package org.avca4j.sdk;

import java.io.IOException;

/**
 * A model could be read but is not a valid AVCA model: corrupt, without a card, or with other
 * inputs.
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
