package vn.backancity.bot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.OutboxMessage;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/**
 * What quiet hours do to the queue, on SQLite and PostgreSQL: pushes decided inside them are rows
 * that wait for their end (not_before), outlive them (expiry counted from then), are decided once
 * (a digest) or merged (alerts over a night), while an urgent announcement is due at once in its
 * own lane.
 */
class QuietHoursQueueTest {
  static final Recipient LAN = new Recipient("telegram", "5113370001", "private");
  static final Recipient MINH = new Recipient("telegram", "5113370002", "private");
  static final Instant MORNING = Instant.parse("2026-11-22T06:30:00+07:00");

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T21:00:00+07:00"));
  App app;

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
  }

  void open(String vendor) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("telegram.token", "1:test");
    settings.put("data.bootstrap-articles", "none");
    if (vendor.equals("postgresql")) {
      settings.put("database.url", TestDatabases.newPostgresSchema());
    }
    app = App.open(TestApps.settings(data, settings), clock);
  }

  record Row(
      String chatId,
      String kind,
      int priority,
      long notBefore,
      long expiresAt,
      String status,
      JsonNode payload) {}

  List<Row> rows() throws Exception {
    List<Row> out = new ArrayList<>();
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT chat_id, kind, priority, not_before, expires_at, status, payload"
                    + " FROM outbox ORDER BY id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                app.json().readTree(rs.getString(7))));
      }
    }
    return out;
  }

  static int n;

  Article article(String title) {
    n++;
    return new Article(
        "q" + n,
        title,
        "https://backancity.gov.vn/tin/q" + n,
        clock.instant(),
        title + ".",
        List.of(),
        List.of(),
        null,
        List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void pushesInsideQuietHoursWaitForTheirEndOnceAndUrgentOnesDoNot(String vendor) throws Exception {
    open(vendor);
    SubscriptionCommands commands = new SubscriptionCommands(app.subscriptions());
    for (Recipient r : List.of(LAN, MINH)) {
      app.chats().touch(r.channel(), r.chatId(), r.kind(), "x");
    }
    commands.subscribe(LAN, "06:00");
    commands.subscribe(LAN, "nông thôn mới");
    commands.subscribe(MINH, "");
    assertThat(commands.typed(LAN, "giờ yên lặng 22:00-06:30").orElseThrow().toString())
        .contains("22:00–06:30");
    DigestScheduler scheduler = app.digestScheduler();
    scheduler.tick(); // the alert watermark

    // 23:00: an alert, and an hour later another, merged into the first while both wait.
    clock.set(Instant.parse("2026-11-21T23:00:00+07:00"));
    app.publish(List.of(article("Xã Dương Quang đạt chuẩn nông thôn mới")));
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(70));
    app.publish(List.of(article("Tổng kết năm nông thôn mới")));
    clock.advance(Duration.ofMinutes(1));
    scheduler.tick();
    List<Row> alerts = rows().stream().filter(r -> r.kind().equals("alert")).toList();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).notBefore()).isEqualTo(MORNING.toEpochMilli());
    assertThat(alerts.get(0).payload().path("items").findValuesAsText("title"))
        .containsExactly("Tổng kết năm nông thôn mới", "Xã Dương Quang đạt chuẩn nông thôn mới");

    // An ordinary announcement waits for Lan's morning, not for Minh's; an urgent one does not.
    long ordinary =
        app.announcements()
            .create("Lịch cắt nước", null, "subscribers", clock.millis(), null, "test", false);
    long urgent =
        app.announcements()
            .create("Lũ quét", null, "subscribers", clock.millis(), null, "test", false, true);
    long now = clock.millis();
    Map<String, Row> byText = new HashMap<>();
    for (Row r : rows()) {
      if (r.kind().equals("announcement")) {
        byText.put(r.payload().path("text").asText() + "/" + r.chatId(), r);
      }
    }
    Row lanOrdinary = byText.get("Lịch cắt nước/" + LAN.chatId());
    assertThat(lanOrdinary.notBefore()).isEqualTo(MORNING.toEpochMilli());
    assertThat(lanOrdinary.expiresAt())
        .as("the push expiry counts from the end of the quiet hours")
        .isEqualTo(MORNING.plus(Duration.ofDays(3)).toEpochMilli());
    assertThat(lanOrdinary.priority()).isEqualTo(Outbox.PUSH_LANE);
    assertThat(byText.get("Lịch cắt nước/" + MINH.chatId()).notBefore()).isEqualTo(now);
    Row lanUrgent = byText.get("Lũ quét/" + LAN.chatId());
    assertThat(lanUrgent.notBefore()).isEqualTo(now);
    assertThat(lanUrgent.priority()).isEqualTo(Outbox.URGENT_LANE);
    assertThat(lanUrgent.payload().path("header").asText()).isEqualTo("🚨 THÔNG BÁO KHẨN");
    assertThat(app.announcements().find(urgent).orElseThrow().urgent()).isTrue();
    assertThat(app.announcements().find(ordinary).orElseThrow().urgent()).isFalse();

    // 06:00: Lan's digest is decided, to go at 06:30, and not decided again.
    clock.set(Instant.parse("2026-11-22T06:00:00+07:00"));
    scheduler.tick();
    clock.advance(Duration.ofMinutes(10));
    scheduler.tick();
    List<Row> digests =
        rows().stream()
            .filter(r -> r.kind().equals("digest") && r.chatId().equals(LAN.chatId()))
            .toList();
    assertThat(digests).hasSize(1);
    assertThat(digests.get(0).notBefore()).isEqualTo(MORNING.toEpochMilli());

    // Nothing of Lan's is due before 06:30, nor expired; then all of it is, once.
    Outbox outbox = app.outbox();
    clock.set(MORNING.minusSeconds(60));
    assertThat(outbox.expire()).isZero();
    assertThat(claimFor(outbox, LAN, Outbox.PUSH_LANE)).isEmpty();
    clock.set(MORNING);
    assertThat(claimFor(outbox, LAN, Outbox.PUSH_LANE))
        .extracting(OutboxMessage::kind)
        .containsExactlyInAnyOrder("alert", "announcement", "digest");
    assertThat(claimFor(outbox, LAN, Outbox.URGENT_LANE))
        .extracting(OutboxMessage::kind)
        .containsExactly("announcement");
    assertThat(claimFor(outbox, LAN, Outbox.PUSH_LANE)).as("claimed once").isEmpty();
  }

  /** Claims every due row of a lane, and returns Lan's. */
  static List<OutboxMessage> claimFor(Outbox outbox, Recipient chat, int lane) {
    return outbox.claim("telegram", lane, "test-" + lane, 100, 60_000).stream()
        .filter(m -> m.chatId().equals(chat.chatId()))
        .toList();
  }
}
