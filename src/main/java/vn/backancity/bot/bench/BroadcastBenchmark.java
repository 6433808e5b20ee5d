package vn.backancity.bot.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import vn.backancity.bot.App;
import vn.backancity.bot.config.Settings;
import vn.backancity.bot.config.TelegramSettings;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.OutboxWorker;
import vn.backancity.bot.telegram.TelegramGateway;
import vn.backancity.bot.telegram.TelegramSender;

/**
 * One announcement to many subscribers through the real outbox and worker, against a fake Bot API
 * on loopback that enforces a rate limit (429 with retry_after beyond it): achieved rate, messages
 * lost, messages sent twice, 429s received.
 */
public final class BroadcastBenchmark {
  private final Consumer<String> out;

  public BroadcastBenchmark(Consumer<String> out) {
    this.out = out;
  }

  /** The figures of one run. */
  public record Result(
      int subscribers,
      int delivered,
      int lost,
      int duplicates,
      int rateLimited,
      double seconds,
      double rate) {}

  public Result run(Settings base, Path work, int subscribers, int limit, double rate)
      throws Exception {
    try (FakeBotApi api = new FakeBotApi().limit(limit).quiet()) {
      Settings settings =
          new Settings(
              0,
              base.publicUrl(),
              base.maxBodyBytes(),
              work,
              work.resolve("none"),
              base.abbreviationsFile(),
              base.answersPerPage(),
              base.tuning(),
              base.cacheMaxSize(),
              base.cacheExpiry(),
              new TelegramSettings("1:bench", "", api.url(), "BenchBot", java.util.Set.of()),
              "",
              base.feeds(),
              "",
              base.delivery().withRate(rate),
              base.digest(),
              base.zalo(),
              base.inbox(),
              base.roleLease(),
              base.limits(),
              base.questionRetention(),
              "");
      try (App app = App.open(settings, Clock.systemUTC())) {
        long t = System.nanoTime();
        addSubscribers(app, subscribers);
        out.accept(
            String.format(
                "%d subscribers written in %.1f s; fake Bot API limit %d/s, outbox rate %.1f/s",
                subscribers, (System.nanoTime() - t) / 1e9, limit, rate));
        Outbox outbox = app.outbox();
        TelegramGateway gateway = new TelegramGateway(settings.telegram(), app.json());
        try (OutboxWorker worker =
            new OutboxWorker(
                outbox,
                new TelegramSender(gateway, rate > 30),
                app.chats(),
                settings.delivery(),
                app.clock(),
                "bench")) {
          worker.start();
          long start = System.nanoTime();
          long id =
              app.announcements()
                  .create(
                      "Thông báo thử nghiệm gửi hàng loạt",
                      null,
                      "subscribers",
                      app.clock().millis(),
                      null,
                      "bench",
                      false);
          long lastReport = start;
          while (pending(outbox) > 0) {
            Thread.sleep(200);
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
              lastReport = System.nanoTime();
              out.accept(
                  String.format(
                      "… %d delivered after %.0f s",
                      api.deliveredTotal(), (lastReport - start) / 1e9));
            }
          }
          List<Long> accepted = api.acceptedAt();
          long end = accepted.isEmpty() ? System.nanoTime() : accepted.get(accepted.size() - 1);
          double seconds = (end - start) / 1e9;
          int distinct = api.delivered().size();
          int total = api.deliveredTotal();
          Result r =
              new Result(
                  subscribers,
                  total,
                  subscribers - distinct,
                  total - distinct,
                  api.rateLimitedAt().size(),
                  seconds,
                  total / seconds);
          out.accept(
              String.format(
                  "broadcast #%d: %d delivered in %.1f s = %.2f messages/s (%.1f%% of the %d/s"
                      + " limit); lost %d, duplicates %d, 429s %d",
                  id,
                  r.delivered(),
                  r.seconds(),
                  r.rate(),
                  100 * r.rate() / limit,
                  limit,
                  r.lost(),
                  r.duplicates(),
                  r.rateLimited()));
          return r;
        }
      }
    }
  }

  private static int pending(Outbox outbox) {
    Map<String, Integer> counts = outbox.statusCounts(null);
    return counts.getOrDefault(Outbox.QUEUED, 0) + counts.getOrDefault(Outbox.SENDING, 0);
  }

  /** Chats and digest subscriptions, written in one transaction (the bench is about sending). */
  private static void addSubscribers(App app, int n) throws Exception {
    long now = app.clock().millis();
    try (Connection c = app.database().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement chats =
              c.prepareStatement(
                  "INSERT INTO chats (channel, chat_id, kind, title, first_seen, last_seen, active)"
                      + " VALUES ('telegram', ?, 'private', NULL, ?, ?, TRUE)");
          PreparedStatement subs =
              c.prepareStatement(
                  "INSERT INTO subscriptions (channel, chat_id, digest, digest_time,"
                      + " last_digest_day, since, created_at)"
                      + " VALUES ('telegram', ?, TRUE, '07:00', NULL, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          String id = String.valueOf(1_000_000 + i);
          chats.setString(1, id);
          chats.setLong(2, now);
          chats.setLong(3, now);
          chats.addBatch();
          subs.setString(1, id);
          subs.setLong(2, now);
          subs.setLong(3, now);
          subs.addBatch();
        }
        chats.executeBatch();
        subs.executeBatch();
      }
      c.commit();
    }
  }
}
