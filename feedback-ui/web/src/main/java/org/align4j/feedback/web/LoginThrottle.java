package org.align4j.feedback.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one user name within
 * {@link #WINDOW}, further attempts for that name are refused until the window has passed.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Bounds the memory a flood of made-up user names can take; past it the oldest state is dropped. */
    static final int MAX_NAMES = 50_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether another attempt for this user name may be checked now. */
    boolean allowed(String username) {
        Deque<Instant> f = failures.get(key(username));
        if (f == null) {
            return true;
        }
        synchronized (f) {
            prune(f);
            return f.size() < MAX_FAILURES;
        }
    }

    void failed(String username) {
        if (failures.size() >= MAX_NAMES) {
            failures.clear();
        }
        Deque<Instant> f = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (f) {
            prune(f);
            f.addLast(clock.instant());
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> f) {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && f.peekFirst().isBefore(cutoff)) {
            f.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
