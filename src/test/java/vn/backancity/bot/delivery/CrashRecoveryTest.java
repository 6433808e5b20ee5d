package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.AdminClient;
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
      int port = freePort();
      Process first = server(api, port, "first");
      long id;
      try {
        AdminClient admin = awaitUp(port);
        id = admin.announce("{\"text\":\"Thông báo khẩn: mất điện khu vực phường Đức Xuân\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.deliveredTotal() < CHATS / 4 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        first.waitFor();
      }
      int beforeCrash = api.deliveredTotal();
      assertThat(beforeCrash).as("the crash came mid-broadcast").isBetween(CHATS / 4, CHATS - 1);

      Process second = server(api, port, "second");
      try {
        AdminClient admin = awaitUp(port);
        JsonNode done =
            admin.awaitAnnouncement(
                id, a -> a.path("counts").path("queued").asInt() == 0, Duration.ofSeconds(90));
        assertThat(done.path("counts").path("sent").asInt()).isEqualTo(CHATS);
      } finally {
        second.destroy();
        second.waitFor();
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

  private Process server(FakeBotApi api, int port, String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Ddelivery.rate=60");
    command.add("-Ddelivery.lease=2s");
    command.add("-Ddelivery.concurrency=" + CONCURRENCY);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(App.class.getName());
    command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", String.valueOf(port)));
    command.addAll(List.of("--data", data.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TELEGRAM_BOT_TOKEN", "123:crash");
    builder.environment().put("TELEGRAM_API_URL", api.url());
    builder.environment().put("TELEGRAM_BOT_USERNAME", "BacKanCityBot");
    builder.environment().put("ADMIN_TOKEN", ADMIN);
    builder.environment().put("BOOTSTRAP_ARTICLES", "none");
    Path log = data.resolve(name + ".log");
    Files.createDirectories(data);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static AdminClient awaitUp(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return new AdminClient(port, ADMIN);
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server process did not start within 60 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
