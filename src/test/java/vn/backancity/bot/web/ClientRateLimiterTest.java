package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.testing.MutableClock;

/** The limiter on a hand-moved clock: exact counts, no sleeping. */
class ClientRateLimiterTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));

  @Test
  void aMinutesWorthAtOnceThenRefilledEvenly() {
    ClientRateLimiter limiter = new ClientRateLimiter(120, 100, clock);
    for (int i = 0; i < 120; i++) {
      assertThat(limiter.tryAcquire("a")).as("request %d", i + 1).isZero();
    }

    assertThat(limiter.tryAcquire("a")).isEqualTo(1); // one token every 0.5 s: wait 1 s
    clock.advance(Duration.ofMillis(499));
    assertThat(limiter.tryAcquire("a")).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("a")).isZero();
    assertThat(limiter.tryAcquire("a")).isPositive();
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 120; i++) {
      assertThat(limiter.tryAcquire("a")).isZero();
    }
    assertThat(limiter.tryAcquire("a")).isPositive();
  }

  @Test
  void retryAfterSaysHowLongUntilTheNextRequestIsAllowed() {
    ClientRateLimiter limiter = new ClientRateLimiter(2, 100, clock); // one token per 30 s
    limiter.tryAcquire("a");
    limiter.tryAcquire("a");

    long wait = limiter.tryAcquire("a");
    assertThat(wait).isEqualTo(30);
    clock.advance(Duration.ofSeconds(wait - 1));
    assertThat(limiter.tryAcquire("a")).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("a")).isZero();
  }

  @Test
  void clientsHaveTheirOwnAllowance() {
    ClientRateLimiter limiter = new ClientRateLimiter(3, 100, clock);
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("a");
    }

    assertThat(limiter.tryAcquire("a")).isPositive();
    assertThat(limiter.tryAcquire("b")).isZero();
  }

  @Test
  void aFloodOfMadeUpClientsKeepsAtMostTheBoundOfBuckets() {
    ClientRateLimiter limiter = new ClientRateLimiter(120, 1_000, clock);
    for (int i = 0; i < 20_000; i++) {
      limiter.tryAcquire("10.0." + (i >> 8) + "." + (i & 255));
    }

    assertThat(limiter.clients()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void idleClientsAreForgottenAfterAMinuteWhenTheirBucketIsFullAgain() {
    ClientRateLimiter limiter = new ClientRateLimiter(120, 1_000, clock);
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    clock.advance(Duration.ofSeconds(61));

    assertThat(limiter.clients()).isZero();
  }
}
