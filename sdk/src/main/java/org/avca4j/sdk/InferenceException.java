package org.avca4j.sdk;

/**
 * Running a loaded model failed: ONNX Runtime reported an error, or the model's output cannot be
 * used (a non-finite θv, θa or θw, or a non-finite distance, e.g. when huge features overflow
 * inside the model). Never a prediction from such an output.
 */
public class InferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
