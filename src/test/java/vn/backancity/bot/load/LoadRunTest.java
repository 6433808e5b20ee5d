package vn.backancity.bot.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.storage.Jdbc;
import vn.backancity.bot.testing.TestApps;

/** The load generator against the real server: what it counts is what the server did. */
class LoadRunTest {
  @TempDir Path data;

  @Test
  void everyUpdateTheWebhookAcknowledgedUnderLoadIsInTheInboxAndPagesAreReadWhole()
      throws Exception {
    try (FakeBotApi botApi = new FakeBotApi().quiet();
        App app =
            TestApps.withSeeds(
                data,
                Map.of(
                    "telegram.token",
                    LoadTest.TOKEN,
                    "telegram.webhook-secret",
                    LoadTest.SECRET,
                    "telegram.api-url",
                    botApi.url(),
                    // One address sends everything: the limit is raised for this server only.
                    "limits.public-per-minute",
                    1_000_000_000));
        Service service = Service.start(app, "127.0.0.1")) {
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", service.port());
      String host = "127.0.0.1:" + service.port();

      // A cold server's first answers can take seconds on a busy machine: a warm-up first.
      LoadTest.WebhookScenario webhook = new LoadTest.WebhookScenario(host, 5_000_000);
      LoadRun.Figures f =
          LoadRun.run(server, webhook, 8, Duration.ofSeconds(3), Duration.ofSeconds(2), () -> -1);
      // Counted over warm-up and measure alike: on a busy machine the measured window alone may
      // hold few answers.
      assertThat(webhook.acknowledged()).as("answers by status: %s", f.statuses()).isNotEmpty();
      assertThat(f.statuses().keySet()).isSubsetOf(200);
      List<String> keys =
          Jdbc.query(
              app.database().dataSource(),
              "read inbox keys",
              "SELECT update_key FROM inbox WHERE channel = 'telegram'",
              rs -> rs.getString(1));
      Set<Long> stored = new HashSet<>();
      keys.forEach(k -> stored.add(Long.parseLong(k)));
      assertThat(keys).as("each once").hasSameSizeAs(stored);
      assertThat(stored).containsAll(webhook.acknowledged());

      // Keep-alive answers of every kind (JSON, HTML pages, an unknown article) read whole: a
      // misread length would desynchronize the connection and show as errors.
      List<byte[]> mix =
          List.of(
              HttpConnection.get(host, "/"),
              HttpConnection.get(
                  host,
                  "/api/ask?q=" + java.net.URLEncoder.encode(LoadTest.CACHED.get(0), "UTF-8")),
              HttpConnection.get(host, "/articles/no-such-article"),
              HttpConnection.get(host, "/health"));
      Map<Integer, Integer> answered = new java.util.concurrent.ConcurrentHashMap<>();
      Scenario pages =
          new Scenario() {
            @Override
            public void answered(long n, int status) {
              answered.merge(status, 1, Integer::sum);
            }

            @Override
            public String name() {
              return "mix";
            }

            @Override
            public byte[] request(long n) {
              return mix.get((int) (n % mix.size()));
            }
          };
      LoadRun.Figures read =
          LoadRun.run(server, pages, 4, Duration.ofSeconds(1), Duration.ofSeconds(2), () -> -1);
      assertThat(answered.keySet()).as("no answer misread (-1)").isNotEmpty().isSubsetOf(200, 404);
      assertThat(read.statuses().keySet()).isSubsetOf(200, 404);
    }
  }
}
