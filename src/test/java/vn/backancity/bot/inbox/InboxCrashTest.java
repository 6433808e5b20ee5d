package vn.backancity.bot.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.telegram.TelegramEndToEndTest;
import vn.backancity.bot.testing.ServerProcess;

/**
 * A question acknowledged with 200 is answered, once, whatever happens to the process: 200
 * questions are acknowledged, the server is killed with SIGKILL before it answered them all, and a
 * new process on the same data folder answers the rest.
 */
class InboxCrashTest {
  static final int QUESTIONS = 200;
  static final int CONCURRENCY = 4;
  static final String TOKEN = "123:inbox-crash";
  static final String SECRET = "inbox-crash-secret";

  @TempDir Path data;

  @Test
  void everyAcknowledgedQuestionIsAnsweredOnceAfterKillNineAndRestart() throws Exception {
    try (FakeBotApi api = new FakeBotApi()) {
      int port = ServerProcess.freePort();
      HttpClient http = HttpClient.newHttpClient();
      ServerProcess first = server(api, port, "first").awaitUp();
      int beforeCrash;
      try {
        for (int i = 0; i < QUESTIONS; i++) {
          String update =
              TelegramEndToEndTest.withText("tp bac kan co bao nhieu don vi hanh chinh " + i, i + 1)
                  .replace(String.valueOf(TelegramEndToEndTest.LAN), String.valueOf(chat(i)));
          assertThat(TelegramEndToEndTest.postUpdate(http, port, update, SECRET).statusCode())
              .as("update %d acknowledged", i)
              .isEqualTo(200);
        }
      } finally {
        first.kill(); // SIGKILL right after the last 200: no shutdown hook, no cleanup
        beforeCrash = api.deliveredTotal();
      }
      assertThat(beforeCrash).as("the crash came before all were answered").isLessThan(QUESTIONS);

      try (ServerProcess second = server(api, port, "second").awaitUp()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (api.delivered().size() < QUESTIONS && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        Thread.sleep(500); // a duplicate, if any, would come now
      }
      Map<Long, List<String>> answers = api.deliveredTexts();
      for (int i = 0; i < QUESTIONS; i++) {
        assertThat(answers.get(chat(i))).as("chat %d was answered", chat(i)).isNotEmpty();
      }
      int duplicates = api.deliveredTotal() - QUESTIONS;
      System.out.printf(
          "Inbox crash: %d of %d answered before SIGKILL, all %d after restart, %d sent twice%n",
          beforeCrash, QUESTIONS, QUESTIONS, duplicates);
      assertThat(duplicates)
          .as("only answers in flight at the crash")
          .isLessThanOrEqualTo(CONCURRENCY * 2);
    }
  }

  static long chat(int i) {
    return 700_000_000L + i;
  }

  private ServerProcess server(FakeBotApi api, int port, String name) throws Exception {
    return ServerProcess.start(
        data,
        port,
        Map.of(
            "TELEGRAM_BOT_TOKEN",
            TOKEN,
            "TELEGRAM_WEBHOOK_SECRET",
            SECRET,
            "TELEGRAM_API_URL",
            api.url(),
            "TELEGRAM_BOT_USERNAME",
            "BacKanCityBot"),
        Map.of(
            "delivery.rate", "60",
            "delivery.lease", "2s",
            "delivery.concurrency", String.valueOf(CONCURRENCY),
            "inbox.workers", "1",
            "inbox.lease", "2s"),
        data.resolve(name + ".log"));
  }
}
