package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.LAN;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.fixture;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.telegramSettings;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/**
 * A conversation begun on one instance and continued on another, as when a load balancer routes the
 * button press elsewhere: the first instance answers and goes away, a second instance on the same
 * database takes the press. On PostgreSQL the second instance has its own data folder (and index),
 * as in a cluster; on SQLite it is the same folder after a restart.
 */
class ConversationAcrossInstancesTest {
  static final long MINH = 5113370002L;

  /** Over 200 characters: the answers message shows it shortened, so it cannot carry it back. */
  static final String LONG_QUESTION =
      "Xã nào của thành phố về đích nông thôn mới năm 2024? Xã thứ mấy đạt chuẩn nông thôn mới?"
          + " Nông thôn mới giúp người dân có thu nhập cao hơn bao nhiêu lần? Năm 2024 những xã"
          + " nào của thành phố đạt chuẩn nông thôn mới?";

  @TempDir Path first;
  @TempDir Path second;
  FakeBotApi api;
  final HttpClient http = HttpClient.newHttpClient();
  final List<AutoCloseable> running = new ArrayList<>();
  int updateId = 950_000;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
    api.close();
  }

  record Instance(App app, Service service) implements AutoCloseable {
    @Override
    public void close() {
      service.close();
      app.close();
    }
  }

  Instance start(Path data, Map<String, Object> settings) throws Exception {
    App app = TestApps.withSeeds(data, settings);
    Service service = Service.start(app, "127.0.0.1", 1);
    Instance instance = new Instance(app, service);
    running.add(instance);
    return instance;
  }

  void post(Instance on, String body) throws Exception {
    assertThat(postUpdate(http, on.service().port(), body, SECRET).statusCode()).isEqualTo(200);
  }

  FakeBotApi.Call say(Instance on, long chat, String text) throws Exception {
    post(on, withText(text, ++updateId).replace(String.valueOf(LAN), String.valueOf(chat)));
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(chat);
    return reply;
  }

  /** A button press by {@code chat} under a message whose (plain) text is {@code shown}. */
  void press(Instance on, long chat, String data, String shown) throws Exception {
    String update =
        fixture("callback-query.json")
            .replace("731200104", String.valueOf(++updateId))
            .replace("more:q7f3:2", data)
            .replace("Kết quả cho: nông thôn mới", shown)
            .replace(String.valueOf(LAN), String.valueOf(chat));
    post(on, update);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void xemThemAndGuiPressedOnAnotherInstanceWork(String vendor) throws Exception {
    api = new FakeBotApi();
    Map<String, Object> settings = new HashMap<>(telegramSettings(api));
    settings.put("telegram.admin-ids", String.valueOf(LAN));
    if (vendor.equals("postgresql")) {
      settings.put("database.url", TestDatabases.newPostgresSchema());
    }
    Instance a = start(first, settings);
    a.app().publish(villages());
    assertThat(LONG_QUESTION).hasSizeGreaterThan(200);

    FakeBotApi.Call answers = say(a, LAN, LONG_QUESTION);
    String header = answers.text().split("\n", 2)[0];
    assertThat(header).as("shortened: the message cannot carry the question").endsWith("…");
    String more =
        TelegramSubscriptionTest.buttons(answers).stream()
            .filter(b -> b.startsWith("more:"))
            .findFirst()
            .orElseThrow();
    say(a, MINH, "/dangky");
    FakeBotApi.Call preview = say(a, LAN, "/thongbao Sáng mai 7h cắt điện phường Đức Xuân");
    String send = TelegramSubscriptionTest.buttons(preview).get(0);
    assertThat(send).startsWith("ann:send:");
    long id = Long.parseLong(send.substring("ann:send:".length()));
    a.close(); // the instance that answered is gone; its memory with it
    running.remove(a);

    Instance b = start(vendor.equals("postgresql") ? second : first, settings);
    press(b, LAN, more, header.replace("🔎 ", ""));

    assertThat(api.next("answerCallbackQuery").body().path("text").asText())
        .as("no 'question too old' notice")
        .isEmpty();
    FakeBotApi.Call page = api.next("sendMessage");
    assertThat(page.chatId()).isEqualTo(LAN);
    assertThat(page.text()).startsWith(header).contains("<b>4. ");

    press(b, LAN, send, "Thông báo");
    api.next("answerCallbackQuery");
    List<FakeBotApi.Call> messages = List.of(api.next("sendMessage"), api.next("sendMessage"));
    assertThat(messages)
        .anySatisfy(c -> assertThat(c.text()).contains("Đã xếp thông báo #" + id))
        .anySatisfy(
            c -> {
              assertThat(c.chatId()).isEqualTo(MINH);
              assertThat(c.text()).contains("cắt điện phường Đức Xuân");
            });
    press(b, LAN, send, "Thông báo"); // pressed again: not queued again
    api.next("answerCallbackQuery");
    assertThat(api.next("sendMessage").text()).contains("đã được gửi hoặc huỷ");
    int queued =
        b.app().outbox().counts(id).values().stream()
            .flatMap(byStatus -> byStatus.values().stream())
            .mapToInt(Integer::intValue)
            .sum();
    assertThat(queued).as("announcement messages queued").isEqualTo(1);
  }

  static List<Article> villages() {
    List<Article> articles = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      articles.add(
          new Article(
              "ntm-" + i,
              "Xã thứ " + i + " về đích nông thôn mới",
              null,
              null,
              "Năm 2024, xã thứ "
                  + i
                  + " của thành phố về đích nông thôn mới, đạt chuẩn nông thôn mới: nông thôn"
                  + " mới giúp người dân có thu nhập cao hơn "
                  + i
                  + " lần.",
              List.of(),
              List.of(),
              null,
              List.of()));
    }
    return articles;
  }
}
