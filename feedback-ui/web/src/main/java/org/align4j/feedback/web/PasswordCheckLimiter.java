package org.align4j.feedback.web;

import io.javalin.http.HttpStatus;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the CPU that password checks (bcrypt, about a quarter of a second of a core each) can take,
 * so that a flood of logins cannot starve the doctors who are rating:
 * <ul>
 *   <li>across all clients at most {@code global} checks run at once; a check waits up to
 *       {@code maxWaitMs} for a free slot (in arrival order), then is refused (503). The default is
 *       half the cores (at least one): the other half stays free for the doctors who are rating.</li>
 *   <li>per client address at most {@code perAddress} checks are admitted (running or waiting for a
 *       slot); more are refused at once (429), before any hashing, so one address cannot fill the
 *       queue. The default, 8, lets a ward's doctors behind one NAT address log in together.</li>
 * </ul>
 */
final class PasswordCheckLimiter {
    /** Refusal of a password check, with the HTTP status and the seconds to wait before retrying. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final HttpStatus status;
        final int retryAfterSeconds;

        Refused(HttpStatus status, int retryAfterSeconds, String message) {
            super(message, null, false, false);
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /** A held slot; closing it frees the slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore global;
    private final int perAddress;
    private final long maxWaitMs;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    PasswordCheckLimiter(int global, int perAddress, long maxWaitMs) {
        if (global < 1 || perAddress < 1 || maxWaitMs < 0) {
            throw new IllegalArgumentException("password check limits must be positive: global " + global
                    + ", per address " + perAddress + ", wait " + maxWaitMs + " ms");
        }
        this.global = new Semaphore(global, true);
        this.perAddress = perAddress;
        this.maxWaitMs = maxWaitMs;
    }

    /** Half the cores at once (at least one), 8 admitted per address, five seconds' wait. */
    static PasswordCheckLimiter defaults() {
        return new PasswordCheckLimiter(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 8, 5_000);
    }

    /**
     * Takes a slot for one password check from {@code address}.
     *
     * @throws Refused when the address already has its share in flight, or no slot freed up in time
     */
    Permit acquire(String address) {
        boolean[] admitted = {false};
        inFlight.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= perAddress) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, 2,
                    "too many logins at once from this address: wait a few seconds and try again");
        }
        boolean got;
        try {
            got = global.tryAcquire(maxWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            release(address);
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, 2, "the server is busy checking passwords: try again in a few seconds");
        }
        return () -> {
            global.release();
            release(address);
        };
    }

    /** Checks in flight now from this address (for tests). */
    int inFlight(String address) {
        return inFlight.getOrDefault(address, 0);
    }

    private void release(String address) {
        inFlight.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
