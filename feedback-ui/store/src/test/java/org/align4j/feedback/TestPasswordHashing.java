package org.align4j.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.align4j.feedback.auth.PasswordHashing;
import org.align4j.feedback.db.TextHash;

/**
 * Tests only: a fast salted SHA-256 in place of bcrypt (which lives in the web module), so store and
 * training tests can add accounts. Refuses passwords under {@value #MIN_LENGTH} characters.
 */
public final class TestPasswordHashing implements PasswordHashing {
    public static final int MIN_LENGTH = 10;
    private static final Random SALTS = new Random();

    @Override
    public void checkPolicy(char[] password) {
        if (password.length < MIN_LENGTH) {
            throw new IllegalArgumentException("the password has " + password.length + " characters: use at least " + MIN_LENGTH);
        }
    }

    @Override
    public String hash(String password) {
        String salt = Long.toHexString(SALTS.nextLong()); // fits password_hash VARCHAR(100): 5 + 16 + 1 + 64
        return "test$" + salt + "$" + TextHash.sha256(salt + password);
    }

    @Override
    public boolean verify(String password, String storedHash) {
        String[] parts = storedHash.split("\\$");
        return parts.length == 3 && MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.UTF_8),
                TextHash.sha256(parts[1] + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void verifyDummy(String password) {
        TextHash.sha256(password);
    }
}
