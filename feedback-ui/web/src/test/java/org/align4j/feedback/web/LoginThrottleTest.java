package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void tenAttemptsLockTheNameUntilTheWindowHasPassed() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.tryAttempt(i % 2 == 0 ? "Ann" : " ann ")).as("attempt %d", i + 1).isTrue();
        }
        assertThat(throttle.tryAttempt("ANN")).isFalse();
        assertThat(throttle.isLocked("ann")).isTrue();
        assertThat(throttle.tryAttempt("bob")).isTrue();
        clock.advance(LoginThrottle.WINDOW.minusSeconds(1));
        assertThat(throttle.tryAttempt("ann")).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.tryAttempt("ann")).isTrue();
    }

    @Test
    void attemptsOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.tryAttempt("ann");
        }
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            assertThat(throttle.tryAttempt("ann")).isTrue();
        }
        assertThat(throttle.isLocked("ann")).isFalse();
    }

    @Test
    void aSuccessfulLoginForgetsEarlierAttempts() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.tryAttempt("ann");
        }
        throttle.succeeded("ann");
        throttle.tryAttempt("ann");
        assertThat(throttle.tryAttempt("ann")).isTrue();
        assertThat(throttle.isLocked("ann")).isFalse();
    }

    /** Audit defect 1: 40 parallel guesses were all checked, because failures were recorded only after the check. */
    @Test
    void parallelAttemptsAreCountedBeforeAnyIsChecked() throws Exception {
        int threads = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return throttle.tryAttempt("ann");
            }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> r : results) {
            admitted += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(LoginThrottle.MAX_FAILURES);
    }

    /** Audit defect 2: at 50,000 made-up names the whole map was cleared, unlocking a locked account. */
    @Test
    void aFloodOfMadeUpNamesNeverUnlocksALockedName() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.tryAttempt("ann");
        }
        for (int i = 0; i < 2 * LoginThrottle.MAX_NAMES + 10; i++) {
            throttle.tryAttempt("made-up-" + i);
        }
        assertThat(throttle.isLocked("ann")).isTrue();
        assertThat(throttle.tryAttempt("ann")).isFalse();
    }

    @Test
    void lockedNamesAreForgottenOnlyOnceTheirWindowHasPassed() {
        for (int n = 0; n < 3; n++) {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                throttle.tryAttempt("user" + n);
            }
        }
        assertThat(throttle.lockedNames()).isEqualTo(3);
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
        assertThat(throttle.tryAttempt("user0")).isTrue();
        assertThat(throttle.lockedNames()).isEqualTo(2);
    }
}
