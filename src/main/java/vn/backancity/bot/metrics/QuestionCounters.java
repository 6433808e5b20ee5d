package vn.backancity.bot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Consumer;
import vn.backancity.bot.questions.QuestionLog;

/**
 * {@code bot.questions}: questions asked per channel and outcome: {@code answered} (by search),
 * {@code curated} (the city's own answer came first) or {@code unanswered}; and {@code
 * bot.question.log.dropped}, questions the log's full queue could not keep.
 */
public final class QuestionCounters implements Consumer<QuestionLog.Entry> {
  static final String NAME = "bot.questions";
  private static final List<String> OUTCOMES = List.of("answered", "curated", "unanswered");

  private final MeterRegistry registry;

  /**
   * @param channels the channels whose counters exist from the start at 0
   */
  public QuestionCounters(MeterRegistry registry, List<String> channels, QuestionLog log) {
    this.registry = registry;
    for (String channel : channels) {
      OUTCOMES.forEach(outcome -> counter(channel, outcome));
    }
    FunctionCounter.builder("bot.question.log.dropped", log, QuestionLog::dropped)
        .description("Questions not logged because the log's queue was full")
        .register(registry);
  }

  @Override
  public void accept(QuestionLog.Entry e) {
    String outcome = e.curatedId() != null ? "curated" : e.answered() ? "answered" : "unanswered";
    counter(e.channel(), outcome).increment();
  }

  private Counter counter(String channel, String outcome) {
    return Counter.builder(NAME)
        .description("Questions asked per channel and outcome")
        .tags("channel", channel, "outcome", outcome)
        .register(registry);
  }
}
