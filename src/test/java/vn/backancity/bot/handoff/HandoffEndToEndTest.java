package vn.backancity.bot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.telegram.TelegramEndToEndTest;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;
import vn.backancity.bot.zalo.FakeZaloApi;
import vn.backancity.bot.zalo.ZaloEndToEndTest;

/**
 * Asking a person end to end, with the web chat, Telegram, Zalo and the admin API on at once: a
 * citizen's question goes to the staff with a lookup code (the "Hỏi cán bộ" button, typed words on
 * Zalo, the web API), appears in the admin API with its channel, display name and the
 * conversation's last answers but no chat id, the staff's reply reaches the citizen through the
 * outbox on Telegram and Zalo (held outside Zalo's reply window until the citizen writes) and on
 * the web by code, and the status is asked by code.
 */
class HandoffEndToEndTest {
  static final String ADMIN = "staff-token";
  static final String TELEGRAM_SECRET = "s3cret-Token_1";
  static final String ANSWERABLE = "Thành phố Bắc Kạn có bao nhiêu đơn vị hành chính?";
  static final String TG_QUESTION = "Lịch thu gom rác thải sinh hoạt ở phường Đức Xuân thế nào?";
  static final String ZALO_QUESTION = "Giá vàng hôm nay bao nhiêu?";
  static final String WEB_QUESTION = "Khi nào sửa đèn đường ở tổ 7 phường Phùng Chí Kiên?";
  static final Pattern CODE = Pattern.compile("Mã tra cứu: ([A-Z2-9]{6})");

  @TempDir Path data;
  FakeBotApi telegram;
  FakeZaloApi zalo;
  MutableClock clock;
  App app;
  Service service;
  AdminClient admin;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  int updates = 500;
  int zaloMessages;

  void start(String vendor) throws Exception {
    telegram = new FakeBotApi();
    zalo = new FakeZaloApi();
    zalo.accept("access-0", "refresh-0");
    clock = new MutableClock(Instant.now(), true);
    Map<String, Object> settings = new HashMap<>();
    settings.put("admin.token", ADMIN);
    settings.put("telegram.token", "123456:TEST-token_value");
    settings.put("telegram.webhook-secret", TELEGRAM_SECRET);
    settings.put("telegram.api-url", telegram.url());
    settings.put("telegram.bot-username", "BacKanCityBot");
    settings.put("zalo.app-id", ZaloEndToEndTest.APP_ID);
    settings.put("zalo.oa-secret", ZaloEndToEndTest.OA_SECRET);
    settings.put("zalo.app-secret", "app-secret");
    settings.put("zalo.access-token", "access-0");
    settings.put("zalo.refresh-token", "refresh-0");
    settings.put("zalo.api-url", zalo.url());
    settings.put("zalo.oauth-url", zalo.url());
    if (vendor.equals("postgresql")) {
      settings.put("database.url", TestDatabases.newPostgresSchema());
    }
    app = App.open(TestApps.settings(data, settings), clock);
    app.bootstrapIfEmpty();
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

  FakeBotApi.Call telegramSends(String update) throws Exception {
    assertThat(TelegramEndToEndTest.postUpdate(http, service.port(), update, TELEGRAM_SECRET))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
    return telegram.next("sendMessage");
  }

  FakeBotApi.Call telegramSays(String text) throws Exception {
    return telegramSends(TelegramEndToEndTest.withText(text, ++updates));
  }

  /** Presses a button under a message in Lan's chat. */
  FakeBotApi.Call telegramPresses(String callbackData) throws Exception {
    String callback =
        TelegramEndToEndTest.fixture("callback-query.json")
            .replace("more:q7f3:2", callbackData)
            .replace("731200104", String.valueOf(++updates));
    assertThat(TelegramEndToEndTest.postUpdate(http, service.port(), callback, TELEGRAM_SECRET))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
    assertThat(telegram.next().method()).isEqualToIgnoringCase("answerCallbackQuery");
    return telegram.next("sendMessage");
  }

  /** The msg_id of the last Zalo event sent. */
  String lastZaloMessageId() {
    return "h" + zaloMessages;
  }

  FakeZaloApi.Message zaloSays(String text) throws Exception {
    String body =
        ZaloEndToEndTest.fixture("user-send-text.json")
            .replaceAll("\"timestamp\":\"\\d+\"", "\"timestamp\":\"" + clock.millis() + "\"")
            .replaceAll("\"msg_id\":\"[^\"]+\"", "\"msg_id\":\"h" + (++zaloMessages) + "\"")
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
    FakeZaloApi.Message m = zalo.next();
    assertThat(m.userId()).isEqualTo(ZaloEndToEndTest.USER);
    return m;
  }

  HttpResponse<String> web(String method, String path, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String code(String text) {
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as("a lookup code in: %s", text).isTrue();
    return m.group(1);
  }

  JsonNode requests(String status) throws Exception {
    HttpResponse<String> r = admin.send("GET", "/api/admin/handoffs?status=" + status, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .as("no chat id in the admin API")
        .doesNotContain(String.valueOf(TelegramEndToEndTest.LAN))
        .doesNotContain(ZaloEndToEndTest.USER);
    return admin.json(r).path("handoffs");
  }

  static JsonNode byCode(JsonNode list, String code) {
    for (JsonNode h : list) {
      if (h.path("code").asText().equals(code)) {
        return h;
      }
    }
    throw new AssertionError("no request " + code + " in " + list);
  }

  HttpResponse<String> reply(String code, String body) throws Exception {
    return admin.send("POST", "/api/admin/handoffs/" + code + "/reply", body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aQuestionSentToTheStaffGetsACodeAndTheStaffReplyReachesTheCitizenOnEveryChannel(
      String vendor) throws Exception {
    start(vendor);
    String expectedTitle = app.answerer().ask(ANSWERABLE).answers().get(0).title();

    // Telegram: an answer, then a question nobody can answer, with "Hỏi cán bộ" under it.
    assertThat(telegramSays(ANSWERABLE).text()).contains(expectedTitle);
    FakeBotApi.Call notFound = telegramSays(TG_QUESTION);
    assertThat(notFound.text()).contains("chưa tìm thấy").contains("Hỏi cán bộ");
    String keyboard = notFound.body().path("reply_markup").path("inline_keyboard").toString();
    assertThat(keyboard).contains("🙋 Hỏi cán bộ");
    String button = keyboard.replaceAll("(?s).*\"callback_data\":\"(handoff:\\d+)\".*", "$1");
    assertThat(button).matches("handoff:\\d+");
    FakeBotApi.Call sent = telegramPresses(button);
    String tgCode = code(sent.text());
    assertThat(sent.text()).contains("/trangthai " + tgCode);
    // One request a minute per chat; in a group, none.
    assertThat(telegramSays("/hoinguoi Khi nào có lịch tiêm phòng?").text()).contains("đợi");
    String group =
        TelegramEndToEndTest.fixture("message-group-command.json")
            .replace("731200103", String.valueOf(++updates))
            .replace("/tim@BacKanCityBot nong thon moi", "/hoinguoi@BacKanCityBot lịch họp tổ");
    assertThat(telegramSends(group).text()).contains("nhắn riêng");

    // Zalo: the answer quotes the question and offers "hỏi cán bộ"; typed alone, it sends the
    // last question.
    FakeZaloApi.Message zaloNotFound = zaloSays(ZALO_QUESTION);
    assertThat(zaloNotFound.text()).contains("chưa tìm thấy").contains("«hỏi cán bộ»");
    assertThat(zaloNotFound.quote()).isEqualTo(lastZaloMessageId());
    FakeZaloApi.Message zaloSent = zaloSays("hoi can bo");
    String zaloCode = code(zaloSent.text());
    assertThat(zaloSent.text()).contains("trạng thái " + zaloCode);
    assertThat(zaloSent.quote()).as("only answers to questions quote them").isNull();

    // The web chat: the question's id from /api/ask, and no text: that question is sent.
    JsonNode asked = admin.ask(WEB_QUESTION);
    HttpResponse<String> created =
        web(
            "POST",
            "/api/handoff",
            "{\"question_id\":\"" + asked.path("question_id").asText() + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode webRequest = json.readTree(created.body());
    String webCode = webRequest.path("code").asText();
    assertThat(webCode).matches("[A-Z2-9]{6}");
    assertThat(webRequest.path("status").asText()).isEqualTo("open");
    assertThat(webRequest.path("message").asText()).isEqualTo(WEB_QUESTION);
    HttpResponse<String> again = web("POST", "/api/handoff", "{\"text\":\"Một câu nữa\"}");
    assertThat(again.statusCode()).isEqualTo(429);
    assertThat(again.headers().firstValue("Retry-After")).isPresent();
    assertThat(web("POST", "/api/handoff", "{\"text\":\"" + "x".repeat(1001) + "\"}").body())
        .contains("'text'");
    assertThat(web("POST", "/api/handoff", "[1]").statusCode()).isEqualTo(400);
    assertThat(web("POST", "/api/handoff", "{\"question_id\":\"abc\"}").body())
        .contains("'question_id'");

    // The staff see the three requests, with the conversations' last answers, and no chat id.
    JsonNode open = requests("open");
    assertThat(open).hasSize(3);
    JsonNode tg = byCode(open, tgCode);
    assertThat(tg.path("channel").asText()).isEqualTo("telegram");
    assertThat(tg.path("display_name").asText()).isEqualTo("Lan");
    assertThat(tg.path("message").asText()).isEqualTo(TG_QUESTION);
    JsonNode tgContext = tg.path("context");
    assertThat(tgContext).hasSize(2);
    assertThat(tgContext.get(0).path("question").asText()).isEqualTo(ANSWERABLE);
    assertThat(tgContext.get(0).path("answered").asBoolean()).isTrue();
    assertThat(tgContext.get(0).path("answers").get(0).asText()).isEqualTo(expectedTitle);
    assertThat(tgContext.get(1).path("question").asText()).isEqualTo(TG_QUESTION);
    assertThat(tgContext.get(1).path("answered").asBoolean()).isFalse();
    JsonNode z = byCode(open, zaloCode);
    assertThat(z.path("channel").asText()).isEqualTo("zalo");
    assertThat(z.path("display_name").isNull()).isTrue();
    assertThat(z.path("message").asText()).isEqualTo(ZALO_QUESTION);
    assertThat(byCode(open, webCode).path("context").get(0).path("question").asText())
        .isEqualTo(WEB_QUESTION);

    // Bad replies are refused, naming the field; nothing is sent.
    assertThat(reply(tgCode, "{\"text\":\"  \"}").body()).contains("'text'");
    assertThat(reply(tgCode, "{\"text\":\"" + "x".repeat(1501) + "\"}").body()).contains("'text'");
    assertThat(reply(tgCode, "{\"text\":\"Có\",\"link\":\"javascript:alert(1)\"}").body())
        .contains("'link'");
    HttpResponse<String> badSave = reply(tgCode, "{\"text\":\"Có\",\"save_as_curated\":\"yes\"}");
    assertThat(badSave.statusCode()).isEqualTo(400);
    assertThat(badSave.body()).contains("'save_as_curated'");
    assertThat(reply("ZZZZZZ", "{\"text\":\"Có\"}").statusCode()).isEqualTo(404);
    assertThat(admin.send("GET", "/api/admin/handoffs?status=all", null).statusCode())
        .isEqualTo(400);

    // The staff answer Telegram's, saved as the city's answer: it reaches Lan with the code.
    HttpResponse<String> answered =
        reply(
            tgCode,
            "{\"text\":\"Rác sinh hoạt được thu gom từ 18 giờ đến 21 giờ hằng ngày.\","
                + "\"link\":\"https://backancity.gov.vn/thu-gom-rac\",\"save_as_curated\":true}");
    assertThat(answered.statusCode()).isEqualTo(200);
    JsonNode done = admin.json(answered);
    assertThat(done.path("status").asText()).isEqualTo("answered");
    assertThat(done.path("delivery").asText()).isEqualTo("queued");
    long curatedId = done.path("reply").path("curated_id").asLong();
    assertThat(curatedId).isPositive();
    FakeBotApi.Call pushed = telegram.next("sendMessage");
    assertThat(pushed.chatId()).isEqualTo(TelegramEndToEndTest.LAN);
    assertThat(pushed.text())
        .contains(tgCode)
        .contains("18 giờ đến 21 giờ")
        .contains("https://backancity.gov.vn/thu-gom-rac");
    assertThat(reply(tgCode, "{\"text\":\"Lần nữa\"}").statusCode()).isEqualTo(409);
    // From now on the question gets that answer, on the web too.
    JsonNode curated = admin.ask("lich thu gom rac thai sinh hoat o phuong duc xuan the nao");
    assertThat(curated.path("answers").get(0).path("id").asText())
        .isEqualTo("curated:" + curatedId);

    // Zalo's: within the reply window, it goes out as a consultation message with the code.
    assertThat(
            reply(zaloCode, "{\"text\":\"Giá vàng do ngân hàng công bố mỗi ngày.\"}").statusCode())
        .isEqualTo(200);
    FakeZaloApi.Message zaloPushed = zalo.next();
    assertThat(zaloPushed.userId()).isEqualTo(ZaloEndToEndTest.USER);
    assertThat(zaloPushed.path()).isEqualTo("/v3.0/oa/message/cs");
    assertThat(zaloPushed.text()).contains(zaloCode).contains("ngân hàng công bố");

    // The web's: nothing to push to; the citizen reads it with the code.
    JsonNode webDone =
        admin.json(reply(webCode, "{\"text\":\"Tổ dân phố sẽ sửa trong tuần này.\"}"));
    assertThat(webDone.path("delivery").asText()).isEqualTo("on request");
    HttpResponse<String> webStatus = web("GET", "/api/handoff/" + webCode.toLowerCase(), null);
    assertThat(webStatus.statusCode()).isEqualTo(200);
    JsonNode webAnswer = json.readTree(webStatus.body());
    assertThat(webAnswer.path("status").asText()).isEqualTo("answered");
    assertThat(webAnswer.path("reply").path("text").asText()).contains("trong tuần này");
    assertThat(webStatus.body()).doesNotContain("display_name").doesNotContain("context");
    // A chat's code is not readable on the web, and unknown codes are 404.
    assertThat(web("GET", "/api/handoff/" + tgCode, null).statusCode()).isEqualTo(404);
    assertThat(web("GET", "/api/handoff/nope", null).statusCode()).isEqualTo(404);

    // Status by code, in the chat that asked only.
    assertThat(telegramSays("/trangthai " + tgCode).text())
        .contains("đã được cán bộ trả lời")
        .contains("18 giờ đến 21 giờ");
    assertThat(telegramSays("/trangthai " + zaloCode).text()).contains("Không tìm thấy");
    assertThat(zaloSays("trạng thái " + zaloCode.toLowerCase()).text())
        .contains("đã được cán bộ trả lời")
        .contains("ngân hàng công bố");
    assertThat(zaloSays("trang thai").text()).contains(zaloCode).contains("đã có trả lời");

    assertThat(requests("open")).isEmpty();
    assertThat(requests("answered")).hasSize(3);
  }

  @Test
  void aZaloReplyOutsideTheReplyWindowIsHeldUntilTheCitizenWritesAgain() throws Exception {
    start("sqlite");
    FakeZaloApi.Message sent = zaloSays("hỏi cán bộ Bao giờ có lịch tiếp công dân tháng sau?");
    String code = code(sent.text());
    // The staff answer two days later: Zalo's 48 h window has closed, so the reply is held.
    clock.advance(Duration.ofHours(49));
    assertThat(
            reply(code, "{\"text\":\"Lịch tiếp công dân đăng ngày 25 hằng tháng.\"}").statusCode())
        .isEqualTo(200);
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (app.outbox().statusCounts("zalo").getOrDefault("held", 0) == 0
        && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(app.outbox().statusCounts("zalo").get("held")).isEqualTo(1);
    assertThat(zalo.poll(300)).isNull();
    // The citizen asks the status: the window opens, and the held reply goes out with the answer.
    FakeZaloApi.Message first = zaloSays("trang thai " + code);
    FakeZaloApi.Message second = zalo.next();
    assertThat(java.util.List.of(first.text(), second.text()))
        .anySatisfy(t -> assertThat(t).startsWith("💬").contains(code).contains("ngày 25"))
        .anySatisfy(t -> assertThat(t).startsWith("Câu hỏi " + code).contains("ngày 25"));
    assertThat(app.outbox().statusCounts("zalo").getOrDefault("held", 0)).isZero();
  }

  @Test
  void anEnglishSpeakingCitizenGetsTheCodeAndTheStaffReplysFrameInEnglish() throws Exception {
    start("sqlite");
    assertThat(zaloSays("english").text()).startsWith("Switched to English");
    FakeZaloApi.Message sent = zaloSays("hỏi cán bộ Where is the ward office?");
    Matcher m = Pattern.compile("Lookup code: ([A-Z2-9]{6})").matcher(sent.text());
    assertThat(m.find()).as(sent.text()).isTrue();
    String code = m.group(1);
    assertThat(sent.text()).contains("trạng thái " + code);
    assertThat(reply(code, "{\"text\":\"Trụ sở phường ở số 1 đường Trường Chinh.\"}").statusCode())
        .isEqualTo(200);
    FakeZaloApi.Message pushed = zalo.next();
    assertThat(pushed.text())
        .startsWith("💬 The city's staff replied to question " + code)
        .contains("You asked: «Where is the ward office?»")
        .contains("Trụ sở phường ở số 1 đường Trường Chinh."); // the staff's words as written
  }

  @Test
  void oneSenderHasAtMostThreeOpenRequestsAndStaffCanCloseSpamWithoutAReply() throws Exception {
    start("sqlite");
    List<String> codes = new java.util.ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      codes.add(code(telegramSays("/hoinguoi câu hỏi thứ " + i + " về lịch tiếp dân").text()));
      // The minute passes only once the reply is marked sent: a jump past the outbox lease while
      // a send is in flight would have it sent again (the in-flight window of the guarantees).
      long until = System.nanoTime() + 5_000_000_000L;
      while (app.outbox().statusCounts("telegram").getOrDefault(Outbox.SENDING, 0) > 0
          && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      clock.advance(HandoffDesk.MIN_INTERVAL);
    }
    // A fourth while three wait: refused, saying how to see the others; nothing stored.
    assertThat(telegramSays("/hoinguoi câu hỏi thứ 4").text())
        .contains("đang có 3 câu hỏi chờ")
        .contains("/trangthai");
    assertThat(requests("open")).hasSize(3);

    // The staff close one without a reply: it leaves the open list and frees a place.
    HttpResponse<String> closed =
        admin.send("POST", "/api/admin/handoffs/" + codes.get(0) + "/close", null);
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(admin.json(closed).path("status").asText()).isEqualTo("closed");
    assertThat(admin.send("POST", "/api/admin/handoffs/" + codes.get(0) + "/close", null))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(409);
    assertThat(admin.send("POST", "/api/admin/handoffs/ZZZZZZ/close", null))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(404);
    assertThat(reply(codes.get(0), "{\"text\":\"muộn\"}").statusCode()).isEqualTo(409);
    assertThat(requests("open")).hasSize(2);
    assertThat(requests("closed")).hasSize(1);
    assertThat(telegramSays("/trangthai " + codes.get(0)).text()).contains("đã được cán bộ đóng");
    assertThat(code(telegramSays("/hoinguoi câu hỏi thứ 4").text())).isNotIn(codes);

    // On the web, parallel requests from one client: one gets in, the others wait their minute.
    List<java.util.concurrent.CompletableFuture<Integer>> sent = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      sent.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return web("POST", "/api/handoff", "{\"text\":\"hỏi song song " + n + "\"}")
                      .statusCode();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    List<Integer> statuses =
        sent.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    assertThat(statuses).containsOnly(201, 429);
    assertThat(statuses.stream().filter(c -> c == 201).count()).isEqualTo(1);
  }
}
