package org.align4j.core.train.config;

import java.util.Collection;

/**
 * Validation helpers for config records' compact constructors. Messages start with the field's
 * name ({@code "lr: must be > 0, got -1.0"}); {@link RunConfigLoader} prefixes the section path.
 */
public final class Checks {
    private Checks() {}

    public static void positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + ": must be a number > 0, got " + value);
        }
    }

    public static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, got " + value);
        }
    }

    public static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + ": must be >= " + min + ", got " + value);
        }
    }

    public static void nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + ": must be a number >= 0, got " + value);
        }
    }

    public static void inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + ": must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** A share, rate or probability that may be 0 but not 1: {@code [0, 1)}. */
    public static void fraction(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + ": must be in [0, 1), got " + value);
        }
    }

    public static void oneOf(String field, String value, Collection<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(field + ": must be one of " + allowed + ", got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    public static void notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must be set");
        }
    }
}
