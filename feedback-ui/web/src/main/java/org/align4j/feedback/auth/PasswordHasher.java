package org.align4j.feedback.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bcrypt password hashes (the {@code at.favre.lib:bcrypt} library), stored in the modular crypt
 * format {@code $2a$<cost>$...}; verification reads the cost from the stored hash.
 */
public final class PasswordHasher implements PasswordHashing {
    /** Default cost 12: about a quarter of a second a login on a laptop core (OWASP's floor is 10). */
    public static final int DEFAULT_COST = 12;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;
    public static final int MIN_LENGTH = 10;

    private static final String DUMMY_PASSWORD = "not-a-real-password-0";

    private final int cost;
    private final AtomicLong checks = new AtomicLong();
    /** Hashed on first use: most commands that open the store never check a password. */
    private volatile String dummyHash;

    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost is " + cost + ": allowed 4..31");
        }
        this.cost = cost;
    }

    public PasswordHasher() {
        this(DEFAULT_COST);
    }

    /** Checks the password policy: at least {@value #MIN_LENGTH} characters, at most {@value #MAX_BYTES} UTF-8 bytes. */
    @Override
    public void checkPolicy(char[] password) {
        if (password.length < MIN_LENGTH) {
            throw new IllegalArgumentException("the password has " + password.length + " characters: use at least " + MIN_LENGTH);
        }
        int bytes = new String(password).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("the password is " + bytes + " bytes in UTF-8: bcrypt allows at most " + MAX_BYTES);
        }
    }

    @Override
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /**
     * Whether {@code password} matches {@code storedHash} (constant time in the library). A null
     * password, or one bcrypt cannot take (over {@value #MAX_BYTES} bytes), is refused at the cost
     * of a real check, so that such requests are no cheaper to send in bulk than real guesses.
     */
    @Override
    public boolean verify(String password, String storedHash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            verifyDummy(DUMMY_PASSWORD);
            return false;
        }
        checks.incrementAndGet();
        return BCrypt.verifyer().verify(password.toCharArray(), storedHash).verified;
    }

    /** Spends the same time as a real verification; used when the user name is unknown. */
    @Override
    public void verifyDummy(String password) {
        String d = dummyHash;
        if (d == null) {
            d = hash(DUMMY_PASSWORD);
            dummyHash = d;
        }
        String p = password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES ? DUMMY_PASSWORD : password;
        checks.incrementAndGet();
        BCrypt.verifyer().verify(p.toCharArray(), d);
    }

    /** How many bcrypt verifications this hasher has run (each refusal costs one, whatever the input). */
    public long checksRun() {
        return checks.get();
    }
}
