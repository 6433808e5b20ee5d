package vn.backancity.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Locale;
import vn.backancity.bot.delivery.DeliveryOutcomes;

/**
 * {@code bot.deliveries}: platform messages the outbox workers tried to send, per channel and
 * outcome ({@code sent}, {@code retry}, {@code failed}, {@code rate_limited} for a 429, {@code
 * chat_gone}, {@code held}). The configured channels' counters exist from the start at 0, so that a
 * rate over them is right from the first 429.
 */
public final class DeliveryCounters implements DeliveryOutcomes {
  static final String NAME = "bot.deliveries";

  private final MeterRegistry registry;

  public DeliveryCounters(MeterRegistry registry, Collection<String> channels) {
    this.registry = registry;
    for (String channel : channels) {
      for (Outcome outcome : Outcome.values()) {
        counter(channel, outcome);
      }
    }
  }

  @Override
  public void record(String channel, Outcome outcome) {
    counter(channel, outcome).increment();
  }

  private Counter counter(String channel, Outcome outcome) {
    return Counter.builder(NAME)
        .description("Platform messages the outbox tried to send, by channel and outcome")
        .tags("channel", channel, "outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }
}
