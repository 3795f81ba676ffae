package org.avca4j.sdk;

import java.util.Objects;

/**
 * Where inference runs: {@link #CPU}, a CUDA GPU ({@link #cuda(int)}), or {@link #AUTO} (CUDA GPU 0
 * when it can be used, otherwise the CPU).
 */
public final class Device {

    /** Kinds of device. */
    public enum Kind {
        CPU,
        CUDA,
        AUTO
    }

    /** The CPU. */
    public static final Device CPU = new Device(Kind.CPU, -1);

    /** CUDA GPU 0 if a session can be created on it, else the CPU (the reason is logged). */
    public static final Device AUTO = new Device(Kind.AUTO, -1);

    private final Kind kind;
    private final int id;

    private Device(Kind kind, int id) {
        this.kind = kind;
        this.id = id;
    }

    /**
     * A CUDA GPU.
     *
     * @param id the CUDA device ordinal
     * @return the device
     * @throws IllegalArgumentException if {@code id} is negative
     */
    public static Device cuda(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("CUDA device id must be >= 0, got " + id);
        }
        return new Device(Kind.CUDA, id);
    }

    /** The kind of device. */
    public Kind kind() {
        return kind;
    }

    /** The CUDA device ordinal, or -1 for CPU and AUTO. */
    public int id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.kind == kind && d.id == id;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CPU -> "cpu";
            case AUTO -> "auto";
            case CUDA -> "cuda(" + id + ")";
        };
    }
}
