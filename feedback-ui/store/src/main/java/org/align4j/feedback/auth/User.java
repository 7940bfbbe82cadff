package org.align4j.feedback.auth;

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

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
