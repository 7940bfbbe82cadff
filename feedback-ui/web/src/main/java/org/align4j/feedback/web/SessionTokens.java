package org.align4j.feedback.web;

import java.security.SecureRandom;
import java.util.Base64;

/** Random URL-safe tokens (256 bits). */
final class SessionTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionTokens() {}

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
