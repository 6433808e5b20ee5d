package vn.backancity.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import vn.backancity.bot.feed.FeedPoller;

/**
 * {@code bot.feed.polls}: polls of each configured feed by outcome: {@code ok} (fetched and read),
 * {@code not_modified} (the site answered 304) or {@code failed}.
 */
public final class FeedPollCounters implements Consumer<FeedPoller.Report> {
  static final String NAME = "bot.feed.polls";
  private static final List<String> OUTCOMES = List.of("ok", "not_modified", "failed");

  private final MeterRegistry registry;

  /**
   * @param feeds the configured feeds' names, whose counters exist from the start at 0
   */
  public FeedPollCounters(MeterRegistry registry, Collection<String> feeds) {
    this.registry = registry;
    for (String feed : feeds) {
      OUTCOMES.forEach(outcome -> counter(feed, outcome));
    }
  }

  @Override
  public void accept(FeedPoller.Report report) {
    String outcome =
        report.error() != null ? "failed" : report.notModified() ? "not_modified" : "ok";
    counter(report.source(), outcome).increment();
  }

  private Counter counter(String feed, String outcome) {
    return Counter.builder(NAME)
        .description("Polls of each feed by outcome")
        .tags("feed", feed, "outcome", outcome)
        .register(registry);
  }
}
