package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.TestApps;

/**
 * A burst on the webhook: while updates pour in, the inbox is handled at a reduced share
 * (HandlingPace) so that acknowledgements keep the CPU; afterwards the backlog must drain, every
 * acknowledged update handled once: none missing, none twice.
 */
class TelegramBurstTest {
  static final int SENDERS = 8;
  static final int PER_SENDER = 150;
  static final int CHATS = 300;

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi().quiet();
    app = TestApps.withSeeds(data, TelegramEndToEndTest.telegramSettings(api));
    service = Service.start(app, "127.0.0.1", 8);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    api.close();
  }

  @Test
  void aBurstIsAcknowledgedThenItsBacklogDrainsEachUpdateHandledOnce() throws Exception {
    String template =
        TelegramEndToEndTest.withText("Thành phố Bắc Kạn có bao nhiêu đơn vị hành chính?", 1);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      senders.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    HttpClient http = HttpClient.newHttpClient();
                    try {
                      go.await();
                      for (int i = 0; i < PER_SENDER; i++) {
                        int n = sender * PER_SENDER + i;
                        String update =
                            template
                                .replace("\"update_id\": 1", "\"update_id\": " + (900_000 + n))
                                .replace(
                                    String.valueOf(TelegramEndToEndTest.LAN),
                                    String.valueOf(6_000_000_000L + n % CHATS));
                        int status =
                            TelegramEndToEndTest.postUpdate(
                                    http, service.port(), update, TelegramEndToEndTest.SECRET)
                                .statusCode();
                        statuses.merge(status, 1, Integer::sum);
                      }
                    } catch (Exception e) {
                      statuses.merge(-1, 1, Integer::sum);
                    }
                  }));
    }
    go.countDown();
    for (Thread t : senders) {
      t.join(120_000);
    }
    int total = SENDERS * PER_SENDER;
    assertThat(statuses).isEqualTo(Map.of(200, total));

    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!app.inbox().counts().equals(Map.of("done", total)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(app.inbox().counts()).as("the backlog drained").isEqualTo(Map.of("done", total));
    assertThat(count("SELECT COUNT(*) FROM inbox WHERE attempts <> 1"))
        .as("each update claimed once")
        .isZero();
    app.questions().flush();
    assertThat(count("SELECT COUNT(*) FROM asked_questions WHERE channel = 'telegram'"))
        .as("each question answered and logged once")
        .isEqualTo(total);
  }

  long count(String sql) throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
