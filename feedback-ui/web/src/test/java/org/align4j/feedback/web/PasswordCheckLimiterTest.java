package org.align4j.feedback.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.HttpStatus;
import org.junit.jupiter.api.Test;

class PasswordCheckLimiterTest {
    @Test
    void anAddressGetsAtMostItsShareAtOnceAndMoreAreRefusedAt429() {
        PasswordCheckLimiter limiter = new PasswordCheckLimiter(8, 2, 0);
        PasswordCheckLimiter.Permit a = limiter.acquire("10.0.0.1");
        PasswordCheckLimiter.Permit b = limiter.acquire("10.0.0.1");
        assertThatThrownBy(() -> limiter.acquire("10.0.0.1"))
                .isInstanceOfSatisfying(PasswordCheckLimiter.Refused.class, e -> {
                    assertThat(e.status).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.retryAfterSeconds).isPositive();
                });
        limiter.acquire("10.0.0.2").close();
        a.close();
        assertThat(limiter.inFlight("10.0.0.1")).isEqualTo(1);
        limiter.acquire("10.0.0.1").close();
        b.close();
        assertThat(limiter.inFlight("10.0.0.1")).isZero();
    }

    @Test
    void pastTheGlobalLimitACheckWaitsThenIsRefusedAt503AndLeavesNoCountBehind() {
        PasswordCheckLimiter limiter = new PasswordCheckLimiter(1, 2, 20);
        PasswordCheckLimiter.Permit held = limiter.acquire("10.0.0.1");
        assertThatThrownBy(() -> limiter.acquire("10.0.0.2"))
                .isInstanceOfSatisfying(PasswordCheckLimiter.Refused.class,
                        e -> assertThat(e.status).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(limiter.inFlight("10.0.0.2")).isZero();
        held.close();
        limiter.acquire("10.0.0.2").close();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new PasswordCheckLimiter(0, 2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("global 0");
    }
}
