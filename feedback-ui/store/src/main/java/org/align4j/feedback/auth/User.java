package org.align4j.feedback.auth;

import java.util.Locale;
import java.util.Objects;

/** An account: a doctor who rates, or an admin who may also see the admin page. */
public record User(long id, String username, String displayName, Role role) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        if (role != Role.DOCTOR && role != Role.ADMIN) {
            throw new IllegalArgumentException("role is " + role + ": an account is a doctor or an admin");
        }
    }

    /**
     * The form a user name is stored, looked up and throttled under: stripped and lower-cased ("" for null), so
     * that " Ann" and "ann" are one account everywhere.
     */
    public static String canonicalName(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
