package vn.backancity.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gauges of stored state read the database once per window, however often they are read. */
class StateMetersTest {
  final AtomicLong nanos = new AtomicLong();
  final AtomicInteger reads = new AtomicInteger();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  double scrape() {
    double sum = 0;
    for (Gauge gauge : registry.get("bot.outbox.messages").gauges()) {
      sum += gauge.value();
    }
    return sum
        + registry.get("bot.index.documents").gauge().value()
        + registry.get("bot.index.size").gauge().value()
        + registry.get("bot.index.lag").gauge().value();
  }

  @Test
  void aFloodOfScrapesReadsTheDatabaseOncePerWindow() {
    new StateMeters(
            () -> {
              reads.incrementAndGet();
              return new StateMeters.Snapshot(
                  Map.of("telegram", Map.of("queued", 3, "sent", 7)), 5, 1024, 0, 12);
            },
            List.of("telegram", "zalo"),
            nanos::get)
        .bindTo(registry);

    for (int i = 0; i < 1000; i++) {
      scrape();
    }
    assertThat(reads).hasValue(1);
    assertThat(
            registry
                .get("bot.outbox.messages")
                .tags("channel", "telegram", "status", "queued")
                .gauge()
                .value())
        .isEqualTo(3);
    assertThat(
            registry
                .get("bot.outbox.messages")
                .tags("channel", "zalo", "status", "queued")
                .gauge()
                .value())
        .isZero();
    assertThat(registry.get("bot.outbox.messages").gauges())
        .hasSize(2 * StateMeters.STATUSES.size());
    assertThat(registry.get("bot.inbox.oldest.pending").gauge().value()).isEqualTo(12);

    nanos.addAndGet(StateMeters.FRESH.toNanos() - 1);
    scrape();
    assertThat(reads).hasValue(1);
    nanos.addAndGet(1);
    scrape();
    assertThat(reads).hasValue(2);
  }

  @Test
  void whatCouldNotBeReadIsNaNNotZero() {
    new StateMeters(
            () -> new StateMeters.Snapshot(null, 5, 1024, Double.NaN, Double.NaN),
            List.of("telegram"),
            nanos::get)
        .bindTo(registry);

    assertThat(registry.get("bot.outbox.messages").tags("status", "queued").gauge().value())
        .isNaN();
    assertThat(registry.get("bot.index.lag").gauge().value()).isNaN();
    assertThat(registry.get("bot.inbox.oldest.pending").gauge().value()).isNaN();
    assertThat(registry.get("bot.index.documents").gauge().value()).isEqualTo(5);
  }
}
