package org.align4j.feedback.auth;

import java.time.Instant;

/** A logged-in browser: its user, the CSRF token every state-changing request must echo, and its expiry. */
public record Session(User user, String csrfToken, Instant expiresAt) {}
