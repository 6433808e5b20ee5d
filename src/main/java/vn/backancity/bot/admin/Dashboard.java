package vn.backancity.bot.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.questions.Feedback;
import vn.backancity.bot.questions.QuestionStats;
import vn.backancity.bot.questions.ReviewQueue;
import vn.backancity.bot.subscription.Subscriptions;

/**
 * The admin dashboard's figures for the last N days: questions per day and channel, the answered
 * share, 👍 / 👎, the most asked and most unanswered questions, subscribers per channel and topic,
 * and deliveries per channel and status.
 */
public final class Dashboard {
  static final int TOP = 10;

  private final QuestionStats stats;
  private final Feedback feedback;
  private final ReviewQueue queue;
  private final Subscriptions subscriptions;
  private final Outbox outbox;
  private final List<String> channels;

  /**
   * @param channels the chat channels that are on (the web chat is always on)
   */
  public Dashboard(
      QuestionStats stats,
      Feedback feedback,
      ReviewQueue queue,
      Subscriptions subscriptions,
      Outbox outbox,
      List<String> channels) {
    this.stats = stats;
    this.feedback = feedback;
    this.queue = queue;
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.channels = List.copyOf(channels);
  }

  public Map<String, Object> read(int days) {
    long since = stats.since(days);
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Map<String, Object>> byDay = new TreeMap<>();
    long asked = 0;
    long answered = 0;
    for (QuestionStats.Day d : stats.perDay(since)) {
      Map<String, Object> day =
          byDay.computeIfAbsent(
              d.date().toString(),
              k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("date", k);
                m.put("asked", new TreeMap<String, Long>());
                m.put("answered", new TreeMap<String, Long>());
                return m;
              });
      put(day, "asked", d.channel(), d.asked());
      put(day, "answered", d.channel(), d.answered());
      asked += d.asked();
      answered += d.answered();
    }
    out.put("since", java.time.Instant.ofEpochMilli(since).toString());
    out.put("days", List.copyOf(byDay.values()));
    long[] votes = feedback.counts(since);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("asked", asked);
    totals.put("answered", answered);
    totals.put("answered_share", share(answered, asked));
    totals.put("up", votes[0]);
    totals.put("down", votes[1]);
    totals.put("up_share", share(votes[0], votes[0] + votes[1]));
    totals.put("people", stats.people(since));
    out.put("totals", totals);
    out.put(
        "top_questions",
        stats.top(since, TOP).stream()
            .map(c -> Map.of("question", c.question(), "count", c.count()))
            .toList());
    out.put(
        "top_unanswered",
        queue.unanswered(TOP).stream()
            .map(g -> Map.of("question", g.question(), "count", g.count()))
            .toList());
    Map<String, Object> subs = new LinkedHashMap<>();
    subs.put("by_channel", subscriptions.activeByChannel());
    subs.put(
        "by_topic",
        subscriptions.topTopics(TOP).stream()
            .map(e -> Map.of("topic", e.getKey(), "count", e.getValue()))
            .toList());
    out.put("subscribers", subs);
    Map<String, Object> deliveries = new LinkedHashMap<>();
    for (String channel : channels) {
      deliveries.put(channel, outbox.statusCounts(channel));
    }
    out.put("deliveries", Map.of("by_channel", deliveries));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> day, String what, String channel, long n) {
    ((Map<String, Long>) day.get(what)).put(channel, n);
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
  }
}
