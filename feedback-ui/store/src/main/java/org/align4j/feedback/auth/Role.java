package org.align4j.feedback.auth;

import java.util.Locale;

/** An account's role. A doctor rates; an admin also manages and sees the admin page. */
public enum Role {
    DOCTOR,
    ADMIN;

    /** The stored name of an account role ({@code doctor} or {@code admin}). */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an account role: {@code doctor} or {@code admin}. */
    public static Role ofAccount(String value) {
        if ("doctor".equals(value)) {
            return DOCTOR;
        }
        if ("admin".equals(value)) {
            return ADMIN;
        }
        throw new IllegalArgumentException("role is '" + value + "': allowed roles are doctor and admin");
    }
}
