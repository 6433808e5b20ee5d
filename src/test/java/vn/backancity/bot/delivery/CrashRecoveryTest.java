package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.ServerProcess;
import vn.backancity.bot.testing.TestApps;

/**
 * Kills a real server process (SIGKILL) in the middle of a broadcast, starts a new one on the same
 * data folder, and checks that every chat got the announcement: nothing lost, and at most the
 * messages in flight at the crash sent twice.
 */
class CrashRecoveryTest {
  static final int CHATS = 600;
  static final int CONCURRENCY = 4;
  static final String ADMIN = "crash-admin-token";

  @TempDir Path data;

  @Test
  void afterKillNineAndRestartNothingIsLost() throws Exception {
    try (FakeBotApi api = new FakeBotApi().quiet()) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("telegram.token", "123:crash");
      settings.put("telegram.api-url", api.url());
      settings.put("data.bootstrap-articles", "none");
      try (App app = App.open(TestApps.settings(data, settings), Clock.systemUTC())) {
        for (int i = 0; i < CHATS; i++) {
          Recipient r = new Recipient("telegram", String.valueOf(500_000 + i), "private");
          app.chats().touch(r.channel(), r.chatId(), r.kind(), null);
          app.subscriptions().subscribe(r, null);
        }
      }
      int port = ServerProcess.freePort();
      ServerProcess first = server(api, port, "first");
      long id;
      try {
        AdminClient admin = new AdminClient(first.awaitUp().port(), ADMIN);
        id = admin.announce("{\"text\":\"Thông báo khẩn: mất điện khu vực phường Đức Xuân\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.deliveredTotal() < CHATS / 4 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      } finally {
        first.kill(); // SIGKILL: no shutdown hook, no cleanup
      }
      int beforeCrash = api.deliveredTotal();
      assertThat(beforeCrash).as("the crash came mid-broadcast").isBetween(CHATS / 4, CHATS - 1);

      ServerProcess second = server(api, port, "second");
      try {
        AdminClient admin = new AdminClient(second.awaitUp().port(), ADMIN);
        JsonNode done =
            admin.awaitAnnouncement(
                id, a -> a.path("counts").path("queued").asInt() == 0, Duration.ofSeconds(90));
        assertThat(done.path("counts").path("sent").asInt()).isEqualTo(CHATS);
      } finally {
        second.close();
      }
      Map<Long, Integer> delivered = api.delivered();
      assertThat(delivered).as("every chat got it").hasSize(CHATS);
      int duplicates = api.deliveredTotal() - CHATS;
      System.out.printf(
          "Crash recovery: %d of %d delivered before SIGKILL, %d sent twice after restart%n",
          beforeCrash, CHATS, duplicates);
      assertThat(duplicates)
          .as("only messages in flight at the crash")
          .isLessThanOrEqualTo(CONCURRENCY * 2);
    }
  }

  private ServerProcess server(FakeBotApi api, int port, String name) throws IOException {
    return ServerProcess.start(
        data,
        port,
        Map.of(
            "TELEGRAM_BOT_TOKEN", "123:crash",
            "TELEGRAM_API_URL", api.url(),
            "TELEGRAM_BOT_USERNAME", "BacKanCityBot",
            "ADMIN_TOKEN", ADMIN,
            "BOOTSTRAP_ARTICLES", "none"),
        Map.of(
            "delivery.rate", "60",
            "delivery.lease", "2s",
            "delivery.concurrency", String.valueOf(CONCURRENCY)),
        data.resolve(name + ".log"));
  }
}
