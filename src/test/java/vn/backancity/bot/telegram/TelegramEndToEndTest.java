package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.testing.TestApps;

/**
 * The real server and a fake Bot API, both on loopback: fixture updates go in over HTTP, and the
 * assertions are on what the fake Bot API received.
 */
public class TelegramEndToEndTest {
  static final String TOKEN = "123456:TEST-token_value";
  static final String SECRET = "s3cret-Token_1";
  public static final long LAN = 5113370001L;

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    app = TestApps.withSeeds(data, telegramSettings(api));
    // One worker: updates are handled in the order they arrive.
    service = Service.start(app, "127.0.0.1", 1);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    api.close();
  }

  /** Settings of the Telegram channel on the fake Bot API. */
  static Map<String, Object> telegramSettings(FakeBotApi api) {
    return Map.of(
        "telegram.token",
        TOKEN,
        "telegram.webhook-secret",
        SECRET,
        "telegram.api-url",
        api.url(),
        "telegram.bot-username",
        "BacKanCityBot");
  }

  /** Posts an update to the server's webhook, with the secret header unless it is null. */
  public static HttpResponse<String> postUpdate(
      HttpClient http, int port, String body, String secret) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (secret != null) {
      request.header(TelegramWebhook.SECRET_HEADER, secret);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String body, String secret) throws Exception {
    return postUpdate(http, service.port(), body, secret);
  }

  public static String fixture(String name) throws IOException {
    try (InputStream in = TelegramEndToEndTest.class.getResourceAsStream("/telegram/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public static String withText(String text, int updateId) throws IOException {
    return fixture("message-text.json")
        .replace("731200101", String.valueOf(updateId))
        .replace("Thành phố Bắc Kạn có bao nhiêu đơn vị hành chính?", text.replace("\"", "\\\""));
  }

  static final long OTHER_CHAT = 777000111L;

  /**
   * A known-good update from another chat; with one worker, its reply proves that everything posted
   * before it was handled.
   */
  FakeBotApi.Call barrier(int updateId) throws Exception {
    String help =
        withText("/help", updateId).replace(String.valueOf(LAN), String.valueOf(OTHER_CHAT));
    assertThat(post(help, SECRET).statusCode()).isEqualTo(200);
    FakeBotApi.Call call = api.next("sendMessage");
    assertThat(call.chatId()).isEqualTo(OTHER_CHAT);
    assertThat(call.text()).contains("/moi");
    return call;
  }

  @Test
  void questionIsAnsweredWithTheArticleTheSentenceAndALink() throws Exception {
    HttpResponse<String> response = post(fixture("message-text.json"), SECRET);

    assertThat(response.statusCode()).isEqualTo(200);
    FakeBotApi.Call call = api.next("sendMessage");
    assertThat(call.token()).isEqualTo(TOKEN);
    assertThat(call.chatId()).isEqualTo(LAN);
    assertThat(call.body().path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(call.text())
        .contains("Tích cực đưa Nghị quyết của Đảng vào cuộc sống")
        .contains("8 <b>đơn vị hành chính</b>")
        .contains("http://bot.test/articles/004_c117ae27e64cf347");
    assertValidTelegramHtml(call.text());
    assertThat(call.body().path("reply_markup").path("inline_keyboard").toString())
        .contains("Đọc bài 1");
  }

  @Test
  void questionWithoutDiacriticsFindsTheSameArticle() throws Exception {
    post(withText("tp bac kan co bao nhieu don vi hanh chinh", 1), SECRET);

    FakeBotApi.Call call = api.next("sendMessage");
    assertThat(call.text()).contains("8 <b>đơn vị hành chính</b> (gồm 6 phường và 2 xã)");
  }

  @Test
  void offTopicQuestionGetsAPoliteNotFoundNotARandomArticle() throws Exception {
    post(withText("giá vàng hôm nay", 2), SECRET);

    FakeBotApi.Call call = api.next("sendMessage");
    assertThat(call.text()).contains("chưa tìm thấy").doesNotContain("/articles/");
  }

  @Test
  void startCommandWelcomes() throws Exception {
    post(fixture("message-command.json"), SECRET);

    assertThat(api.next("sendMessage").text()).contains("Xin chào").contains("/tim");
  }

  @Test
  void groupCommandAddressedToThisBotIsAnsweredInTheGroup() throws Exception {
    post(fixture("message-group-command.json"), SECRET);

    FakeBotApi.Call call = api.next("sendMessage");
    assertThat(call.chatId()).isEqualTo(-1002233445566L);
    assertThat(call.text()).contains("<b>nông thôn mới</b>");
  }

  @Test
  void groupCommandForAnotherBotAndPlainGroupChatterAreIgnored() throws Exception {
    String other =
        fixture("message-group-command.json")
            .replace("/tim@BacKanCityBot", "/tim@OtherBot")
            .replace("\"length\": 18", "\"length\": 12");
    String chatter =
        fixture("message-group-command.json")
            .replace("731200103", "731200903")
            .replace("/tim@BacKanCityBot nong thon moi", "chào cả nhà");
    assertThat(post(other, SECRET).statusCode()).isEqualTo(200);
    assertThat(post(chatter, SECRET).statusCode()).isEqualTo(200);

    barrier(40);
    assertThat(api.drain()).isEmpty();
  }

  @Test
  void moreButtonSendsTheNextPageAndAnswersTheCallback() throws Exception {
    List<Article> more = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      more.add(
          new Article(
              "ntm-" + i,
              "Xã thứ " + i + " về đích nông thôn mới",
              null,
              null,
              "Năm 2024, xã thứ " + i + " của thành phố đạt chuẩn nông thôn mới.",
              List.of("Nông thôn mới giúp người dân có thu nhập cao hơn " + i + " lần."),
              List.of(),
              null,
              List.of()));
    }
    app.publish(more);
    post(withText("nông thôn mới", 10), SECRET);
    FakeBotApi.Call first = api.next("sendMessage");
    assertThat(first.body().path("reply_markup").toString()).contains("more:");

    post(fixture("callback-query.json"), SECRET);

    FakeBotApi.Call answered = api.next();
    assertThat(answered.method()).isEqualToIgnoringCase("answerCallbackQuery");
    assertThat(answered.body().path("callback_query_id").asText()).isEqualTo("4382bfdwdsb323b2d9");
    FakeBotApi.Call page = api.next("sendMessage");
    assertThat(page.text()).startsWith("🔎 Kết quả cho: nông thôn mới").contains("<b>4. ");

    // A forged page number far past the answers (it would overflow the offset): "no more", once.
    String data =
        fixture("callback-query.json")
            .replace("more:q7f3:2", "more:q7f3:2147483647")
            .replace("731200104", "731200199")
            .replace("4382bfdwdsb323b2d9", "4382bfdwdsb323b2e0");
    assertThat(data).contains(":2147483647");
    post(data, SECRET);
    api.next(); // answerCallbackQuery
    assertThat(api.next("sendMessage").text()).isEqualTo(Messages.NO_MORE.in(Language.VI));
  }

  @Test
  void htmlInTheQuestionIsEscapedSoSendMessageCannotBreak() throws Exception {
    post(withText("<b>nông thôn mới</b> & \"HTX\" <x>", 3), SECRET);

    FakeBotApi.Call call = api.next("sendMessage");
    assertThat(call.text()).contains("&lt;b&gt;").contains("&amp;").contains("&lt;x&gt;");
    assertValidTelegramHtml(call.text());
  }

  @Test
  void photoInAPrivateChatGetsATextOnlyHint() throws Exception {
    post(fixture("photo-message.json"), SECRET);

    assertThat(api.next("sendMessage").text()).contains("chỉ đọc được tin nhắn văn bản");
  }

  @Test
  void blockedMembershipMarksTheChatInactive() throws Exception {
    post(withText("/start", 4), SECRET);
    api.next("sendMessage");
    ChatDirectory chats = new ChatDirectory(app.database().dataSource(), app.clock());
    assertThat(chats.isActive("telegram", String.valueOf(LAN))).isTrue();
    try (java.sql.Connection c = app.database().dataSource().getConnection()) {
      app.outbox()
          .enqueue(
              c,
              new vn.backancity.bot.delivery.Recipient("telegram", String.valueOf(LAN), "private"),
              "digest",
              "digest:later",
              new vn.backancity.bot.chat.Reply.Bulletin("x", null, null, List.of(), 0, null),
              app.clock().millis() + 3_600_000);
    }

    assertThat(post(fixture("my-chat-member-blocked.json"), SECRET).statusCode()).isEqualTo(200);

    barrier(41);
    assertThat(chats.isActive("telegram", String.valueOf(LAN))).isFalse();
    assertThat(pushStatuses()).as("its waiting push is skipped").containsExactly("blocked");
  }

  /** The statuses of the outbox's pushes (replies are outbox rows too, and left out here). */
  List<String> pushStatuses() throws java.sql.SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (java.sql.Connection c = app.database().dataSource().getConnection();
        java.sql.ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT status FROM outbox WHERE kind <> 'reply' ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void forbiddenAnswerFromTheApiMarksTheChatInactive() throws Exception {
    api.block(LAN);
    post(withText("nông thôn mới", 5), SECRET);
    assertThat(api.next("sendMessage").chatId()).isEqualTo(LAN);

    barrier(47);
    ChatDirectory chats = new ChatDirectory(app.database().dataSource(), app.clock());
    assertThat(chats.isActive("telegram", String.valueOf(LAN))).isFalse();
  }

  @Test
  void repeatedUpdateIdIsAnsweredOnce() throws Exception {
    String update = withText("nông thôn mới", 6);
    assertThat(post(update, SECRET).statusCode()).isEqualTo(200);
    HttpResponse<String> again = post(update, SECRET);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("duplicate");
    api.next("sendMessage");
    barrier(42);
    assertThat(api.drain()).isEmpty();
  }

  @Test
  void unknownUpdateTypesAndEditsAreAcceptedAndIgnored() throws Exception {
    assertThat(post(fixture("edited-message.json"), SECRET).statusCode()).isEqualTo(200);
    assertThat(post("{\"update_id\": 731200199, \"poll\": {\"id\": \"1\"}}", SECRET).statusCode())
        .isEqualTo(200);

    barrier(43);
    assertThat(api.drain()).isEmpty();
  }

  @Test
  void missingSecretIs401WrongSecretIs403AndNothingIsSent() throws Exception {
    HttpResponse<String> missing = post(fixture("message-text.json"), null);
    HttpResponse<String> wrong = post(fixture("message-text.json"), "not-the-secret");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(403);
    barrier(44);
    assertThat(api.drain()).isEmpty();
  }

  @Test
  void malformedJsonIs400AndNothingIsSent() throws Exception {
    HttpResponse<String> broken = post("{\"update_id\": 1, \"message\": ", SECRET);
    HttpResponse<String> notAnUpdate = post("[1, 2, 3]", SECRET);
    HttpResponse<String> noId = post("{\"message\": {}}", SECRET);

    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).contains("malformed JSON");
    assertThat(notAnUpdate.statusCode()).isEqualTo(400);
    assertThat(noId.statusCode()).isEqualTo(400);
    barrier(45);
    assertThat(api.drain()).isEmpty();
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    String huge = withText("x".repeat(1_100_000), 7);

    HttpResponse<String> response = post(huge, SECRET);

    assertThat(response.statusCode()).isEqualTo(413);
    barrier(46);
    assertThat(api.drain()).isEmpty();
  }

  @Test
  void emptyTimCommandGetsHelp() throws Exception {
    post(withText("/tim", 8), SECRET);

    assertThat(api.next("sendMessage").text()).contains("Cách dùng");
  }

  @Test
  void latestCommandListsArticlesWithLinks() throws Exception {
    post(withText("/moi", 9), SECRET);

    String text = api.next("sendMessage").text();
    assertThat(text).contains("Tin mới nhất").contains("http://bot.test/articles/");
    assertValidTelegramHtml(text);
  }

  private static final Pattern TAG = Pattern.compile("</?([a-z-]+)(\\s[^>]*)?>");
  private static final Pattern ENTITY = Pattern.compile("&(?!amp;|lt;|gt;|quot;|#39;)");

  /**
   * What Telegram's HTML parse mode accepts: known tags only (a block quote, expandable or not,
   * never inside another), balanced, escaped text.
   */
  static void assertValidTelegramHtml(String html) {
    List<String> allowed =
        List.of("b", "strong", "i", "em", "u", "s", "a", "code", "pre", "blockquote");
    java.util.Deque<String> open = new java.util.ArrayDeque<>();
    Matcher m = TAG.matcher(html);
    StringBuilder visible = new StringBuilder();
    int at = 0;
    while (m.find()) {
      visible.append(html, at, m.start());
      at = m.end();
      assertThat(allowed).contains(m.group(1));
      if (m.group(1).equals("blockquote") && !m.group().startsWith("</")) {
        assertThat(m.group()).isIn("<blockquote>", "<blockquote expandable>");
        assertThat(open).as("a block quote inside another tag in %s", html).isEmpty();
      }
      if (m.group().startsWith("</")) {
        assertThat(open.pop()).isEqualTo(m.group(1));
      } else {
        open.push(m.group(1));
      }
    }
    visible.append(html.substring(at));
    assertThat(open).isEmpty();
    assertThat(visible.toString()).doesNotContain("<").doesNotContain(">");
    assertThat(ENTITY.matcher(visible).find()).as("unescaped & in %s", html).isFalse();
    String text =
        visible
            .toString()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    assertThat(text.length()).isBetween(1, 4096);
  }
}
