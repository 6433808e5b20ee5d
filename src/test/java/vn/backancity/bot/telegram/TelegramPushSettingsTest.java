package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.LAN;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.fixture;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.telegramSettings;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/**
 * Urgent announcements, quiet hours, topic modes, excluded words and topic previews, through the
 * webhook, /caidat's buttons and the admin API, with what the fake Bot API received, on an injected
 * clock that runs from a set time (so a test can jump to the end of a night).
 */
class TelegramPushSettingsTest {
  static final String ADMIN = "push-settings-admin";
  static final String URGENT = "🚨 THÔNG BÁO KHẨN";

  @TempDir Path data;
  final HttpClient http = HttpClient.newHttpClient();
  FakeBotApi api;
  MutableClock clock;
  App app;
  Service service;
  int updateId = 950_000;

  void open(String localTime, Map<String, Object> more) throws Exception {
    api = new FakeBotApi();
    clock = new MutableClock(Instant.parse(localTime + "+07:00"), true);
    Map<String, Object> settings = new HashMap<>(telegramSettings(api));
    settings.put("admin.token", ADMIN);
    settings.putAll(more);
    app = App.open(TestApps.settings(data, settings), clock);
    app.bootstrapIfEmpty();
  }

  void serve() {
    service = Service.start(app, "127.0.0.1", 1);
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (app != null) {
      app.close();
    }
    if (api != null) {
      api.close();
    }
  }

  FakeBotApi.Call say(long chat, String text) throws Exception {
    post(withText(text, ++updateId).replace(String.valueOf(LAN), String.valueOf(chat)));
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(chat);
    sent();
    return reply;
  }

  /**
   * Waits until the outbox has marked what it sent: the test clock then jumps minutes ahead, past
   * the outbox lease, and a send still in flight would be taken again (the in-flight window).
   */
  void sent() throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (app.outbox().statusCounts("telegram").getOrDefault(Outbox.SENDING, 0) > 0
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
  }

  /** Presses a button under a message; returns the message the bot sends back. */
  FakeBotApi.Call press(long chat, String data) throws Exception {
    post(
        fixture("callback-query.json")
            .replace("731200104", String.valueOf(++updateId))
            .replace("more:q7f3:2", data)
            .replace(String.valueOf(LAN), String.valueOf(chat)));
    assertThat(api.next("answerCallbackQuery")).isNotNull();
    FakeBotApi.Call reply = api.next("sendMessage");
    sent();
    return reply;
  }

  void post(String body) throws Exception {
    assertThat(postUpdate(http, service.port(), body, SECRET).statusCode()).isEqualTo(200);
  }

  static List<String> buttons(FakeBotApi.Call call) {
    List<String> data = new ArrayList<>();
    for (JsonNode row : call.body().path("reply_markup").path("inline_keyboard")) {
      for (JsonNode button : row) {
        data.add(button.path("callback_data").asText());
      }
    }
    return data;
  }

  /** The callback data of the button whose label contains {@code label}. */
  static String button(FakeBotApi.Call call, String label) {
    for (JsonNode row : call.body().path("reply_markup").path("inline_keyboard")) {
      for (JsonNode button : row) {
        if (button.path("text").asText().contains(label)) {
          return button.path("callback_data").asText();
        }
      }
    }
    throw new AssertionError("no button " + label + " in " + call.body());
  }

  Article article(String id, String title, Duration age) {
    return new Article(
        id,
        title,
        "https://backancity.gov.vn/tin/" + id,
        clock.instant().minus(age),
        title + ". Nội dung chi tiết của bài.",
        List.of(),
        List.of(),
        null,
        List.of());
  }

  @Test
  void urgentAnnouncementGoesAheadOfQueuedPushesAndThroughQuietHoursWhileAnOrdinaryOneWaits()
      throws Exception {
    open("2026-11-21T23:00:00", Map.of("delivery.rate", 20));
    serve();
    assertThat(say(LAN, "/dangky").text()).contains("Đã đăng ký");
    FakeBotApi.Call settings = say(LAN, "/caidat");
    assertThat(settings.text()).contains("Giờ yên lặng: chưa đặt");
    FakeBotApi.Call quiet = press(LAN, "set:quiet");
    assertThat(quiet.text()).contains("Trong giờ yên lặng");
    assertThat(buttons(quiet)).contains("set:quiet:22:00-06:30", "set:back");
    assertThat(press(LAN, "set:quiet:22:00-06:30").text())
        .contains("Đã đặt giờ yên lặng 22:00–06:30")
        .contains("Giờ yên lặng: 22:00–06:30");

    List<Long> others = new ArrayList<>();
    for (long id = 900_000; id < 900_060; id++) {
      Recipient r = new Recipient("telegram", String.valueOf(id), "private");
      app.chats().touch(r.channel(), r.chatId(), r.kind(), null);
      app.subscriptions().subscribe(r, null);
      others.add(id);
    }
    AdminClient admin = new AdminClient(service.port(), ADMIN);
    long ordinary = admin.announce("{\"text\":\"Lịch tiêm chủng tuần sau\"}");
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (got("Lịch tiêm chủng").size() < 10 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    long urgent =
        admin.announce(
            "{\"text\":\"Lũ quét trên suối Nông Thượng: sơ tán ngay khỏi khu vực ven suối\","
                + "\"urgent\":true}");
    Set<Long> hadOrdinary = got("Lịch tiêm chủng");
    assertThat(hadOrdinary).as("the ordinary broadcast was under way").hasSizeLessThan(60);

    List<FakeBotApi.Call> pushes = new ArrayList<>();
    while (pushes.size() < 60 + 61) {
      pushes.add(api.next("sendMessage"));
    }
    List<Long> urgentTo = new ArrayList<>();
    int lastUrgent = -1;
    int lastOrdinary = -1;
    for (int i = 0; i < pushes.size(); i++) {
      if (pushes.get(i).text().contains("Lũ quét")) {
        assertThat(pushes.get(i).text()).startsWith("<b>" + URGENT + "</b>");
        urgentTo.add(pushes.get(i).chatId());
        lastUrgent = i;
      } else {
        assertThat(pushes.get(i).text()).contains("Lịch tiêm chủng");
        assertThat(pushes.get(i).chatId()).as("Lan's quiet hours").isNotEqualTo(LAN);
        lastOrdinary = i;
      }
    }
    assertThat(urgentTo).as("every active chat, Lan in her quiet hours too").hasSize(61);
    assertThat(new HashSet<>(urgentTo)).contains(LAN).containsAll(others);
    assertThat(lastUrgent)
        .as("the urgent one reached everyone while the ordinary one was still being sent")
        .isLessThan(lastOrdinary);
    // A chat that had not got the ordinary message yet got the urgent one first (bar the few
    // messages in flight when it was queued: 2 × delivery.concurrency).
    int overtaken = 0;
    for (long chat : others) {
      List<String> texts = api.deliveredTexts().get(chat);
      if (!hadOrdinary.contains(chat) && texts.get(0).contains("Lịch tiêm chủng")) {
        overtaken++;
      }
    }
    assertThat(overtaken).isLessThanOrEqualTo(8);
    assertThat(admin.announcement(urgent).path("urgent").asBoolean()).isTrue();

    // Lan's copy of the ordinary one waits for 06:30, and is delivered then, once.
    assertThat(api.poll("sendMessage", 1500)).isNull();
    JsonNode waiting = admin.announcement(ordinary).path("counts");
    assertThat(waiting.path("queued").asInt()).isEqualTo(1);
    assertThat(waiting.path("sent").asInt()).isEqualTo(60);
    clock.set(Instant.parse("2026-11-22T06:29:00+07:00"));
    assertThat(api.poll("sendMessage", 2500)).as("not before 06:30").isNull();
    clock.set(Instant.parse("2026-11-22T06:30:00+07:00"));
    FakeBotApi.Call morning = api.next("sendMessage");
    assertThat(morning.chatId()).isEqualTo(LAN);
    assertThat(morning.text()).contains("Lịch tiêm chủng");
    assertThat(api.poll("sendMessage", 2500)).as("once").isNull();
    assertThat(admin.announcement(ordinary).path("counts").path("sent").asInt()).isEqualTo(61);
    assertThat(api.deliveredTexts().get(LAN).stream().filter(t -> t.contains("Lịch tiêm chủng")))
        .hasSize(1);
  }

  /** The chats the fake delivered a text containing {@code part} to. */
  Set<Long> got(String part) {
    Set<Long> out = new HashSet<>();
    api.deliveredTexts()
        .forEach(
            (chat, texts) -> {
              if (texts.stream().anyMatch(t -> t.contains(part))) {
                out.add(chat);
              }
            });
    return out;
  }

  @Test
  void digestOnlyAndMutedTopicsExcludedWordsAndTheLatestThreeArticlesOfANewTopic()
      throws Exception {
    open("2026-11-21T10:00:00", Map.of());
    app.publish(
        List.of(
            article("ntm-1", "Xã Bằng Thành về đích nông thôn mới", Duration.ofDays(4)),
            article("ntm-2", "Nông thôn mới nâng cao ở xã Nông Thượng", Duration.ofDays(3)),
            article("ntm-3", "Đường bê tông về thôn, nông thôn mới khởi sắc", Duration.ofDays(2)),
            article("ntm-4", "Giải bóng đá mừng xã đạt chuẩn nông thôn mới", Duration.ofDays(1))));
    app.digestScheduler().tick(); // starts the alert watermark: what was there never alerts
    serve();

    FakeBotApi.Call added = say(LAN, "/dangky nông thôn mới -bóng đá");
    String text = added.text();
    assertThat(text)
        .contains("Đã thêm chủ đề “nông thôn mới -bóng đá”")
        .contains("Bài có “bóng đá” sẽ được bỏ qua")
        .contains("Các bài gần đây nhất về chủ đề này")
        .doesNotContain("Giải bóng đá")
        .doesNotContain("4. <b>");
    assertThat(text.indexOf("1. <b>")).isLessThan(text.indexOf("Đường bê tông"));
    assertThat(text.indexOf("Đường bê tông"))
        .isLessThan(text.indexOf("Nông thôn mới nâng cao"))
        .isGreaterThan(0);
    assertThat(text.indexOf("Nông thôn mới nâng cao")).isLessThan(text.indexOf("Xã Bằng Thành"));
    assertThat(say(LAN, "/dangky giá rau").text()).contains("Đã thêm chủ đề “giá rau”");
    assertThat(say(LAN, "/dangky bóng đá").text())
        .contains("Đã thêm chủ đề “bóng đá”")
        .contains("Giải bóng đá mừng xã");

    FakeBotApi.Call settings = say(LAN, "/caidat");
    assertThat(settings.text()).contains("nông thôn mới -bóng đá (báo ngay)");
    FakeBotApi.Call rau = press(LAN, button(settings, "giá rau"));
    assertThat(rau.text()).contains("Chủ đề “giá rau”: báo ngay khi có bài mới");
    assertThat(press(LAN, button(rau, "Chỉ trong bản tin")).text())
        .contains("Chủ đề “giá rau”: chỉ trong bản tin.")
        .contains("giá rau (chỉ trong bản tin)");
    assertThat(say(LAN, "tắt chủ đề bóng đá").text()).contains("Chủ đề “bóng đá”: đang tắt.");
    assertThat(say(LAN, "/caidat").text()).contains("bóng đá (đang tắt)");

    clock.advance(Duration.ofMinutes(1));
    app.publish(
        List.of(
            article("n1", "Thêm hai xã đạt chuẩn nông thôn mới", Duration.ZERO),
            article("n2", "Giá rau xanh tăng sau mưa lớn", Duration.ZERO),
            article("n3", "Đội bóng đá phường Đức Xuân vô địch", Duration.ZERO),
            article("n4", "Bóng đá nông thôn mới: giao hữu giữa các xã", Duration.ZERO)));
    clock.advance(Duration.ofMinutes(1));
    app.digestScheduler().tick();
    FakeBotApi.Call alert = api.next("sendMessage");
    assertThat(alert.chatId()).isEqualTo(LAN);
    assertThat(alert.text())
        .contains("Tin mới về “nông thôn mới -bóng đá”")
        .contains("Thêm hai xã đạt chuẩn nông thôn mới")
        .doesNotContain("giao hữu") // an excluded word
        .doesNotContain("Giá rau") // digest only
        .doesNotContain("vô địch"); // muted
    assertThat(api.poll("sendMessage", 1500)).as("one alert: the other topics are silent").isNull();

    clock.set(Instant.parse("2026-11-22T07:00:00+07:00"));
    app.digestScheduler().tick();
    FakeBotApi.Call digest = api.next("sendMessage");
    assertThat(digest.chatId()).isEqualTo(LAN);
    assertThat(digest.text())
        .contains(
            "Bản tin thành phố Bắc Kạn ngày 22/11/2026 – chủ đề: nông thôn mới -bóng đá, giá rau")
        .contains("Thêm hai xã đạt chuẩn nông thôn mới")
        .contains("Giá rau xanh tăng sau mưa lớn")
        .doesNotContain("vô địch")
        .doesNotContain("giao hữu");
  }
}
