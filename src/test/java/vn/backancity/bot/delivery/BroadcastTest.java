package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.TestApps;

/**
 * Announcements through the real service, outbox and worker to a fake Bot API on loopback that
 * enforces Telegram's limits (30 messages/s, 1/s per chat: 429 with retry_after), answers 403 for
 * chats that blocked the bot and 500 now and then.
 */
class BroadcastTest {
  static final String ADMIN = "admin-token-for-tests";

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;
  AdminClient admin;

  void start(double rate, Map<String, Object> more) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("telegram.token", "123:broadcast");
    settings.put("telegram.api-url", api.url());
    settings.put("telegram.bot-username", "BacKanCityBot");
    settings.put("admin.token", ADMIN);
    settings.put("delivery.rate", rate);
    settings.put("delivery.backoff", "100ms");
    settings.put("delivery.max-backoff", "1s");
    settings.putAll(more);
    app = App.open(TestApps.settings(data, settings), java.time.Clock.systemUTC());
    service = Service.start(app, "127.0.0.1");
    admin = new AdminClient(service.port(), ADMIN);
  }

  void subscribers(int count, long firstId) {
    for (long id = firstId; id < firstId + count; id++) {
      Recipient r = new Recipient("telegram", String.valueOf(id), "private");
      app.chats().touch(r.channel(), r.chatId(), r.kind(), "c" + id);
      app.subscriptions().subscribe(r, null);
    }
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (app != null) {
      app.close();
    }
    api.close();
  }

  @Test
  void twoThousandSubscribersGetAnAnnouncementExactlyOnceAndBlockedChatsBecomeInactive()
      throws Exception {
    api = new FakeBotApi().limit(30).failEvery(97).quiet();
    start(29, Map.of());
    long first = 100_000;
    subscribers(2000, first);
    for (long id = first; id < first + 2000; id += 50) {
      api.block(id);
    }

    long id =
        admin.announce(
            "{\"text\":\"Từ 7h ngày 23/11, đường Trường Chinh tạm cấm xe để thi công.\","
                + "\"link\":\"https://backancity.gov.vn/thong-bao/1\"}");
    JsonNode done =
        admin.awaitAnnouncement(
            id, a -> a.path("counts").path("queued").asInt() == 0, Duration.ofMinutes(3));

    assertThat(done.path("recipients").asInt()).isEqualTo(2000);
    assertThat(done.path("counts").path("sent").asInt()).isEqualTo(1960);
    assertThat(done.path("counts").path("blocked").asInt()).isEqualTo(40);
    assertThat(done.path("counts").path("failed").asInt()).isZero();
    assertThat(done.path("status").asText()).isEqualTo("done");
    Map<Long, Integer> delivered = api.delivered();
    for (long chat = first; chat < first + 2000; chat++) {
      boolean blocked = (chat - first) % 50 == 0;
      assertThat(delivered.getOrDefault(chat, 0)).as("chat %d", chat).isEqualTo(blocked ? 0 : 1);
      assertThat(app.chats().isActive("telegram", String.valueOf(chat))).isEqualTo(!blocked);
    }
    assertThat(api.serverErrors()).as("500s were answered, and retried").isGreaterThan(10);
  }

  @Test
  void aRateLimitPausesAllSendingForRetryAfterThenEverythingArrivesOnce() throws Exception {
    api = new FakeBotApi().limit(30);
    start(100, Map.of("delivery.concurrency", 2)); // faster than the fake allows: 429s follow
    subscribers(150, 200_000);

    long id = admin.announce("{\"text\":\"Thông báo thử\",\"audience\":\"everyone\"}");
    JsonNode done =
        admin.awaitAnnouncement(
            id, a -> a.path("counts").path("queued").asInt() == 0, Duration.ofMinutes(1));

    assertThat(done.path("counts").path("sent").asInt()).isEqualTo(150);
    assertThat(api.delivered()).hasSize(150).allSatisfy((chat, n) -> assertThat(n).isEqualTo(1));
    List<Long> limited = api.rateLimitedAt();
    assertThat(limited).isNotEmpty();
    // After a 429, the worker stops for retry_after (1 s): apart from sends already in flight
    // (answered within a few ms), nothing is accepted in the rest of that second.
    long first429 = limited.get(0);
    long quietFrom = first429 + Duration.ofMillis(150).toNanos();
    long quietTo = first429 + Duration.ofMillis(900).toNanos();
    assertThat(api.acceptedAt()).noneMatch(t -> t > quietFrom && t < quietTo);
  }
}
