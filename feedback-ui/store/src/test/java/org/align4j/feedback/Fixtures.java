package org.align4j.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.align4j.feedback.auth.PasswordHashing;
import org.align4j.feedback.auth.Role;
import org.align4j.feedback.auth.User;
import org.align4j.feedback.queue.Enqueued;
import org.align4j.feedback.queue.Thumb;
import org.align4j.feedback.refresh.ModelVersion;

/** Test helpers: an in-memory store with a cheap password hash and a clock the test moves. */
public final class Fixtures {
    /** A test password that satisfies the policy. */
    public static final String PASSWORD = "correct horse battery";
    /** A fast stand-in for bcrypt (the web module's tests use bcrypt at its lowest cost). */
    public static final PasswordHashing FAST_HASHER = new TestPasswordHashing();

    /** Where test clocks start unless a test needs another time of day: 08:00 UTC on 1 June 2025. */
    public static final Instant START = Instant.parse("2025-06-01T08:00:00Z");

    private Fixtures() {}

    /** A clock that only moves when told to. */
    public static final class MutableClock extends Clock {
        private Instant now;

        /** At {@link #START}. */
        public MutableClock() {
            this(START);
        }

        public MutableClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }
    }

    public static FeedbackStore memoryStore(Clock clock) {
        return memoryStore(clock, FAST_HASHER);
    }

    /** A new empty store: in-memory H2, or a new database on the test PostgreSQL cluster (see {@link PostgresServer}). */
    public static FeedbackStore memoryStore(Clock clock, PasswordHashing hashing) {
        return FeedbackStore.open(PostgresServer.newDatabaseUrl(), hashing, clock);
    }

    public static FeedbackStore memoryStore() {
        return memoryStore(Clock.systemUTC());
    }

    public static User doctor(FeedbackStore store, String name) {
        return store.users().add(name, "Dr " + name, PASSWORD.toCharArray(), Role.DOCTOR);
    }

    public static User admin(FeedbackStore store, String name) {
        return store.users().add(name, "Admin " + name, PASSWORD.toCharArray(), Role.ADMIN);
    }

    public static ModelVersion model(FeedbackStore store, String name) {
        return store.models().register(name, "/models/" + name, null);
    }

    public static Enqueued enqueue(FeedbackStore store, ModelVersion model, String prompt, String... answers) {
        return store.queue().enqueue(prompt, List.of(answers), model.id(), "{\"temperature\":0.7}");
    }

    /** {@code doctor}'s 👍 on {@code chosen} and 👎 on {@code rejected}: the ratings one preference pair is built from. */
    public static void prefer(FeedbackStore store, User doctor, long chosen, long rejected) {
        store.feedback().rate(doctor.id(), chosen, Thumb.UP, null);
        store.feedback().rate(doctor.id(), rejected, Thumb.DOWN, null);
    }

    /** {@code doctor}'s 👍 on the first answer to {@code question} and 👎 on its second. */
    public static void preferFirst(FeedbackStore store, User doctor, Enqueued question) {
        prefer(store, doctor, question.responseIds().get(0), question.responseIds().get(1));
    }
}
