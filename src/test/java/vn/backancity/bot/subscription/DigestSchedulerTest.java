package vn.backancity.bot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/** Digests and topic alerts, with time driven by an injected clock (no worker: rows are read). */
class DigestSchedulerTest {
  static final Recipient LAN = new Recipient("telegram", "5113370001", "private");
  static final Recipient MINH = new Recipient("telegram", "5113370002", "private");

  @TempDir Path data;
  // 20:00 in Bắc Kạn (UTC+7) on 21/11/2026.
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T13:00:00Z"));
  App app;
  DigestScheduler scheduler;
  SubscriptionCommands commands;

  @BeforeEach
  void open() {
    app = open(data, clock);
    scheduler = app.digestScheduler();
    commands = new SubscriptionCommands(app.subscriptions());
  }

  static App open(Path dir, MutableClock clock) {
    return App.open(
        TestApps.settings(
            dir, Map.of("telegram.token", "1:test", "data.bootstrap-articles", "none")),
        clock);
  }

  @AfterEach
  void close() {
    app.close();
  }

  void chat(Recipient r) {
    app.chats().touch(r.channel(), r.chatId(), r.kind(), "x");
  }

  static int n;

  Article article(String title, String text) {
    n++;
    return new Article(
        "a" + n,
        title,
        "https://backancity.gov.vn/tin/" + n,
        clock.instant(),
        text,
        List.of(),
        List.of(),
        null,
        List.of());
  }

  record Row(String chatId, String kind, String dedupeKey, JsonNode payload) {}

  List<Row> rows() throws Exception {
    List<Row> out = new ArrayList<>();
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT chat_id, kind, dedupe_key, payload FROM outbox ORDER BY id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                app.json().readTree(rs.getString(4))));
      }
    }
    return out;
  }

  static List<String> titles(Row row) {
    List<String> out = new ArrayList<>();
    row.payload().path("items").forEach(i -> out.add(i.path("title").asText()));
    return out;
  }

  @Test
  void oneDigestAt7InVietnamWithTheDaysArticlesNewestFirst() throws Exception {
    chat(LAN);
    commands.subscribe(LAN, "");
    clock.advance(Duration.ofHours(1)); // 21:00
    app.publish(
        List.of(
            article("Khai mạc hội chợ nông sản", "Sáng nay hội chợ khai mạc. Có 80 gian hàng.")));
    clock.advance(Duration.ofMinutes(5));
    app.publish(List.of(article("Thành phố ra quân dọn vệ sinh", "Hơn 500 người tham gia.")));

    clock.set(Instant.parse("2026-11-21T23:59:00Z")); // 06:59 on the 22nd in Bắc Kạn
    assertThat(scheduler.tick()).isZero();
    clock.set(Instant.parse("2026-11-22T00:00:00Z")); // 07:00 in Bắc Kạn, midnight UTC
    assertThat(scheduler.tick()).isEqualTo(1);

    List<Row> rows = rows();
    assertThat(rows).hasSize(1);
    Row digest = rows.get(0);
    assertThat(digest.chatId()).isEqualTo(LAN.chatId());
    assertThat(digest.dedupeKey()).isEqualTo("digest:2026-11-22");
    assertThat(digest.payload().path("header").asText()).contains("22/11/2026");
    assertThat(titles(digest))
        .containsExactly("Thành phố ra quân dọn vệ sinh", "Khai mạc hội chợ nông sản");
    assertThat(digest.payload().path("items").get(1).path("summary").asText())
        .isEqualTo("Sáng nay hội chợ khai mạc.");

    clock.advance(Duration.ofMinutes(30));
    app.publish(List.of(article("Tin sau bản tin", "Nội dung.")));
    clock.advance(Duration.ofMinutes(30));
    assertThat(scheduler.tick()).as("same day: no second digest").isZero();
    assertThat(rows()).hasSize(1);

    clock.set(Instant.parse("2026-11-23T00:00:00Z")); // the 23rd, 07:00
    assertThat(scheduler.tick()).isEqualTo(1);
    assertThat(titles(rows().get(1))).containsExactly("Tin sau bản tin");

    clock.set(Instant.parse("2026-11-24T00:00:00Z")); // nothing new since: no message
    assertThat(scheduler.tick()).isZero();
    assertThat(rows()).hasSize(2);
  }

  @Test
  void chosenTimeIsLocalTimeAndSubscribingAfterItWaitsForTomorrow() throws Exception {
    chat(LAN);
    assertThat(commands.subscribe(LAN, "18:30").toString()).contains("18:30");
    app.publish(List.of(article("Bài mới", "Nội dung bài mới.")));
    // 18:30 UTC is 01:30 in Bắc Kạn: not yet.
    clock.set(Instant.parse("2026-11-21T18:30:00Z"));
    assertThat(scheduler.tick()).isZero();
    clock.set(Instant.parse("2026-11-22T11:29:00Z"));
    assertThat(scheduler.tick()).isZero();
    clock.set(Instant.parse("2026-11-22T11:30:00Z")); // 18:30 in Bắc Kạn
    assertThat(scheduler.tick()).isEqualTo(1);

    // Subscribed at 20:00 with the default 07:00 already past... and the first digest is tomorrow.
    chat(MINH);
    clock.set(Instant.parse("2026-11-22T13:00:00Z"));
    commands.subscribe(MINH, "");
    app.publish(List.of(article("Bài tối", "Nội dung bài tối.")));
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).isZero();
  }

  @Test
  void aRestartedOrSecondInstanceNeverSendsTheSameDaysDigestTwice() throws Exception {
    chat(LAN);
    chat(MINH);
    commands.subscribe(LAN, "");
    commands.subscribe(MINH, "");
    clock.advance(Duration.ofHours(1));
    app.publish(List.of(article("Một tin", "Nội dung.")));
    clock.set(Instant.parse("2026-11-22T00:05:00Z"));
    // Another process on the same database: its own connections, store and outbox.
    try (Database second = Database.sqlite(app.settings().databaseFile())) {
      DigestScheduler other =
          new DigestScheduler(
              second.dataSource(),
              new Outbox(second.dataSource(), second.vendor(), clock, app.json()),
              new ArticleStore(second.dataSource(), app.json(), clock),
              app.topics(),
              app.links(),
              app.settings().digest(),
              app.channels(),
              clock);
      int first = scheduler.tick();
      int again = other.tick();
      assertThat(first + again).isEqualTo(2);
    }
    app.close();
    app = open(data, clock); // restart
    assertThat(app.digestScheduler().tick()).isZero();
    assertThat(rows())
        .extracting(Row::chatId)
        .containsExactlyInAnyOrder(LAN.chatId(), MINH.chatId());
  }

  @Test
  void topicsFilterTheDigestAndAlertAtMostOncePerHour() throws Exception {
    chat(LAN);
    chat(MINH);
    commands.subscribe(MINH, ""); // everything
    assertThat(commands.subscribe(LAN, "NTM").toString()).contains("NTM");
    scheduler.tick(); // starts the alert watermark
    clock.advance(Duration.ofMinutes(1));
    app.publish(
        List.of(
            article("Xã Dương Quang đạt chuẩn nông thôn mới nâng cao", "Xã đạt 19/19 tiêu chí."),
            article("Giá rau tăng mạnh", "Rau xanh tăng giá sau mưa lớn.")));
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).as("one alert, for Lan's topic").isEqualTo(1);
    Row alert = rows().get(0);
    assertThat(alert.kind()).isEqualTo("alert");
    assertThat(alert.chatId()).isEqualTo(LAN.chatId());
    assertThat(alert.payload().path("header").asText()).contains("NTM");
    assertThat(titles(alert)).containsExactly("Xã Dương Quang đạt chuẩn nông thôn mới nâng cao");

    clock.advance(Duration.ofMinutes(20));
    app.publish(List.of(article("Thêm một xã về đích nông thôn mới", "Xã Nông Thượng.")));
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).as("within the hour: no second alert").isZero();
    clock.advance(Duration.ofHours(1));
    app.publish(List.of(article("Tổng kết chương trình nông thôn mới", "Kết quả năm 2026.")));
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).as("an hour later: alert again").isEqualTo(1);

    clock.set(Instant.parse("2026-11-22T00:00:00Z"));
    assertThat(scheduler.tick()).isEqualTo(2);
    List<Row> digests = rows().stream().filter(r -> r.kind().equals("digest")).toList();
    Row lan =
        digests.stream().filter(r -> r.chatId().equals(LAN.chatId())).findFirst().orElseThrow();
    Row minh =
        digests.stream().filter(r -> r.chatId().equals(MINH.chatId())).findFirst().orElseThrow();
    assertThat(titles(lan))
        .containsExactlyInAnyOrder(
            "Xã Dương Quang đạt chuẩn nông thôn mới nâng cao",
            "Thêm một xã về đích nông thôn mới",
            "Tổng kết chương trình nông thôn mới");
    assertThat(titles(minh)).hasSize(4).contains("Giá rau tăng mạnh");
  }

  @Test
  void aLongDigestListsTenAndLinksToTheRest() throws Exception {
    chat(LAN);
    commands.subscribe(LAN, "");
    for (int i = 1; i <= 13; i++) {
      clock.advance(Duration.ofMinutes(1));
      app.publish(List.of(article("Tin số " + i, "Nội dung " + i + ".")));
    }
    clock.set(Instant.parse("2026-11-22T00:00:00Z"));
    scheduler.tick();
    JsonNode digest = rows().get(0).payload();
    assertThat(digest.path("items")).hasSize(10);
    assertThat(digest.path("items").get(0).path("title").asText()).isEqualTo("Tin số 13");
    assertThat(digest.path("more").asInt()).isEqualTo(3);
    assertThat(digest.path("moreLink").asText()).startsWith("http://bot.test/tin-moi?tu=");
  }

  @Test
  void settingsShowWhatIsSetAndActionsChangeIt() {
    chat(LAN);
    assertThat(commands.settings(LAN).toString()).contains("chưa đăng ký");
    commands.subscribe(LAN, "");
    commands.subscribe(LAN, "nông thôn mới");
    String shown = commands.settings(LAN).toString();
    assertThat(shown).contains("bật, lúc 07:00").contains("nông thôn mới").contains("time:18:30");
    assertThat(commands.apply(LAN, "time:18:30").toString()).contains("18:30");
    assertThat(app.subscriptions().find(LAN).orElseThrow().time()).isEqualTo("18:30");
    commands.apply(LAN, "off");
    assertThat(app.subscriptions().find(LAN).orElseThrow().digest()).isFalse();
    String drop = "drop:" + SubscriptionCommands.shortId(TopicMatcher.key("nông thôn mới"));
    assertThat(commands.apply(LAN, drop).toString()).contains("Đã bỏ chủ đề");
    assertThat(app.subscriptions().find(LAN).orElseThrow().topics()).isEmpty();
    assertThat(commands.unsubscribe(LAN, "").toString()).contains("Đã hủy");
    assertThat(app.subscriptions().find(LAN)).isEmpty();
    assertThat(commands.subscribe(LAN, "25:00").toString()).contains("Giờ chưa đúng");
    assertThat(app.subscriptions().defaultTime()).isEqualTo(LocalTime.of(7, 0));
  }

  @Test
  void typedSettingsAreRecognizedAndQuestionsAreLeftAlone() {
    chat(LAN);
    assertThat(commands.typed(LAN, "gio yen lang 22:00-06:30").orElseThrow().toString())
        .as("not subscribed yet")
        .contains("dành cho người đăng ký");
    commands.subscribe(LAN, "nông thôn mới -bóng đá");
    assertThat(commands.typed(LAN, "Giờ yên lặng 22h-6h30").orElseThrow().toString())
        .contains("22:00–06:30");
    assertThat(app.subscriptions().find(LAN).orElseThrow().quiet())
        .isEqualTo(QuietHours.parse("22:00-06:30").orElseThrow());
    assertThat(commands.typed(LAN, "giờ yên lặng 7-7").orElseThrow().toString())
        .contains("Khung giờ chưa đúng");
    assertThat(
            commands.typed(LAN, "giờ yên lặng từ 22h đến 6h30 mỗi ngày").orElseThrow().toString())
        .contains("22:00–06:30");
    assertThat(commands.typed(LAN, "chủ đề nông thôn mới chỉ bản tin").orElseThrow().toString())
        .contains("chỉ trong bản tin");
    assertThat(app.subscriptions().find(LAN).orElseThrow().topics().get(0).mode())
        .isEqualTo(Subscription.Mode.DIGEST);
    assertThat(commands.typed(LAN, "tat chu de ca phe").orElseThrow().toString())
        .contains("chưa theo dõi chủ đề “ca phe”");
    assertThat(commands.typed(LAN, "tắt giờ yên lặng").orElseThrow().toString())
        .contains("Đã tắt giờ yên lặng");
    assertThat(app.subscriptions().find(LAN).orElseThrow().quiet()).isNull();
    for (String question :
        List.of(
            "giờ yên lặng ở khu dân cư là mấy giờ",
            "giờ yên lặng từ 22h đến 6h phải không",
            "giờ yên lặng 22h-6h ở khu dân cư có bắt buộc không",
            "chủ đề của đại hội là gì",
            "chủ đề của bản tin",
            "tắt đèn đường lúc mấy giờ",
            "thu ngân sách năm 2023")) {
      assertThat(commands.typed(LAN, question)).as(question).isEmpty();
    }
    // Announcements to a topic reach its followers whatever they excluded.
    assertThat(app.announcements().audienceSize("topic:nông thôn mới -xổ số")).isEqualTo(1);
    // A follower who muted the topic gets only its urgent announcements.
    commands.typed(LAN, "tắt chủ đề nông thôn mới");
    assertThat(app.announcements().audienceSize("topic:nông thôn mới")).isZero();
    long ordinary =
        app.announcements()
            .create("Họp dân", null, "topic:nông thôn mới", clock.millis(), null, "t", true, false);
    assertThat(app.announcements().confirm(ordinary)).isZero();
    long urgent =
        app.announcements()
            .create("Lũ quét", null, "topic:nông thôn mới", clock.millis(), null, "t", true, true);
    assertThat(app.announcements().confirm(urgent)).isEqualTo(1);
  }

  @Test
  void eachSubscriberGetsTheDigestAndTopicAlertHeadersInItsOwnLanguage() throws Exception {
    chat(LAN);
    chat(MINH);
    app.chats().chooseLanguage(MINH.channel(), MINH.chatId(), vn.backancity.bot.chat.Language.EN);
    commands.subscribe(LAN, "");
    commands.subscribe(MINH.in(vn.backancity.bot.chat.Language.EN), "");
    clock.advance(Duration.ofHours(1));
    app.publish(List.of(article("Khai mạc hội chợ nông sản", "Sáng nay hội chợ khai mạc.")));
    clock.set(Instant.parse("2026-11-22T00:00:00Z")); // 07:00 in Bắc Kạn
    assertThat(scheduler.tick()).isEqualTo(2);

    List<Row> rows = rows();
    assertThat(rows).hasSize(2);
    for (Row row : rows) {
      String header = row.payload().path("header").asText();
      if (row.chatId().equals(MINH.chatId())) {
        assertThat(header).isEqualTo("📰 Bắc Kạn city news, 22/11/2026");
      } else {
        assertThat(header).isEqualTo("📰 Bản tin thành phố Bắc Kạn ngày 22/11/2026");
      }
      // The articles stay as written.
      assertThat(titles(row)).containsExactly("Khai mạc hội chợ nông sản");
    }
  }

  @Test
  void aTopicAlertHeaderIsInEachFollowersLanguage() throws Exception {
    chat(LAN);
    chat(MINH);
    app.chats().chooseLanguage(MINH.channel(), MINH.chatId(), vn.backancity.bot.chat.Language.EN);
    commands.subscribe(LAN, "NTM");
    commands.subscribe(MINH.in(vn.backancity.bot.chat.Language.EN), "NTM");
    scheduler.tick(); // starts the alert watermark
    clock.advance(Duration.ofMinutes(1));
    app.publish(List.of(article("Xã Dương Quang đạt chuẩn nông thôn mới", "Xã đạt 19 tiêu chí.")));
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).isEqualTo(2);
    assertThat(rows())
        .extracting(r -> r.chatId() + " " + r.payload().path("header").asText())
        .containsExactlyInAnyOrder(
            LAN.chatId() + " 🔔 Tin mới về “NTM”", MINH.chatId() + " 🔔 New about “NTM”");
  }
}
