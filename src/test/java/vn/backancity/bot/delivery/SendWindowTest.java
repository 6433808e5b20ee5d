package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendWindowTest {
  static final long MS = 1_000_000L;
  final AtomicLong now = new AtomicLong(1_000_000 * MS);
  final SendWindow window = new SendWindow(3, now::get);

  @Test
  void theFirstMessagesOfTheWindowStartAtOnce() {
    for (int i = 0; i < 3; i++) {
      assertThat(window.waitNanos()).isZero();
      window.answered(window.start());
    }
  }

  @Test
  void aMessageWaitsUntilTheOneSizeSendsEarlierWasAnsweredForASecond() {
    int first = window.start();
    window.start();
    window.start();
    now.addAndGet(300 * MS);
    window.answered(first); // answered late: the network held it back

    assertThat(window.waitNanos()).isEqualTo(1000 * MS);
    now.addAndGet(999 * MS);
    assertThat(window.waitNanos()).isEqualTo(MS);
    now.addAndGet(MS);
    assertThat(window.waitNanos()).isZero();
  }

  @Test
  void whileThatMessageIsStillInFlightTheNextOneWaits() {
    window.start();
    window.start();
    window.start();
    now.addAndGet(5000 * MS);

    assertThat(window.waitNanos()).as("in flight: not yet").isPositive();
  }
}
