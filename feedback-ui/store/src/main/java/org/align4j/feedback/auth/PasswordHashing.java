package org.align4j.feedback.auth;

/**
 * How account passwords are checked and stored. The store keeps only the hashes; the algorithm
 * (bcrypt, in the web module's {@code PasswordHasher}) is supplied by whoever opens the store, so
 * that jobs reading the database carry no password library.
 */
public interface PasswordHashing {
    /** Refuses a password that the algorithm cannot take, naming the rule. */
    void checkPolicy(char[] password);

    /** The string stored in {@code users.password_hash}. */
    String hash(String password);

    /** Whether {@code password} matches {@code storedHash}. */
    boolean verify(String password, String storedHash);

    /** Spends the time of a real verification (used when the user name is unknown). */
    void verifyDummy(String password);

    /**
     * For processes that never add or check an account (export, training, refresh): any use throws,
     * naming how to open the store with a hasher.
     */
    PasswordHashing NONE = new PasswordHashing() {
        @Override
        public void checkPolicy(char[] password) {
            throw unavailable();
        }

        @Override
        public String hash(String password) {
            throw unavailable();
        }

        @Override
        public boolean verify(String password, String storedHash) {
            throw unavailable();
        }

        @Override
        public void verifyDummy(String password) {
            throw unavailable();
        }

        private IllegalStateException unavailable() {
            return new IllegalStateException("this feedback store was opened without a password hasher: open it with "
                    + "FeedbackStore.open(db, new PasswordHasher(), clock) (module align4j-feedback-web) to add or check accounts");
        }
    };
}
