package vn.backancity.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.TestApps;

/** The announcements API and the admin page over real HTTP. */
class AnnouncementApiTest {
  static final String TOKEN = "announce-admin-token";

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;
  AdminClient admin;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    app =
        TestApps.withSeeds(
            data,
            Map.of(
                "admin.token",
                TOKEN,
                "telegram.token",
                "9:announce",
                "telegram.api-url",
                api.url(),
                "telegram.bot-username",
                "BacKanCityBot"));
    for (int i = 0; i < 3; i++) {
      Recipient r = new Recipient("telegram", String.valueOf(700 + i), "private");
      app.chats().touch(r.channel(), r.chatId(), r.kind(), null);
      if (i < 2) {
        app.subscriptions().subscribe(r, null);
      }
    }
    app.subscriptions()
        .addTopic(new Recipient("telegram", "700", "private"), "nong thon moi", "nông thôn mới");
    service = Service.start(app, "127.0.0.1");
    admin = new AdminClient(service.port(), TOKEN);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    api.close();
  }

  @Test
  void wrongOrMissingTokenIs401() throws Exception {
    AdminClient stranger = new AdminClient(service.port(), "wrong");
    AdminClient anonymous = new AdminClient(service.port(), null);
    String body = "{\"text\":\"x\"}";
    assertThat(stranger.send("POST", "/api/admin/announcements", body).statusCode()).isEqualTo(401);
    assertThat(anonymous.send("POST", "/api/admin/announcements", body).statusCode())
        .isEqualTo(401);
    assertThat(anonymous.send("GET", "/api/admin/announcements", null).statusCode()).isEqualTo(401);
    assertThat(app.announcements().list(10)).isEmpty();
  }

  @Test
  void invalidBodiesAre400NamingTheField() throws Exception {
    assertThat(error("{\"link\":\"https://a.vn\"}")).contains("'text'");
    assertThat(error("{\"text\":\"   \"}")).contains("'text'");
    assertThat(error("{\"text\":\"x\",\"link\":\"javascript:alert(1)\"}")).contains("'link'");
    assertThat(error("{\"text\":\"x\",\"audience\":\"all\"}")).contains("'audience'");
    assertThat(error("{\"text\":\"x\",\"send_at\":\"tomorrow\"}")).contains("'send_at'");
    assertThat(error("{\"text\":\"x\",\"send_at\":\"2026-11-22T07:00:00\"}")).contains("'send_at'");
    assertThat(error("{\"text\": 12}")).contains("'text'");
    assertThat(error("[1,2]")).contains("JSON object");
    assertThat(error("{\"text\":")).contains("malformed JSON");
    assertThat(error("{\"text\":\"x\",\"urgent\":\"yes\"}")).contains("'urgent'");
    assertThat(app.announcements().list(10)).isEmpty();
  }

  @Test
  void anUrgentAnnouncementIsMarkedSoInTheApiAndInTheMessage() throws Exception {
    long urgent = admin.announce("{\"text\":\"Lũ quét, sơ tán ngay\",\"urgent\":true}");
    long ordinary = admin.announce("{\"text\":\"Lịch tiếp dân\",\"urgent\":false}");
    assertThat(admin.announcement(urgent).path("urgent").asBoolean()).isTrue();
    assertThat(admin.announcement(ordinary).path("urgent").asBoolean()).isFalse();
    for (long id : new long[] {urgent, ordinary}) {
      admin.awaitAnnouncement(
          id, n -> n.path("counts").path("sent").asInt() == 2, Duration.ofSeconds(20));
    }
    assertThat(api.deliveredTexts().get(700L))
        .anySatisfy(t -> assertThat(t).startsWith("<b>🚨 THÔNG BÁO KHẨN</b>").contains("Lũ quét"))
        .anySatisfy(t -> assertThat(t).startsWith("<b>📢 Thông báo</b>").contains("tiếp dân"));
    assertThat(admin.send("GET", "/assets/admin.js", null).body())
        .as("the compose form sends the checkbox")
        .contains("body.urgent = true");
  }

  private String error(String body) throws Exception {
    HttpResponse<String> r = admin.send("POST", "/api/admin/announcements", body);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    return admin.json(r).path("error").asText();
  }

  @Test
  void immediateAnnouncementIsCountedPerStatusAndAudience() throws Exception {
    long subscribers = admin.announce("{\"text\":\"Cho người đăng ký\"}");
    long everyone =
        admin.announce(
            "{\"text\":\"Cho mọi người\",\"audience\":\"everyone\",\"link\":\"https://backancity.gov.vn/a\"}");
    long topic = admin.announce("{\"text\":\"Cho chủ đề\",\"audience\":\"topic:Nông thôn mới\"}");

    JsonNode a =
        admin.awaitAnnouncement(
            subscribers, n -> n.path("status").asText().equals("done"), Duration.ofSeconds(20));
    assertThat(a.path("recipients").asInt()).isEqualTo(2);
    assertThat(a.path("counts").path("sent").asInt()).isEqualTo(2);
    assertThat(a.path("by_channel").path("telegram").path("sent").asInt()).isEqualTo(2);
    for (String field : new String[] {"queued", "sent", "failed", "blocked", "held"}) {
      assertThat(a.path("counts").has(field)).as(field).isTrue();
    }
    assertThat(
            admin
                .awaitAnnouncement(
                    everyone, n -> n.path("status").asText().equals("done"), Duration.ofSeconds(20))
                .path("recipients")
                .asInt())
        .isEqualTo(3);
    assertThat(
            admin
                .awaitAnnouncement(
                    topic, n -> n.path("status").asText().equals("done"), Duration.ofSeconds(20))
                .path("recipients")
                .asInt())
        .isEqualTo(1);

    JsonNode list = admin.json(admin.send("GET", "/api/admin/announcements", null));
    assertThat(list.path("announcements")).hasSize(3);
    assertThat(list.path("announcements").get(0).path("id").asLong()).isEqualTo(topic);
  }

  @Test
  void scheduledAnnouncementWaitsAndDeleteCancelsIt() throws Exception {
    long id =
        admin.announce(
            "{\"text\":\"Lịch tiếp dân tháng 12\",\"send_at\":\"2099-12-01T07:00:00+07:00\"}");
    JsonNode a = admin.announcement(id);
    assertThat(a.path("status").asText()).isEqualTo("scheduled");
    assertThat(a.path("send_at").asText()).isEqualTo("2099-12-01T07:00+07:00");
    assertThat(app.announcements().startDue()).isZero();

    HttpResponse<String> deleted = admin.send("DELETE", "/api/admin/announcements/" + id, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(admin.json(deleted).path("status").asText()).isEqualTo("cancelled");
    assertThat(admin.send("GET", "/api/admin/announcements/99999", null).statusCode())
        .isEqualTo(404);
    assertThat(admin.send("GET", "/api/admin/announcements/abc", null).statusCode()).isEqualTo(400);
    assertThat(admin.send("DELETE", "/api/admin/announcements/99999", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anAnnouncementsExpiryIsCheckedAndCarriedByEveryCopy() throws Exception {
    assertThat(
            error(
                "{\"text\":\"x\",\"send_at\":\"2099-12-01T07:00:00+07:00\","
                    + "\"expires_at\":\"2099-11-30T07:00:00+07:00\"}"))
        .contains("'expires_at'");
    assertThat(error("{\"text\":\"x\",\"expires_at\":\"soon\"}")).contains("'expires_at'");

    long id =
        admin.announce(
            "{\"text\":\"Mất điện ngày mai\",\"expires_at\":\"2099-12-02T07:00:00+07:00\"}");
    assertThat(admin.announcement(id).path("expires_at").asText())
        .isEqualTo("2099-12-02T07:00+07:00");
    long expected =
        java.time.OffsetDateTime.parse("2099-12-02T07:00:00+07:00").toInstant().toEpochMilli();
    try (var c = app.database().dataSource().getConnection();
        var st =
            c.prepareStatement(
                "SELECT COUNT(*), MIN(expires_at), MAX(expires_at) FROM outbox WHERE announcement_id = ?")) {
      st.setLong(1, id);
      try (var rs = st.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("one copy per subscriber").isEqualTo(2);
        assertThat(rs.getLong(2)).isEqualTo(expected);
        assertThat(rs.getLong(3)).isEqualTo(expected);
      }
    }
  }

  @Test
  void adminPageHoldsNoDataAndTheOverviewNeedsTheToken() throws Exception {
    AdminClient anonymous = new AdminClient(service.port(), null);
    HttpResponse<String> page = anonymous.send("GET", "/admin", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("ADMIN_TOKEN").contains("/assets/admin.js");
    assertThat(anonymous.send("GET", "/assets/admin.js", null).body())
        .contains("/api/admin/overview");
    assertThat(anonymous.send("GET", "/api/admin/overview", null).statusCode()).isEqualTo(401);
    JsonNode overview = admin.json(admin.send("GET", "/api/admin/overview", null));
    assertThat(overview.path("subscribers").asInt()).isEqualTo(2);
    assertThat(overview.path("active_chats").path("telegram").asInt()).isEqualTo(3);
    assertThat(overview.path("feeds").isArray()).isTrue();
  }
}
