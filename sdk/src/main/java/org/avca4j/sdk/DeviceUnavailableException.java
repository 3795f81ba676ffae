package org.avca4j.sdk;

/** The requested device cannot run the model, e.g. CUDA without a usable GPU or CUDA runtime. */
public class DeviceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
