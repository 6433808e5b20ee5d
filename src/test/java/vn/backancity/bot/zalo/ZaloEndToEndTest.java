package vn.backancity.bot.zalo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.GradedArticles;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/**
 * The real server with a fake Zalo OpenAPI + OAuth server on loopback: signed fixture events go in
 * over HTTP, assertions are on what the fake received.
 */
public class ZaloEndToEndTest {
  public static final String APP_ID = "3816424597181927345";
  public static final String OA_SECRET = "oa-secret-key";
  public static final String USER = "2512523625412515";
  static final String ADMIN = "zalo-admin-token";

  @TempDir Path data;
  FakeZaloApi zalo;
  MutableClock clock;
  App app;
  Service service;
  final HttpClient http = HttpClient.newHttpClient();
  int sequence;

  @BeforeEach
  void start() throws Exception {
    zalo = new FakeZaloApi();
    zalo.accept(null, "refresh-0"); // the configured access token is no longer valid
    // 10:00 in Bắc Kạn: today's 07:00 digest has passed for anyone subscribing now.
    clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"), true);
    app =
        App.open(
            TestApps.settings(
                data,
                Map.of(
                    "zalo.app-id",
                    APP_ID,
                    "zalo.oa-secret",
                    OA_SECRET,
                    "zalo.app-secret",
                    "app-secret",
                    "zalo.access-token",
                    "stale-access",
                    "zalo.refresh-token",
                    "refresh-0",
                    "zalo.api-url",
                    zalo.url(),
                    "zalo.oauth-url",
                    zalo.url(),
                    "admin.token",
                    ADMIN)),
            clock);
    app.bootstrapIfEmpty();
    service = Service.start(app, "127.0.0.1", 1);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    zalo.close();
  }

  public static String fixture(String name) throws Exception {
    try (InputStream in = ZaloEndToEndTest.class.getResourceAsStream("/zalo/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A fixture event stamped now, with a fresh msg_id and the given text. */
  String event(String name, String text) throws Exception {
    String body =
        fixture(name)
            .replaceAll("\"timestamp\":\"\\d+\"", "\"timestamp\":\"" + clock.millis() + "\"");
    body = body.replaceAll("\"msg_id\":\"[^\"]+\"", "\"msg_id\":\"m" + (++sequence) + "\"");
    if (text != null) {
      body = body.replace("Mục tiêu thu ngân sách của thành phố là bao nhiêu?", text);
    }
    return body;
  }

  public static String sign(String body, String secret) throws Exception {
    String appId = body.replaceAll("(?s).*\"app_id\":\"(\\d+)\".*", "$1");
    String ts = body.replaceAll("(?s).*\"timestamp\":\"(\\d+)\".*", "$1");
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest((appId + body + ts + secret).getBytes(StandardCharsets.UTF_8));
    return "mac=" + HexFormat.of().formatHex(digest);
  }

  HttpResponse<String> post(String body, String signature) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/zalo/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signature != null) {
      r.header(ZaloWebhook.SIGNATURE_HEADER, signature);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  FakeZaloApi.Message say(String text) throws Exception {
    String body = event("user-send-text.json", text);
    assertThat(post(body, sign(body, OA_SECRET)).statusCode()).isEqualTo(200);
    FakeZaloApi.Message m = zalo.next();
    assertThat(m.userId()).isEqualTo(USER);
    return m;
  }

  @Test
  void signedQuestionIsAnsweredWithTheRightArticleAfterOneTokenRefresh() throws Exception {
    String question = "Mục tiêu thu ngân sách của thành phố là bao nhiêu?";
    var expected = app.answerer().ask(question).answers().get(0);
    FakeZaloApi.Message answer = say(question);
    assertThat(answer.path()).isEqualTo("/v3.0/oa/message/cs");
    assertThat(answer.text())
        .contains(expected.title())
        .contains(expected.link())
        .doesNotContain("<b>");
    assertThat(answer.text().length()).isLessThanOrEqualTo(2000);
    assertThat(answer.token()).isEqualTo("access-1");
    assertThat(zalo.refreshes()).containsExactly("refresh-0");
    assertThat(storedTokens()).containsExactly("access-1", "refresh-1");

    // The new token expires too: two messages at once still refresh only once, with refresh-1.
    zalo.expireAccessTokens();
    String a = event("user-send-text.json", "thu ngân sách");
    String b = event("user-send-text.json", "nông thôn mới");
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> unchecked(() -> post(a, sign(a, OA_SECRET))));
    CompletableFuture<HttpResponse<String>> second =
        CompletableFuture.supplyAsync(() -> unchecked(() -> post(b, sign(b, OA_SECRET))));
    assertThat(first.get().statusCode()).isEqualTo(200);
    assertThat(second.get().statusCode()).isEqualTo(200);
    assertThat(zalo.next().token()).isEqualTo("access-2");
    assertThat(zalo.next().token()).isEqualTo("access-2");
    assertThat(zalo.refreshes()).containsExactly("refresh-0", "refresh-1");
    assertThat(storedTokens()).containsExactly("access-2", "refresh-2");
  }

  @Test
  void anAskBackIsAnsweredByATypedNumberAndSuggestionsAndOldArticlesAreLabelled() throws Exception {
    app.publish(GradedArticles.all());
    FakeZaloApi.Message choices = say(GradedArticles.AMBIGUOUS);
    assertThat(choices.text())
        .contains(Messages.CHOICES_HEADER.in(Language.VI))
        .contains(Messages.ZALO_CHOOSE.in(Language.VI))
        .as("short choices: titles, no excerpts or links")
        .doesNotContain("tổ dân phố")
        .doesNotContain("http");
    boolean vaccinationSecond = choices.text().contains("2. " + GradedArticles.VACCINATION);
    String second = vaccinationSecond ? GradedArticles.VACCINATION : GradedArticles.RUBBISH;
    String first = vaccinationSecond ? GradedArticles.RUBBISH : GradedArticles.VACCINATION;

    FakeZaloApi.Message answer = say("2");
    assertThat(answer.text()).contains(second).contains("http").doesNotContain(first);

    // The buttons carry the article, not the position: the first button gives the first title.
    assertThat(choices.buttons()).hasSize(2);
    assertThat(choices.buttons().get(0).title()).startsWith("1. " + first);
    assertThat(choices.buttons())
        .extracting(FakeZaloApi.Button::type)
        .containsOnly("oa.query.hide");
    FakeZaloApi.Message pressed = say(choices.payloads().get(0));
    assertThat(pressed.text()).contains(first).contains("http").doesNotContain(second);
    assertThat(say("#chon:00000000").text())
        .as("a forged or stale button")
        .isEqualTo(Messages.EXPIRED.in(Language.VI));

    FakeZaloApi.Message related = say(GradedArticles.PARTLY);
    assertThat(related.text())
        .startsWith(Messages.SUGGESTIONS_HEADER.in(Language.VI))
        .contains(
            "❔ " + Messages.POSSIBLY_RELATED.in(Language.VI) + "\n1. " + GradedArticles.RUBBISH);
    assertThat(say("2").text())
        .as("no choice pending: the number is a question like any other")
        .doesNotContain(second);

    assertThat(say("xã Xuất Hóa làm đường").text())
        .contains(GradedArticles.ROADS)
        .contains("Bài viết trước ngày 01/7/2025, trước khi sắp xếp lại đơn vị hành chính.");
  }

  interface Call<T> {
    T run() throws Exception;
  }

  static <T> T unchecked(Call<T> call) {
    try {
      return call.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> storedTokens() throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT access_token, refresh_token FROM zalo_tokens");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return List.of(rs.getString(1), rs.getString(2));
    }
  }

  @Test
  void anAnswerQuotesTheQuestionAndAQuoteZaloRefusesCostsNeitherTheAnswerNorAFreeMessage()
      throws Exception {
    String question = "Mục tiêu thu ngân sách của thành phố là bao nhiêu?";
    FakeZaloApi.Message answer = say(question);
    assertThat(answer.quote())
        .as("the answer quotes the question's msg_id")
        .isEqualTo("m" + sequence);
    assertThat(answer.text()).contains(app.answerer().ask(question).answers().get(0).title());
    assertThat(say("giá vàng hôm nay").quote())
        .as("a not-found answers too")
        .isEqualTo("m" + sequence);
    assertThat(say("tin moi").quote()).as("a command's reply is not an answer").isNull();
    assertThat(say("huong dan").quote()).isNull();

    // Zalo refuses the quote: the same answer goes out unquoted, on the same free message.
    zalo.refuseQuotes = true;
    FakeZaloApi.Message unquoted = say(question);
    assertThat(unquoted.quote()).isNull();
    assertThat(unquoted.text()).isEqualTo(answer.text());
    assertThat(usedReplies()).isEqualTo(1);
  }

  /** Free messages used in the user's current reply window. */
  int usedReplies() throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT used FROM reply_windows WHERE channel = 'zalo' AND chat_id = ?")) {
      st.setString(1, USER);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void badSignaturesStaleEventsAndMalformedBodiesAreRejectedAndNothingIsSent() throws Exception {
    String body = event("user-send-text.json", null);
    assertThat(post(body, null).statusCode()).isEqualTo(401);
    assertThat(post(body, sign(body, "wrong-secret")).statusCode()).isEqualTo(401);
    assertThat(post(body, "mac=" + "0".repeat(64)).statusCode()).isEqualTo(401);
    String tampered = body.replace("bao nhiêu", "khi nào");
    assertThat(post(tampered, sign(body, OA_SECRET)).statusCode()).isEqualTo(401);
    String stale =
        fixture("user-send-text.json")
            .replaceAll(
                "\"timestamp\":\"\\d+\"",
                "\"timestamp\":\"" + (clock.millis() - Duration.ofMinutes(11).toMillis()) + "\"");
    assertThat(post(stale, sign(stale, OA_SECRET)).statusCode()).isEqualTo(401);
    assertThat(post("{not json", "mac=00").statusCode()).isEqualTo(400);
    assertThat(zalo.poll(500)).isNull();
    assertThat(app.chats().isActive("zalo", USER)).isFalse();
  }

  @Test
  void followUnfollowImagesRepeatsAndTypedCommands() throws Exception {
    String follow = event("follow.json", null);
    assertThat(post(follow, sign(follow, OA_SECRET)).statusCode()).isEqualTo(200);
    assertThat(zalo.next().text()).contains("dang ky").contains("bản tin");

    String image = event("user-send-image.json", null);
    assertThat(post(image, sign(image, OA_SECRET)).statusCode()).isEqualTo(200);
    assertThat(zalo.next().text()).contains("chỉ đọc được tin nhắn văn bản");

    String text = event("user-send-text.json", "dang ky");
    assertThat(post(text, sign(text, OA_SECRET)).statusCode()).isEqualTo(200);
    assertThat(post(text, sign(text, OA_SECRET)).body()).contains("duplicate");
    assertThat(zalo.next().text()).contains("Đã đăng ký nhận bản tin lúc 07:00");
    assertThat(zalo.poll(300)).as("the repeat is not answered").isNull();

    assertThat(say("Đăng ký chủ đề nông thôn mới").text())
        .contains("Đã thêm chủ đề “nông thôn mới”");
    assertThat(say("cài đặt").text()).contains("nông thôn mới").contains("dang ky 18:30");
    assertThat(say("đăng ký khai sinh ở đâu").text()).doesNotContain("Đã thêm chủ đề");
    assertThat(say("huy chu de nong thon moi").text()).contains("Đã bỏ chủ đề");

    String unknown =
        "{\"app_id\":\""
            + APP_ID
            + "\",\"event_name\":\"oa_send_text\",\"timestamp\":\""
            + clock.millis()
            + "\"}";
    assertThat(post(unknown, sign(unknown, OA_SECRET)).statusCode()).isEqualTo(200);

    String unfollow = event("unfollow.json", null);
    assertThat(post(unfollow, sign(unfollow, OA_SECRET)).statusCode()).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (app.chats().isActive("zalo", USER) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(app.chats().isActive("zalo", USER)).isFalse();
  }

  @Test
  void anEventWhoseUserIdIsNoZaloIdIsAcceptedButNothingIsStoredOrSent() throws Exception {
    String odd = "9".repeat(100);
    String body = event("user-send-text.json", "dang ky").replace(USER, odd);
    assertThat(body).contains(odd);
    assertThat(post(body, sign(body, OA_SECRET)).statusCode()).isEqualTo(200);
    assertThat(zalo.poll(1000)).as("nothing is sent to it").isNull();
    assertThat(app.chats().isActive("zalo", odd)).isFalse();
    assertThat(app.inbox().counts()).doesNotContainKey("failed");
  }

  @Test
  void pushesOutsideTheReplyWindowAreHeldThenTheLatestDigestIsDeliveredWhenTheUserWrites()
      throws Exception {
    assertThat(say("dang ky").text()).contains("Đã đăng ký");
    // Three days later the 48 h window has closed; news on two days: two digests, both held.
    clock.advance(Duration.ofDays(2));
    for (int day = 1; day <= 2; day++) {
      clock.advance(Duration.ofDays(1));
      app.publish(
          List.of(
              new Article(
                  "zalo-news-" + day,
                  "Tin ngày thứ " + day,
                  null,
                  clock.instant(),
                  "Nội dung ngày " + day + ".",
                  List.of(),
                  List.of(),
                  null,
                  List.of())));
      clock.advance(Duration.ofMinutes(1));
      app.digestScheduler().tick();
      awaitStatus("held", day);
    }
    AdminClient admin = new AdminClient(service.port(), ADMIN);
    long id = admin.announce("{\"text\":\"Lịch cắt điện ngày mai\"}");
    var held =
        admin.awaitAnnouncement(
            id,
            a -> a.path("by_channel").path("zalo").path("held").asInt() == 1,
            Duration.ofSeconds(10));
    assertThat(held.path("counts").path("sent").asInt()).isZero();
    assertThat(zalo.poll(300)).as("nothing sent outside the window").isNull();

    String hello = event("user-send-text.json", "xin chào");
    assertThat(post(hello, sign(hello, OA_SECRET)).statusCode()).isEqualTo(200);
    StringBuilder received = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      received.append(zalo.next().text()).append("\n---\n");
    }
    assertThat(received.toString())
        .contains("Tin ngày thứ 2")
        .contains("Lịch cắt điện ngày mai")
        .doesNotContain("Tin ngày thứ 1"); // the older digest is dropped
    assertThat(zalo.poll(500)).as("only the latest digest").isNull();
    assertThat(
            admin.awaitAnnouncement(
                id,
                a -> a.path("by_channel").path("zalo").path("sent").asInt() == 1,
                Duration.ofSeconds(10)))
        .isNotNull();
  }

  @Test
  void typedQuietHoursTopicModesExclusionsAndAnUrgentAnnouncementThroughTheQuietHours()
      throws Exception {
    assertThat(say("dang ky").text()).contains("Đã đăng ký");
    assertThat(say("giờ yên lặng 22h-6h30").text()).contains("Đã đặt giờ yên lặng 22:00–06:30");
    String topic = say("dang ky chu de nông thôn mới -bóng đá").text();
    assertThat(topic)
        .contains("Đã thêm chủ đề “nông thôn mới -bóng đá”")
        .contains("Bài có “bóng đá” sẽ được bỏ qua")
        .contains("Các bài gần đây nhất về chủ đề này");
    // The three seed articles that mention it, each with its link.
    assertThat(topic).contains("\n\n1. ").contains("\n\n2. ").contains("\n\n3. ");
    assertThat(topic).doesNotContain("\n\n4. ");
    assertThat(topic.split("https?://", -1)).hasSize(4);
    assertThat(say("dang ky chu de gia rau").text()).contains("Đã thêm chủ đề “gia rau”");
    assertThat(say("chu de gia rau chi ban tin").text())
        .isEqualTo("Chủ đề “gia rau”: chỉ trong bản tin.");
    assertThat(say("tắt chủ đề nong thon moi").text())
        .isEqualTo("Chủ đề “nông thôn mới -bóng đá”: đang tắt.");
    assertThat(say("bat chu de nông thôn mới").text()).contains("báo ngay");
    assertThat(say("cai dat").text())
        .contains("Giờ yên lặng: 22:00–06:30")
        .contains("nông thôn mới -bóng đá (báo ngay), gia rau (chỉ trong bản tin)")
        .contains("gio yen lang 22:00-06:30")
        .contains("chu de <chủ đề> chi ban tin");
    assertThat(say("giờ yên lặng 25:00-06:00").text()).contains("Khung giờ chưa đúng");

    // 23:00, inside the quiet hours and within the reply window: the urgent one goes at once.
    clock.set(Instant.parse("2026-11-21T23:00:00+07:00"));
    AdminClient admin = new AdminClient(service.port(), ADMIN);
    long ordinary = admin.announce("{\"text\":\"Lịch họp tổ dân phố tối thứ Bảy\"}");
    admin.announce("{\"text\":\"Mưa lớn, nguy cơ sạt lở đất ở tổ 10\",\"urgent\":true}");
    String urgent = zalo.next().text();
    assertThat(urgent).startsWith("🚨 THÔNG BÁO KHẨN").contains("sạt lở");
    assertThat(zalo.poll(1500)).as("the ordinary one waits for 06:30").isNull();
    assertThat(admin.announcement(ordinary).path("counts").path("queued").asInt()).isEqualTo(1);

    clock.set(Instant.parse("2026-11-22T06:30:00+07:00"));
    assertThat(zalo.next().text()).startsWith("📢 Thông báo").contains("Lịch họp tổ dân phố");
    assertThat(zalo.poll(2500)).as("once").isNull();
    assertThat(admin.announcement(ordinary).path("counts").path("sent").asInt()).isEqualTo(1);
    assertThat(say("tat gio yen lang").text()).isEqualTo("Đã tắt giờ yên lặng.");
  }

  void awaitStatus(String status, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (app.outbox().statusCounts("zalo").getOrDefault(status, 0) == count) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("outbox: " + app.outbox().statusCounts("zalo"));
  }

  static Recipient user() {
    return new Recipient("zalo", USER, "private");
  }

  @Test
  void typedEnglishSwitchesTheLanguageAndTiengVietSwitchesBack() throws Exception {
    assertThat(say("english").text()).startsWith("Switched to English");
    assertThat(app.chats().language("zalo", USER)).isEqualTo(vn.backancity.bot.chat.Language.EN);
    FakeZaloApi.Message answer = say("thu ngân sách");
    assertThat(answer.text())
        .startsWith("🔎 Results for: thu ngân sách")
        .contains("ℹ Answers come from the Vietnamese articles of the city portal")
        .contains("Did this answer help?");
    assertThat(say("help").text()).startsWith("How to use:").contains("\"tiếng việt\"");
    assertThat(say("Tiếng Việt").text()).startsWith("Đã chuyển sang tiếng Việt");
    assertThat(say("help").text()).startsWith("Cách dùng:").contains("\"english\"");
  }

  @Test
  void choicesComeAsQueryButtonsThatSendTheTypedWordsBack() throws Exception {
    // An answer: 👍 / 👎 that say "đúng" / "sai", as typed.
    FakeZaloApi.Message answer = say("thu ngân sách");
    assertThat(answer.buttons()).extracting(FakeZaloApi.Button::type).containsOnly("oa.query.show");
    assertThat(answer.payloads()).containsExactly("đúng", "sai");
    assertThat(answer.buttons().get(0).title()).isEqualTo("👍 Hữu ích");
    assertThat(say(answer.payloads().get(0)).text()).contains("Cảm ơn bạn đã góp ý");

    // Not found: "Hỏi cán bộ", whose words send the question to the staff.
    FakeZaloApi.Message notFound = say("xyzzy qwertz plugh");
    assertThat(notFound.payloads()).containsExactly("hỏi cán bộ");
    assertThat(say(notFound.payloads().get(0)).text()).contains("Mã tra cứu");

    // Settings: the actions as hidden buttons with their codes, the language among them.
    say("dang ky");
    say("dang ky chu de nông thôn mới");
    say("dang ky chu de giao thông");
    FakeZaloApi.Message settings = say("cai dat");
    // Nine actions, five buttons: the digest switch, language, quiet hours, stop and a topic.
    assertThat(settings.buttons()).hasSize(5);
    assertThat(settings.payloads()).contains("#caidat:quiet", "#caidat:stop");
    assertThat(settings.buttons())
        .extracting(FakeZaloApi.Button::type)
        .containsOnly("oa.query.hide");
    assertThat(settings.payloads()).contains("#caidat:off", "#caidat:lang:en");
    assertThat(settings.buttons()).extracting(FakeZaloApi.Button::title).contains("🇬🇧 English");
    assertThat(say("#caidat:off").text()).contains("Đã tắt bản tin hằng ngày");
    // A typed code is anyone's to forge: an impossible time shows the settings, not an error.
    assertThat(say("#caidat:time:99:99").text()).contains("Cài đặt của bạn");
    FakeZaloApi.Message english = say("#caidat:lang:en");
    assertThat(english.text()).startsWith("Switched to English");
    assertThat(english.payloads()).contains("#caidat:lang:vi");
    // The typed words still work beside the buttons.
    assertThat(say("tat ban tin").text()).contains("Daily digest turned off");
  }

  @Test
  void theFakeZaloApiRefusesButtonsOfAnotherShape() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(FakeZaloApi.invalidAttachment(json.readTree("{\"text\":\"a\"}"))).isNull();
    String ok =
        "{\"text\":\"a\",\"attachment\":{\"type\":\"template\",\"payload\":{\"buttons\":"
            + "[{\"title\":\"Có\",\"type\":\"oa.query.show\",\"payload\":\"có\"}]}}}";
    assertThat(FakeZaloApi.invalidAttachment(json.readTree(ok))).isNull();
    assertThat(
            FakeZaloApi.invalidAttachment(json.readTree(ok.replace("oa.query.show", "postback"))))
        .contains("type");
    assertThat(
            FakeZaloApi.invalidAttachment(
                json.readTree(ok.replace("\"payload\":\"có\"", "\"payload\":{\"url\":\"x\"}"))))
        .contains("payload");
    assertThat(FakeZaloApi.invalidAttachment(json.readTree(ok.replace("\"text\":\"a\",", ""))))
        .contains("text");
  }
}
