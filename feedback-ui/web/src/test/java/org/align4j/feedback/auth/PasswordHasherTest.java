package org.align4j.feedback.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.align4j.feedback.FeedbackStore;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(4);
    @AutoClose
    private final FeedbackStore store = Fixtures.memoryStore(Clock.systemUTC(), hasher);

    @Test
    void theStoredPasswordIsABcryptHashNotThePassword() {
        User ann = store.users().add("ann", null, Fixtures.PASSWORD.toCharArray(), Role.ADMIN);
        String hash = store.sql().read(tx -> tx.one("SELECT password_hash FROM users", rs -> rs.getString(1))).orElseThrow();
        assertThat(hash).startsWith("$2a$04$").doesNotContain(Fixtures.PASSWORD);
        assertThat(store.users().authenticate("ann", Fixtures.PASSWORD)).contains(ann);
        assertThat(store.users().authenticate("ann", Fixtures.PASSWORD + "x")).isEmpty();
    }

    @Test
    void weakOrOverlongPasswordsAreRefused() {
        assertThatThrownBy(() -> store.users().add("ann", null, "short".toCharArray(), Role.DOCTOR))
                .hasMessageContaining("at least 10");
        assertThatThrownBy(() -> store.users().add("ann", null, "密".repeat(30).toCharArray(), Role.DOCTOR))
                .hasMessageContaining("90 bytes").hasMessageContaining("at most 72");
        assertThat(store.users().list()).isEmpty();
    }

    /** Audit defect 2: an over-long or null password skipped bcrypt, so such requests were cheap to send in bulk. */
    @Test
    void everyRefusalCostsOneBcryptCheckWhateverThePassword() {
        store.users().add("ann", null, Fixtures.PASSWORD.toCharArray(), Role.DOCTOR);
        String overlong = "x".repeat(PasswordHasher.MAX_BYTES + 1);
        for (String[] attempt : new String[][] {{"ann", overlong}, {"ann", null}, {"nobody", overlong},
                {"nobody", null}, {"ann", "wrong password"}, {"nobody", "wrong password"}, {null, "wrong password"}}) {
            long before = hasher.checksRun();
            assertThat(store.users().authenticate(attempt[0], attempt[1])).isEmpty();
            assertThat(hasher.checksRun() - before).as("bcrypt checks for %s / %s", attempt[0],
                    attempt[1] == null ? null : attempt[1].length() + " chars").isEqualTo(1);
        }
        assertThat(hasher.verify(null, "$2a$04$abcdefghijklmnopqrstuuVJ0n7rWqWk0K1XkqGx3m9tC2z1bqE6y")).isFalse();
    }
}
