package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.LAN;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.assertValidTelegramHtml;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.telegramSettings;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/**
 * How messages look on Telegram, through the real webhook, outbox and fake Bot API: long excerpts
 * in expandable quotes, link previews per message, copy buttons for phone numbers.
 */
class TelegramPresentationTest {
  // 06:55 in Vietnam: a chat subscribes before today's 07:00 digest.
  static final Instant MORNING = Instant.parse("2026-11-29T23:55:00Z");
  static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;
  MutableClock clock = new MutableClock(MORNING, true);
  final HttpClient http = HttpClient.newHttpClient();
  int updateId = 840_000;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    Map<String, Object> settings = new HashMap<>(telegramSettings(api));
    settings.put("telegram.admin-ids", String.valueOf(LAN));
    settings.put("digest.tick", "200ms");
    app = App.open(TestApps.settings(data, settings), clock);
    app.bootstrapIfEmpty();
    service = Service.start(app, "127.0.0.1", 1);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    api.close();
  }

  FakeBotApi.Call say(long chat, String text) throws Exception {
    String update = withText(text, ++updateId).replace(String.valueOf(LAN), String.valueOf(chat));
    assertThat(postUpdate(http, service.port(), update, SECRET).statusCode()).isEqualTo(200);
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(chat);
    return reply;
  }

  static Article article(String id, String title, String url, String lead, String paragraph) {
    return new Article(id, title, url, null, lead, List.of(paragraph), List.of(), null, List.of());
  }

  /** The copy_text values of a message's buttons. */
  static List<String> copied(FakeBotApi.Call call) {
    List<String> out = new ArrayList<>();
    for (JsonNode row : call.body().path("reply_markup").path("inline_keyboard")) {
      for (JsonNode button : row) {
        if (button.has("copy_text")) {
          out.add(button.path("copy_text").path("text").asText());
        }
      }
    }
    return out;
  }

  @Test
  void aLongExcerptIsAnExpandableQuoteAndAnswersHaveNoLinkPreview() throws Exception {
    app.publish(
        List.of(
            article(
                "xe-buyt",
                "Mở tuyến xe buýt nội thành Bắc Kạn",
                "https://backancity.gov.vn/tin-tuc/xe-buyt",
                "Từ ngày 1/12, tuyến xe buýt nội thành đầu tiên của thành phố Bắc Kạn chính thức"
                    + " hoạt động, nối bến xe trung tâm với chợ Bắc Kạn, Bệnh viện Đa khoa tỉnh,"
                    + " các trường học và khu dân cư phường Đức Xuân, phường Sông Cầu, phường"
                    + " Phùng Chí Kiên, với giá vé 7.000 đồng một lượt và vé tháng ưu đãi cho học"
                    + " sinh, sinh viên.",
                "Xe chạy từ 5 giờ 30 đến 19 giờ hằng ngày.")));

    FakeBotApi.Call answer = say(LAN, "tuyến xe buýt nội thành giá vé bao nhiêu");

    assertValidTelegramHtml(answer.text());
    assertThat(answer.text())
        .contains("\n<blockquote expandable>Từ ngày 1/12, <b>tuyến xe buýt nội thành</b>")
        .contains("<b>giá vé</b> 7.000 đồng")
        .contains("sinh viên.</blockquote>")
        .contains("</blockquote>\n🔗 <a href=\"https://backancity.gov.vn/tin-tuc/xe-buyt\">");
    JsonNode preview = answer.body().path("link_preview_options");
    assertThat(preview.path("is_disabled").asBoolean()).as("answers: no preview").isTrue();

    // A short reply is not quoted.
    FakeBotApi.Call help = say(LAN, "/help");
    assertThat(help.text()).doesNotContain("blockquote");
    assertThat(help.body().path("link_preview_options").path("is_disabled").asBoolean()).isTrue();
  }

  @Test
  void phoneNumbersInAnAnswerGetCopyButtons() throws Exception {
    app.publish(
        List.of(
            article(
                "duong-day-nong",
                "Đường dây nóng tiếp nhận phản ánh về mưa lũ",
                null,
                "Người dân phản ánh tình hình mưa lũ qua đường dây nóng (0209) 3870 123 hoặc số"
                    + " di động 0912.345.678 của Ban Chỉ huy phòng chống thiên tai thành phố.",
                "Đường dây nóng trực 24 giờ trong mùa mưa bão.")));

    FakeBotApi.Call answer = say(LAN, "số điện thoại đường dây nóng mưa lũ");

    assertValidTelegramHtml(answer.text());
    assertThat(answer.text()).contains("(0209) 3870 123").contains("0912.345.678");
    assertThat(copied(answer)).containsExactly("02093870123", "0912345678");
    assertThat(answer.body().path("reply_markup").toString())
        .contains("\"text\":\"📋 (0209) 3870 123\"")
        .contains("vote:");
  }

  @Test
  void anAnnouncementsHotlineGetsACopyButton() throws Exception {
    long minh = 5113370002L;
    say(minh, "/dangky");
    FakeBotApi.Call draft =
        say(LAN, "/thongbao Nước sông Cầu đang lên nhanh. Cần hỗ trợ, gọi 0209 3870 123.");
    String send =
        draft
            .body()
            .path("reply_markup")
            .path("inline_keyboard")
            .get(0)
            .get(0)
            .path("callback_data")
            .asText();
    String press =
        TelegramEndToEndTest.fixture("callback-query.json")
            .replace("731200104", String.valueOf(++updateId))
            .replace("more:q7f3:2", send);
    assertThat(postUpdate(http, service.port(), press, SECRET).statusCode()).isEqualTo(200);

    FakeBotApi.Call pushed = null;
    for (int i = 0; i < 3 && pushed == null; i++) {
      FakeBotApi.Call c = api.next("sendMessage");
      pushed = c.chatId() == minh ? c : null;
    }
    assertThat(pushed).isNotNull();
    assertValidTelegramHtml(pushed.text());
    assertThat(copied(pushed)).containsExactly("02093870123");
    assertThat(pushed.body().path("link_preview_options").path("is_disabled").asBoolean())
        .as("no link to preview")
        .isTrue();
  }

  @Test
  void aDigestPreviewsItsFirstArticleLargeAndQuotesLongSummaries() throws Exception {
    say(LAN, "/dangky");
    String lead =
        "Ngày 28/11, Ủy ban nhân dân thành phố Bắc Kạn tổ chức hội nghị triển khai kế hoạch phát"
            + " triển kinh tế - xã hội, xây dựng nông thôn mới và chuyển đổi số tại các phường, xã"
            + " trên địa bàn, với sự tham gia của đại diện các sở, ngành.";
    app.publish(
        List.of(
            article(
                "hoi-nghi",
                "Hội nghị triển khai kế hoạch năm 2027",
                "https://backancity.gov.vn/tin-tuc/hoi-nghi",
                lead,
                "Nội dung chi tiết.")));
    clock.set(Instant.parse("2026-11-30T00:00:01Z")); // 07:00:01 in Vietnam

    FakeBotApi.Call digest = api.next("sendMessage");

    assertThat(digest.chatId()).isEqualTo(LAN);
    assertThat(digest.text()).contains("Bản tin");
    assertValidTelegramHtml(digest.text());
    Matcher first = HREF.matcher(digest.text());
    assertThat(first.find()).isTrue();
    assertThat(first.group(1)).isEqualTo("https://backancity.gov.vn/tin-tuc/hoi-nghi");
    JsonNode preview = digest.body().path("link_preview_options");
    assertThat(preview.path("is_disabled").asBoolean(false)).isFalse();
    assertThat(preview.path("url").asText()).isEqualTo(first.group(1));
    assertThat(preview.path("prefer_large_media").asBoolean()).isTrue();
    assertThat(digest.text()).contains("<blockquote expandable>Ngày 28/11, Ủy ban nhân dân");
  }
}
