package vn.backancity.bot.questions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.telegram.TelegramEndToEndTest;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;
import vn.backancity.bot.zalo.FakeZaloApi;
import vn.backancity.bot.zalo.ZaloEndToEndTest;

/**
 * The editors' loop end to end, with the web chat, Telegram and Zalo on at once: a question the bot
 * cannot answer reaches the review queue within seconds, an editor answers it there, and the same
 * question in other forms gets the curated answer on every channel; 👍 / 👎 from the three channels
 * are counted on the dashboard; no chat id is kept in the log.
 */
class EditorsLoopTest {
  static final String ADMIN = "editor-token";
  static final String QUESTION = "Lịch thu gom rác thải sinh hoạt ở phường Đức Xuân thế nào?";
  static final String TELEGRAM_TOKEN = "123456:TEST-token_value";
  static final String TELEGRAM_SECRET = "s3cret-Token_1";

  @TempDir Path data;
  FakeBotApi telegram;
  FakeZaloApi zalo;
  App app;
  Service service;
  AdminClient admin;
  final HttpClient http = HttpClient.newHttpClient();
  int updates = 900;
  int zaloMessages;

  void start(String vendor) throws Exception {
    telegram = new FakeBotApi();
    zalo = new FakeZaloApi();
    zalo.accept("access-0", null);
    Map<String, Object> settings = new HashMap<>();
    settings.put("admin.token", ADMIN);
    settings.put("telegram.token", TELEGRAM_TOKEN);
    settings.put("telegram.webhook-secret", TELEGRAM_SECRET);
    settings.put("telegram.api-url", telegram.url());
    settings.put("telegram.bot-username", "BacKanCityBot");
    settings.put("zalo.app-id", ZaloEndToEndTest.APP_ID);
    settings.put("zalo.oa-secret", ZaloEndToEndTest.OA_SECRET);
    settings.put("zalo.app-secret", "app-secret");
    settings.put("zalo.access-token", "access-0");
    settings.put("zalo.api-url", zalo.url());
    settings.put("zalo.oauth-url", zalo.url());
    if (vendor.equals("postgresql")) {
      settings.put("database.url", TestDatabases.newPostgresSchema());
    }
    app = TestApps.withSeeds(data, settings);
    service = Service.start(app, "127.0.0.1", 1);
    admin = new AdminClient(service.port(), ADMIN);
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (app != null) {
      app.close();
    }
    if (telegram != null) {
      telegram.close();
    }
    if (zalo != null) {
      zalo.close();
    }
  }

  JsonNode ask(String question) throws Exception {
    return admin.ask(question);
  }

  HttpResponse<String> feedback(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/feedback"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  FakeBotApi.Call telegramSays(String text) throws Exception {
    String update = TelegramEndToEndTest.withText(text, ++updates);
    assertThat(TelegramEndToEndTest.postUpdate(http, service.port(), update, TELEGRAM_SECRET))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
    return telegram.next("sendMessage");
  }

  String zaloSays(String text) throws Exception {
    String body =
        ZaloEndToEndTest.fixture("user-send-text.json")
            .replaceAll(
                "\"timestamp\":\"\\d+\"", "\"timestamp\":\"" + System.currentTimeMillis() + "\"")
            .replaceAll("\"msg_id\":\"[^\"]+\"", "\"msg_id\":\"loop" + (++zaloMessages) + "\"")
            .replace("Mục tiêu thu ngân sách của thành phố là bao nhiêu?", text);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/zalo/webhook"))
                .header("Content-Type", "application/json")
                .header(
                    "X-ZEvent-Signature", ZaloEndToEndTest.sign(body, ZaloEndToEndTest.OA_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return zalo.next().text();
  }

  static <T> T within(Duration timeout, Callable<T> read, java.util.function.Predicate<T> done)
      throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    T value = read.call();
    while (!done.test(value) && System.nanoTime() < end) {
      Thread.sleep(100);
      value = read.call();
    }
    return value;
  }

  JsonNode queue(String status) throws Exception {
    HttpResponse<String> r = admin.send("GET", "/api/admin/questions?status=" + status, null);
    assertThat(r.statusCode()).isEqualTo(200);
    return admin.json(r).path("questions");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void unansweredQuestionIsCuratedAndThenAnsweredOnEveryChannelWithFeedbackCounted(String vendor)
      throws Exception {
    start(vendor);
    // Nobody can answer it yet: asked on the web (twice, once without diacritics) and on Telegram.
    JsonNode first = ask(QUESTION);
    assertThat(first.path("answers")).isEmpty();
    assertThat(first.path("question_id").asText()).matches("\\d+");
    ask("lich thu gom rac thai sinh hoat o phuong duc xuan the nao");
    assertThat(telegramSays(QUESTION).text()).contains("chưa tìm thấy");

    long asked = System.nanoTime();
    JsonNode groups =
        within(
            Duration.ofSeconds(5),
            () -> queue("unanswered"),
            q -> q.size() > 0 && q.get(0).path("count").asInt() == 3);
    long seenMillis = (System.nanoTime() - asked) / 1_000_000;
    JsonNode group = groups.get(0);
    assertThat(group.path("count").asInt()).isEqualTo(3);
    assertThat(group.path("question").asText()).isEqualTo(QUESTION);
    assertThat(group.path("channels").path("web").asInt()).isEqualTo(2);
    assertThat(group.path("channels").path("telegram").asInt()).isEqualTo(1);
    assertThat(group.path("last_seen").asText()).startsWith("20");
    assertThat(seenMillis).isLessThan(5000);

    // The editor answers the group in the review queue.
    HttpResponse<String> created =
        admin.send(
            "POST",
            "/api/admin/answers",
            "{\"questions\":[\""
                + group.path("question").asText()
                + "\"],\"text\":\"Rác sinh hoạt được thu gom từ 18 giờ đến 21 giờ hằng ngày.\","
                + "\"link\":\"https://backancity.gov.vn/thu-gom-rac\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    long id = admin.json(created).path("id").asLong();
    assertThat(queue("unanswered")).isEmpty();

    // Every channel now gives the city's answer, whatever the form of the question.
    JsonNode web = ask("LỊCH THU GOM RÁC THẢI SINH HOẠT Ở PHƯỜNG ĐỨC XUÂN");
    assertThat(web.path("answers").get(0).path("curated").asBoolean()).isTrue();
    assertThat(web.path("answers").get(0).path("id").asText()).isEqualTo("curated:" + id);
    assertThat(web.path("answers").get(0).path("excerpt").asText()).contains("18 giờ");
    FakeBotApi.Call tg = telegramSays("lich thu gom rac thai sinh hoat phuong duc xuan?");
    assertThat(tg.text()).contains("✅ Câu trả lời chính thức").contains("18 giờ");
    String buttons = tg.body().path("reply_markup").path("inline_keyboard").toString();
    assertThat(buttons).contains("vote:").contains("👍").contains("👎");
    assertThat(zaloSays("Cho hỏi lịch thu gom rác thải sinh hoạt ở phường Đức Xuân ạ"))
        .contains("18 giờ")
        .contains("«đúng» hoặc «sai»");

    // 👎 on Telegram (a button), on Zalo (typed, with a reason) and on the web (with a reason).
    String vote = buttons.replaceAll("(?s).*\"callback_data\":\"(vote:\\d+:down)\".*", "$1");
    assertThat(vote).startsWith("vote:");
    String callback =
        TelegramEndToEndTest.fixture("callback-query.json")
            .replace("more:q7f3:2", vote)
            .replace("731200104", String.valueOf(++updates));
    TelegramEndToEndTest.postUpdate(http, service.port(), callback, TELEGRAM_SECRET);
    assertThat(telegram.next().method()).isEqualToIgnoringCase("answerCallbackQuery");
    assertThat(telegram.next("sendMessage").text()).contains("sai: …");
    assertThat(zaloSays("sai: giờ thu gom đã đổi")).contains("Cảm ơn");
    String questionId = web.path("question_id").asText();
    assertThat(feedback("{\"question_id\":\"" + questionId + "\",\"vote\":\"up\"}").statusCode())
        .isEqualTo(200);
    // Changeable: the web's 👍 becomes a 👎 with a reason; still one vote.
    HttpResponse<String> changed =
        feedback(
            "{\"question_id\":\""
                + questionId
                + "\",\"vote\":\"down\",\"reason\":\"thiếu ngày lễ\"}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(admin.json(changed).path("vote").asText()).isEqualTo("down");

    JsonNode dashboard = admin.json(admin.send("GET", "/api/admin/dashboard?days=7", null));
    assertThat(dashboard.path("totals").path("down").asInt()).isEqualTo(3);
    assertThat(dashboard.path("totals").path("up").asInt()).isZero();
    assertThat(dashboard.path("totals").path("asked").asInt()).isEqualTo(6);
    assertThat(dashboard.path("totals").path("answered").asInt()).isEqualTo(3);
    assertThat(dashboard.path("totals").path("answered_share").asDouble()).isEqualTo(0.5);
    assertThat(dashboard.path("days").get(0).path("asked").path("web").asInt()).isEqualTo(3);
    assertThat(dashboard.path("top_questions").get(0).path("count").asInt()).isGreaterThan(1);
    JsonNode disliked = queue("disliked");
    assertThat(disliked).hasSize(1);
    assertThat(disliked.get(0).path("count").asInt()).isEqualTo(3);
    assertThat(disliked.get(0).path("reasons").toString())
        .contains("giờ thu gom đã đổi")
        .contains("thiếu ngày lễ");

    // No chat id anywhere in the log or the votes.
    String everything = dump("asked_questions") + dump("feedback");
    assertThat(everything)
        .doesNotContain(String.valueOf(TelegramEndToEndTest.LAN))
        .doesNotContain(ZaloEndToEndTest.USER)
        .contains("duc xuan");
  }

  String dump(String table) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = app.database().dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          out.append(rs.getString(i)).append('|');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
