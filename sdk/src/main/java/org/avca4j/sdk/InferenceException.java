package org.avca4j.sdk;

/** ONNX Runtime failed while running a model that it had loaded. */
public class InferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
