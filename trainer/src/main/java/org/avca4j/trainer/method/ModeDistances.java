package org.avca4j.trainer.method;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Euclidean (or method-defined) distances from {@code n} clips to {@code c} candidate classes,
 * row-major {@code [n*c]}, per {@link EvalMode}. A single-embedding method fills {@link
 * EvalMode#BOTH} only; {@link #get} then serves it for every mode.
 */
public final class ModeDistances {

    private final int rows;
    private final int columns;
    private final Map<EvalMode, float[]> byMode;

    private ModeDistances(int rows, int columns, Map<EvalMode, float[]> byMode) {
        this.rows = rows;
        this.columns = columns;
        this.byMode = byMode;
    }

    /**
     * One matrix served for every mode.
     *
     * @throws IllegalArgumentException if the matrix does not hold {@code rows*columns} values
     */
    public static ModeDistances single(float[] distances, int rows, int columns) {
        return of(Map.of(EvalMode.BOTH, distances), rows, columns);
    }

    /**
     * Separate matrices per mode; {@link EvalMode#BOTH} is required.
     *
     * @throws IllegalArgumentException if BOTH is missing or a matrix has the wrong size
     */
    public static ModeDistances of(Map<EvalMode, float[]> byMode, int rows, int columns) {
        Objects.requireNonNull(byMode, "byMode");
        if (!byMode.containsKey(EvalMode.BOTH)) {
            throw new IllegalArgumentException(
                    "distances need the BOTH mode, got " + byMode.keySet());
        }
        EnumMap<EvalMode, float[]> copy = new EnumMap<>(EvalMode.class);
        for (Map.Entry<EvalMode, float[]> e : byMode.entrySet()) {
            if (e.getValue().length != (long) rows * columns) {
                throw new IllegalArgumentException(
                        e.getKey()
                                + " distances hold "
                                + e.getValue().length
                                + " values, expected "
                                + rows
                                + "×"
                                + columns);
            }
            copy.put(e.getKey(), e.getValue());
        }
        return new ModeDistances(rows, columns, Collections.unmodifiableMap(copy));
    }

    /** Clips. */
    public int rows() {
        return rows;
    }

    /** Candidate classes. */
    public int columns() {
        return columns;
    }

    /** Whether this mode has its own matrix (rather than sharing BOTH's). */
    public boolean hasOwn(EvalMode mode) {
        return byMode.containsKey(mode);
    }

    /** The matrix of a mode (BOTH's when the mode has none of its own); not copied. */
    public float[] get(EvalMode mode) {
        float[] d = byMode.get(mode);
        return d != null ? d : byMode.get(EvalMode.BOTH);
    }
}
