package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.config.DeliverySettings;
import vn.backancity.bot.config.TelegramSettings;
import vn.backancity.bot.search.Abbreviations;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.subscription.DigestScheduler;
import vn.backancity.bot.subscription.Subscriptions;
import vn.backancity.bot.subscription.TopicMatcher;
import vn.backancity.bot.telegram.TelegramGateway;
import vn.backancity.bot.telegram.TelegramSender;
import vn.backancity.bot.testing.TestDatabases;

/**
 * Several server instances on one database, as on PostgreSQL in production (and SQLite here): their
 * workers claim from one outbox and their schedulers decide the same digests, and still each
 * message goes out once.
 */
class OutboxClaimTest {
  static final int ROWS = 400;

  @TempDir Path dir;

  String url(String vendor) throws Exception {
    return vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void twoInstancesWorkersNeverSendTheSameRow(String vendor) throws Exception {
    String url = url(vendor);
    Path file = dir.resolve("bot.db");
    try (FakeBotApi api = new FakeBotApi();
        Database one = TestDatabases.open(vendor, url, file);
        Database two = TestDatabases.open(vendor, url, file)) {
      Outbox outboxOne =
          new Outbox(one.dataSource(), one.vendor(), Clock.systemUTC(), App.jsonMapper());
      try (Connection c = one.dataSource().getConnection()) {
        c.setAutoCommit(false);
        for (int i = 0; i < ROWS; i++) {
          outboxOne.enqueue(
              c,
              new Recipient("telegram", String.valueOf(300_000 + i), "private"),
              "announcement",
              "announcement:1",
              new Reply.Bulletin("Thông báo", "Thử " + i, null, List.of(), 0, null),
              0);
        }
        c.commit();
      }
      DeliverySettings fast =
          new DeliverySettings(
              100,
              Duration.ofSeconds(1),
              20,
              4,
              Duration.ofSeconds(30),
              3,
              Duration.ofMillis(50),
              Duration.ofSeconds(1),
              Duration.ofMillis(50),
              Duration.ofMinutes(10),
              Duration.ofDays(3),
              Duration.ofDays(30));
      AtomicInteger sentByOne = new AtomicInteger();
      AtomicInteger sentByTwo = new AtomicInteger();
      try (OutboxWorker a = worker(one, api, fast, sentByOne);
          OutboxWorker b = worker(two, api, fast, sentByTwo)) {
        a.start();
        b.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.deliveredTotal() < ROWS && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }
      assertThat(api.delivered()).hasSize(ROWS).allSatisfy((chat, n) -> assertThat(n).isEqualTo(1));
      assertThat(sentByOne.get()).isPositive();
      assertThat(sentByTwo.get()).isPositive();
      assertThat(outboxOne.statusCounts("telegram")).isEqualTo(Map.of("sent", ROWS));
    }
  }

  private OutboxWorker worker(
      Database db, FakeBotApi api, DeliverySettings settings, AtomicInteger sent) {
    TelegramGateway gateway =
        new TelegramGateway(
            new TelegramSettings("1:t", "", api.url(), "Bot", Set.of()), App.jsonMapper());
    Sender telegram = new TelegramSender(gateway, false);
    Sender counting =
        new Sender() {
          @Override
          public String channel() {
            return telegram.channel();
          }

          @Override
          public List<Part> render(String chatId, Reply message) {
            return telegram.render(chatId, message).stream()
                .<Part>map(
                    part ->
                        () -> {
                          Delivery d = part.send();
                          sent.incrementAndGet();
                          return d;
                        })
                .toList();
          }
        };
    return new OutboxWorker(
        new Outbox(db.dataSource(), db.vendor(), Clock.systemUTC(), App.jsonMapper()),
        counting,
        new ChatDirectory(db.dataSource(), Clock.systemUTC()),
        settings,
        Clock.systemUTC(),
        "test" + sent.hashCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void twoInstancesSchedulersDecideEachDigestOnce(String vendor) throws Exception {
    String url = url(vendor);
    Path file = dir.resolve("bot.db");
    Clock clock =
        Clock.fixed(java.time.Instant.parse("2026-11-22T00:30:00Z"), java.time.ZoneOffset.UTC);
    try (Database one = TestDatabases.open(vendor, url, file);
        Database two = TestDatabases.open(vendor, url, file)) {
      Clock earlier = Clock.offset(clock, Duration.ofHours(-10));
      ArticleStore store = new ArticleStore(one.dataSource(), App.jsonMapper(), earlier);
      store.upsertAll(
          List.of(
              new Article(
                  "x1",
                  "Khánh thành cầu mới",
                  null,
                  earlier.instant(),
                  "Cầu dài 120 m.",
                  List.of(),
                  List.of(),
                  null,
                  List.of())));
      ChatDirectory chats = new ChatDirectory(one.dataSource(), earlier);
      Subscriptions subs =
          new Subscriptions(
              one.dataSource(),
              earlier,
              java.time.ZoneId.of("Asia/Ho_Chi_Minh"),
              java.time.LocalTime.of(7, 0));
      for (int i = 0; i < 200; i++) {
        Recipient r = new Recipient("telegram", String.valueOf(400_000 + i), "private");
        chats.touch(r.channel(), r.chatId(), r.kind(), null);
        subs.subscribe(r, null);
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Callable<Integer>> ticks = new ArrayList<>();
        for (Database db : List.of(one, two)) {
          DigestScheduler scheduler = scheduler(db, clock);
          ticks.add(scheduler::tick);
        }
        int total = 0;
        for (Future<Integer> f : pool.invokeAll(ticks)) {
          total += f.get();
        }
        assertThat(total).isEqualTo(200);
      } finally {
        pool.shutdown();
      }
      assertThat(
              new Outbox(one.dataSource(), one.vendor(), clock, App.jsonMapper())
                  .statusCounts("telegram"))
          .isEqualTo(Map.of("queued", 200));
    }
  }

  private static DigestScheduler scheduler(Database db, Clock clock) {
    return new DigestScheduler(
        db.dataSource(),
        new Outbox(db.dataSource(), db.vendor(), clock, App.jsonMapper()),
        new ArticleStore(db.dataSource(), App.jsonMapper(), clock),
        new TopicMatcher(Abbreviations.none()),
        new vn.backancity.bot.answer.Links("http://bot.test"),
        new vn.backancity.bot.config.DigestSettings(
            java.time.ZoneId.of("Asia/Ho_Chi_Minh"),
            java.time.LocalTime.of(7, 0),
            10,
            Duration.ofHours(1),
            Duration.ofDays(3),
            Duration.ofSeconds(30)),
        List.of("telegram"),
        clock);
  }
}
