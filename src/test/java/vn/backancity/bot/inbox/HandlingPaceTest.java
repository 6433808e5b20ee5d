package vn.backancity.bot.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The inbox's handling pace, driven by a hand-moved ticker. */
class HandlingPaceTest {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final HandlingPace pace = new HandlingPace(nanos::get, 1);

  void advanceMillis(long ms) {
    nanos.addAndGet(ms * 1_000_000L);
  }

  @Test
  void aBurstIsArrivalsAtOrAboveTheRateOverAWindowAndEndsWhenTheyStop() {
    assertThat(pace.burst(0)).as("nothing seen yet").isFalse();
    advanceMillis(250);
    assertThat(pace.burst(99)).as("396/s").isFalse();
    advanceMillis(250);
    assertThat(pace.burst(99 + 100)).as("400/s").isTrue();
    advanceMillis(100);
    assertThat(pace.burst(199 + 10)).as("decided per window: still the last one's").isTrue();
    advanceMillis(150);
    assertThat(pace.burst(199 + 150)).as("600/s").isTrue();
    advanceMillis(250);
    assertThat(pace.burst(349 + 25))
        .as("100/s: the webhooks may be slowed by the handling, not the senders")
        .isTrue();
    advanceMillis(250);
    assertThat(pace.burst(374 + 24)).as("96/s: one slow window (a stalled commit)").isTrue();
    advanceMillis(250);
    assertThat(pace.burst(398 + 200)).as("800/s: still the burst").isTrue();
    for (int window = 1; window < 4; window++) {
      advanceMillis(250);
      assertThat(pace.burst(598)).as("calm for %d ms", window * 250).isTrue();
    }
    advanceMillis(250);
    assertThat(pace.burst(598)).as("calm for a second: over").isFalse();
    advanceMillis(10_000);
    assertThat(pace.burst(598 + 3_000))
        .as("after an idle wait the rate is over the whole wait: 300/s")
        .isFalse();
    advanceMillis(250);
    assertThat(pace.burst(3_598 + 99)).as("396/s: not yet a burst again").isFalse();
  }

  @Test
  void theRatesArePerCore() {
    HandlingPace twoCores = new HandlingPace(nanos::get, 2);
    twoCores.burst(0);
    advanceMillis(250);
    assertThat(twoCores.burst(150)).as("600/s on two cores").isFalse();
    advanceMillis(250);
    assertThat(twoCores.burst(150 + 200)).as("800/s on two cores").isTrue();
    advanceMillis(250);
    assertThat(twoCores.burst(350 + 100)).as("400/s: not calm on two cores").isTrue();
  }

  @Test
  void handlingTakesAQuarterOfTheThreadsTimeInABurstAndNeverPausesLong() {
    assertThat(HandlingPace.pauseNanos(2_000_000L)).isEqualTo(6_000_000L);
    assertThat(HandlingPace.pauseNanos(0)).isZero();
    assertThat(HandlingPace.pauseNanos(1_000_000_000L)).isEqualTo(100_000_000L);
  }
}
