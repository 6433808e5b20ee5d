package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.TestApps;

/**
 * Replies to citizens are deliveries: they go through the outbox's reply lane, so a 429 or a 5xx
 * while answering delays the answer instead of losing it, a broadcast never holds an answer back,
 * and an answer that cannot be delivered within its deadline is given up and counted.
 */
class ReplyDeliveryTest {
  static final long CITIZEN = 5113370001L;
  static final String ADMIN = "reply-admin-token";

  @TempDir Path data;
  final HttpClient http = HttpClient.newHttpClient();
  FakeBotApi api;
  App app;
  Service service;

  void start(Map<String, Object> more) throws Exception {
    api = api == null ? new FakeBotApi() : api;
    Map<String, Object> settings = new HashMap<>(TelegramEndToEndTest.telegramSettings(api));
    settings.put("delivery.backoff", "200ms");
    settings.put("delivery.max-backoff", "1s");
    settings.put("admin.token", ADMIN);
    settings.putAll(more);
    app = TestApps.withSeeds(data, settings);
    service = Service.start(app, "127.0.0.1", 1);
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (app != null) {
      app.close();
    }
    if (api != null) {
      api.close();
    }
  }

  void ask(String question, int updateId) throws Exception {
    assertThat(postUpdate(http, service.port(), withText(question, updateId), SECRET).statusCode())
        .isEqualTo(200);
  }

  /** The fake records a call before it answers it: wait until it has answered this many. */
  void awaitAccepted(int calls) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (api.acceptedAt().size() < calls && System.nanoTime() < until) {
      Thread.sleep(5);
    }
  }

  @Test
  void answerRateLimitedWith429ArrivesAfterRetryAfter() throws Exception {
    api = new FakeBotApi().rateLimitNext(1, 2);
    start(Map.of());

    ask("tp bac kan co bao nhieu don vi hanh chinh", 1);

    FakeBotApi.Call refused = api.next("sendMessage");
    FakeBotApi.Call answer = api.next("sendMessage");
    assertThat(refused.chatId()).isEqualTo(CITIZEN);
    assertThat(answer.chatId()).isEqualTo(CITIZEN);
    assertThat(answer.text()).contains("8 <b>đơn vị hành chính</b>");
    awaitAccepted(1);
    long limitedAt = api.rateLimitedAt().get(0);
    long acceptedAt = api.acceptedAt().get(0);
    assertThat(Duration.ofNanos(acceptedAt - limitedAt))
        .as("the answer waits out retry_after (2 s), then arrives")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(api.deliveredTexts().get(CITIZEN)).hasSize(1);
  }

  @Test
  void answerFailingWith5xxIsRetriedUntilItArrivesOnce() throws Exception {
    api = new FakeBotApi().failNext(3);
    start(Map.of());

    ask("tp bac kan co bao nhieu don vi hanh chinh", 2);

    for (int i = 0; i < 3; i++) {
      assertThat(api.next("sendMessage").chatId()).isEqualTo(CITIZEN);
    }
    assertThat(api.next("sendMessage").text()).contains("8 <b>đơn vị hành chính</b>");
    awaitAccepted(1);
    assertThat(api.serverErrors()).isEqualTo(3);
    assertThat(api.deliveredTexts().get(CITIZEN)).hasSize(1);
  }

  @Test
  void answerThatCannotBeDeliveredIsGivenUpAfterItsDeadlineAndCounted() throws Exception {
    api = new FakeBotApi().failNext(1_000_000);
    start(Map.of("delivery.reply-deadline", "5s"));

    ask("tp bac kan co bao nhieu don vi hanh chinh", 3);

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> statuses = replyStatuses();
    // Given up by the worker ("failed", when a retry would come after the deadline) or by
    // housekeeping ("expired", when the deadline passed while it waited for its retry).
    List<List<String>> givenUp = List.of(List.of("failed"), List.of("expired"));
    while (!givenUp.contains(statuses) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      statuses = replyStatuses();
    }
    assertThat(statuses).as("given up after the deadline, not retried forever").isIn(givenUp);
    assertThat(api.serverErrors()).as("retried before giving up").isGreaterThan(1);
    assertThat(api.deliveredTotal()).isZero();
  }

  @Test
  void answerIsNotHeldBackByABroadcastInProgress() throws Exception {
    start(Map.of("delivery.rate", 10));
    for (long id = 900_000; id < 900_300; id++) {
      Recipient r = new Recipient("telegram", String.valueOf(id), "private");
      app.chats().touch(r.channel(), r.chatId(), r.kind(), null);
      app.subscriptions().subscribe(r, null);
    }
    new AdminClient(service.port(), ADMIN).announce("{\"text\":\"Thông báo: lịch cắt điện\"}");
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (api.deliveredTotal() < 20 && System.nanoTime() < until) {
      Thread.sleep(20);
    }

    long asked = System.nanoTime();
    ask("tp bac kan co bao nhieu don vi hanh chinh", 4);
    long answered = 0;
    while (answered == 0 && System.nanoTime() < asked + Duration.ofSeconds(10).toNanos()) {
      if (api.deliveredTexts().containsKey(CITIZEN)) {
        answered = System.nanoTime();
      }
      Thread.sleep(5);
    }

    assertThat(answered).as("the citizen was answered").isPositive();
    assertThat(Duration.ofNanos(answered - asked))
        .as("ahead of the 280 announcements still queued (28 s at 10/s)")
        .isLessThan(Duration.ofSeconds(2));
    assertThat(api.deliveredTotal()).as("the broadcast was still going").isLessThan(300);
  }

  List<String> replyStatuses() throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = app.database().dataSource().getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT status FROM outbox WHERE kind = 'reply' ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
