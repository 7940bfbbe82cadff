package org.align4j.feedback.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.align4j.feedback.auth.User;

/**
 * Slows password guessing: at most {@value #MAX_FAILURES} password checks for one user name within
 * {@link #WINDOW}; a name that has used them up is locked until the window has passed, unless one
 * of those checks succeeded.
 *
 * <p>An attempt is counted <em>before</em> the password is checked, atomically
 * ({@link #tryAttempt}), so parallel guesses cannot all slip in before the first failure is
 * recorded. The attempt counts of names that are not locked live in a fixed-size LRU map
 * ({@value #MAX_NAMES} names): a flood of made-up names can push out a partial count, never a
 * lock. Locked names live in a separate map that only time empties; it is bounded by the rate
 * of password checks ({@link PasswordCheckLimiter}) divided by {@value #MAX_FAILURES}.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** How many not-yet-locked names keep their attempt counts; past it the least recently tried is dropped. */
    static final int MAX_NAMES = 50_000;

    private final Clock clock;
    /** Attempt times of names below the limit, least recently tried first. */
    private final LinkedHashMap<String, Deque<Instant>> attempts = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_NAMES;
        }
    };
    /** Locked names and when they unlock. Never evicted by volume. */
    private final Map<String, Instant> locked = new HashMap<>();
    private int locksSincePrune;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one password check for this name and says whether it may go ahead; false when the
     * name is locked. Call it before checking the password, and {@link #succeeded} after a match.
     */
    synchronized boolean tryAttempt(String username) {
        String key = key(username);
        Instant now = clock.instant();
        Instant until = locked.get(key);
        if (until != null) {
            if (now.isBefore(until)) {
                return false;
            }
            locked.remove(key);
        }
        Deque<Instant> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant cutoff = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
        times.addLast(now);
        if (times.size() >= MAX_FAILURES) {
            attempts.remove(key);
            lock(key, now.plus(WINDOW), now);
        }
        return true;
    }

    /** Whether the name is locked now (for tests and the admin view); does not count an attempt. */
    synchronized boolean isLocked(String username) {
        Instant until = locked.get(key(username));
        return until != null && clock.instant().isBefore(until);
    }

    /** A correct password: forgets the name's attempts and any lock they caused. */
    synchronized void succeeded(String username) {
        String key = key(username);
        attempts.remove(key);
        locked.remove(key);
    }

    /** How many names are locked now. */
    synchronized int lockedNames() {
        return locked.size();
    }

    private void lock(String key, Instant until, Instant now) {
        locked.put(key, until);
        if (++locksSincePrune >= 1024) {
            locksSincePrune = 0;
            for (Iterator<Instant> it = locked.values().iterator(); it.hasNext();) {
                if (!now.isBefore(it.next())) {
                    it.remove();
                }
            }
        }
    }

    private static String key(String username) {
        return User.canonicalName(username); // the account's own key: a throttle on " Ann" protects "ann"
    }
}
