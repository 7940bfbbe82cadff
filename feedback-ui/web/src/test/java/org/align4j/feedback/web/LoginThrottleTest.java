package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.align4j.feedback.Fixtures;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void tenFailuresBlockTheNameUntilTheWindowHasPassed() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.allowed("Ann")).isTrue();
            throttle.failed("ann");
        }
        assertThat(throttle.allowed("ANN")).isFalse();
        assertThat(throttle.allowed("bob")).isTrue();
        clock.advance(LoginThrottle.WINDOW.plus(Duration.ofSeconds(1)));
        assertThat(throttle.allowed("ann")).isTrue();
    }

    @Test
    void aSuccessfulLoginForgetsEarlierFailures() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("ann");
        }
        throttle.succeeded("ann");
        throttle.failed("ann");
        assertThat(throttle.allowed("ann")).isTrue();
    }
}
