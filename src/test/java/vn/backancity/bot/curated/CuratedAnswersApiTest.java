package vn.backancity.bot.curated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/** The curated answers' admin API: checks, changes, expiry, files, and what /api/ask shows. */
class CuratedAnswersApiTest {
  static final String TOKEN = "curator";

  @TempDir Path data;
  MutableClock clock;
  App app;
  Service service;
  AdminClient admin;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"), true);
    app = App.open(TestApps.settings(data, Map.of("admin.token", TOKEN)), clock);
    app.bootstrapIfEmpty();
    service = Service.start(app, "127.0.0.1", 1);
    admin = new AdminClient(service.port(), TOKEN);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
  }

  JsonNode ask(String q) throws Exception {
    return admin.ask(q);
  }

  String error(String method, String path, String body) throws Exception {
    HttpResponse<String> r = admin.send(method, path, body);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    return admin.json(r).path("error").asText();
  }

  @Test
  void badFieldsAreRefusedNamingTheField() throws Exception {
    assertThat(error("POST", "/api/admin/answers", "{\"text\":\"x\"}")).contains("'questions'");
    assertThat(error("POST", "/api/admin/answers", "{\"questions\":[],\"text\":\"x\"}"))
        .contains("'questions'");
    assertThat(error("POST", "/api/admin/answers", "{\"questions\":[\"?!\"],\"text\":\"x\"}"))
        .contains("'questions'");
    assertThat(error("POST", "/api/admin/answers", "{\"questions\":[\"giờ làm việc\"]}"))
        .contains("'text'");
    assertThat(
            error(
                "POST",
                "/api/admin/answers",
                "{\"questions\":[\"giờ làm việc\"],\"text\":\"8h\",\"link\":\"javascript:alert(1)\"}"))
        .contains("'link'");
    assertThat(
            error(
                "POST",
                "/api/admin/answers",
                "{\"questions\":[\"giờ làm việc\"],\"text\":\"8h\",\"expires_at\":\"mai\"}"))
        .contains("'expires_at'");
    assertThat(
            error(
                "POST",
                "/api/admin/answers",
                "{\"questions\":[\"giờ làm việc\"],\"article_id\":\"no-such-article\"}"))
        .contains("'article_id'");
    assertThat(error("POST", "/api/admin/answers", "{not json")).contains("malformed JSON");
    assertThat(error("GET", "/api/admin/answers/abc", null)).contains("number");
    assertThat(admin.send("GET", "/api/admin/answers/999", null).statusCode()).isEqualTo(404);
    assertThat(admin.send("DELETE", "/api/admin/answers/999", null).statusCode()).isEqualTo(404);
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/admin/answers/999",
                    "{\"questions\":[\"giờ làm việc\"],\"text\":\"8h\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(error("GET", "/api/admin/questions?status=all", null)).contains("'status'");
    assertThat(error("GET", "/api/admin/dashboard?days=1000", null)).contains("'days'");
    assertThat(new AdminClient(service.port(), "wrong").send("GET", "/api/admin/answers", null))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(401);
    assertThat(admin.json(admin.send("GET", "/api/admin/answers", null)).path("answers")).isEmpty();
  }

  @Test
  void curatedAnswerComesFirstUntilChangedDeletedOrExpired() throws Exception {
    String article = ask("thu ngân sách").path("answers").get(0).path("id").asText();
    HttpResponse<String> created =
        admin.send(
            "POST",
            "/api/admin/answers",
            "{\"questions\":[\"Thu ngân sách năm nay thế nào?\",\"ngân sách thành phố\"],"
                + "\"article_id\":\""
                + article
                + "\",\"expires_at\":\"2026-12-02T00:00:00+07:00\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    long id = admin.json(created).path("id").asLong();

    JsonNode answers = ask("thu ngan sach nam nay the nao").path("answers");
    assertThat(answers.get(0).path("curated").asBoolean()).isTrue();
    assertThat(answers.get(0).path("url").asText()).endsWith("/articles/" + article);
    // The article it links is not offered a second time below it.
    for (int i = 1; i < answers.size(); i++) {
      assertThat(answers.get(i).path("id").asText()).isNotEqualTo(article);
      assertThat(answers.get(i).path("curated").asBoolean()).isFalse();
    }
    assertThat(ask("Ngân sách thành phố?").path("answers").get(0).path("curated").asBoolean())
        .isTrue();

    HttpResponse<String> changed =
        admin.send(
            "PUT",
            "/api/admin/answers/" + id,
            "{\"questions\":[\"ngân sách thành phố\"],\"text\":\"Xem báo cáo quý.\"}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(admin.json(changed).path("link").isNull()).isTrue();
    // The question it no longer names gets no curated answer (and, asking about this year, none
    // from the seeds' past years either).
    assertThat(ask("thu ngan sach nam nay the nao").path("answers"))
        .allSatisfy(a -> assertThat(a.path("curated").asBoolean()).isFalse());
    JsonNode now = ask("ngân sách thành phố").path("answers").get(0);
    assertThat(now.path("excerpt").asText()).isEqualTo("Xem báo cáo quý.");
    assertThat(now.path("url").isNull()).isTrue();

    // A curated answer with an expiry is no longer given after it.
    admin.send(
        "PUT",
        "/api/admin/answers/" + id,
        "{\"questions\":[\"ngân sách thành phố\"],\"text\":\"Xem báo cáo quý.\","
            + "\"expires_at\":\"2026-12-01T12:00:00+07:00\"}");
    assertThat(ask("ngân sách thành phố").path("answers").get(0).path("curated").asBoolean())
        .isTrue();
    clock.advance(Duration.ofHours(3));
    assertThat(ask("ngân sách thành phố").path("answers").get(0).path("curated").asBoolean())
        .isFalse();

    assertThat(admin.send("DELETE", "/api/admin/answers/" + id, null).statusCode()).isEqualTo(204);
    assertThat(admin.send("GET", "/api/admin/answers/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void exportedFilesImportBackAndABadRowImportsNothing() throws Exception {
    admin.send(
        "POST",
        "/api/admin/answers",
        "{\"questions\":[\"giờ làm việc một cửa\",\"mấy giờ mở cửa bộ phận một cửa\"],"
            + "\"text\":\"Từ 7 giờ 30, thứ Hai đến thứ Sáu; có \\\"dấu ngoặc\\\", dấu phẩy.\","
            + "\"link\":\"https://backancity.gov.vn/mot-cua\"}");
    String jsonl = admin.send("GET", "/api/admin/answers/export?format=jsonl", null).body();
    HttpResponse<String> csvResponse =
        admin.send("GET", "/api/admin/answers/export?format=csv", null);
    String csv = csvResponse.body();
    assertThat(csvResponse.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv).startsWith("id,questions,text,link,expires_at").contains("\"dấu ngoặc\"\"");

    // Importing the export again replaces the same answer (by id): still one.
    JsonNode again = admin.json(admin.send("POST", "/api/admin/answers/import?format=csv", csv));
    assertThat(again.path("updated").asInt()).isEqualTo(1);
    assertThat(again.path("created").asInt()).isZero();
    JsonNode list = admin.json(admin.send("GET", "/api/admin/answers", null)).path("answers");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("questions")).hasSize(2);
    assertThat(list.get(0).path("text").asText()).contains("\"dấu ngoặc\", dấu phẩy");

    // Without ids the same questions would get a second official answer: refused, naming it.
    String fresh = jsonl.replaceAll("\"id\":\\d+,", "");
    HttpResponse<String> twice = admin.send("POST", "/api/admin/answers/import", fresh);
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(admin.json(twice).path("error").asText())
        .startsWith("row 1:")
        .contains("already has curated answer " + list.get(0).path("id").asLong());
    // New questions are added; one bad row refuses the whole file.
    String other =
        fresh
            .replace("giờ làm việc một cửa", "giờ làm việc thứ Bảy")
            .replace("mấy giờ mở cửa bộ phận một cửa", "thứ Bảy có làm việc không");
    assertThat(
            admin
                .json(admin.send("POST", "/api/admin/answers/import?format=jsonl", other))
                .path("created")
                .asInt())
        .isEqualTo(1);
    String bad =
        other.replace("thứ Bảy", "Chủ nhật")
            + "{\"questions\":[\"hỏi\"],\"text\":\"x\",\"link\":\"ftp://x\"}\n"
            + "{oops\n";
    HttpResponse<String> refused = admin.send("POST", "/api/admin/answers/import", bad);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(admin.json(refused).path("error").asText()).startsWith("row 2:").contains("'link'");
    assertThat(admin.json(refused).path("errors")).hasSize(2);
    assertThat(admin.json(admin.send("GET", "/api/admin/answers", null)).path("answers"))
        .hasSize(2);
    assertThat(
            ask("mấy giờ mở cửa bộ phận một cửa")
                .path("answers")
                .get(0)
                .path("curated")
                .asBoolean())
        .isTrue();
  }

  @Test
  void aQuestionTypedWithoutAccentsThatCouldBeEitherOfTwoGetsNeitherCuratedAnswer()
      throws Exception {
    for (String[] qa :
        new String[][] {
          {"cấp sổ đỏ ở đâu", "Sổ đỏ: bộ phận một cửa."}, {"cấp sổ ở đâu", "Sổ: phường."}
        }) {
      assertThat(
              admin
                  .send(
                      "POST",
                      "/api/admin/answers",
                      "{\"questions\":[\"" + qa[0] + "\"],\"text\":\"" + qa[1] + "\"}")
                  .statusCode())
          .isEqualTo(201);
    }
    assertThat(ask("Cấp sổ đỏ ở đâu?").path("answers").get(0).path("excerpt").asText())
        .startsWith("Sổ đỏ");
    assertThat(ask("cấp sổ ở đâu").path("answers").get(0).path("excerpt").asText())
        .startsWith("Sổ: phường");
    // "cap so do o dau" may be either ("so", "do" are also question words): no official answer.
    JsonNode plain = ask("cap so do o dau").path("answers");
    assertThat(plain.size() == 0 || !plain.get(0).path("curated").asBoolean()).isTrue();
    // The same question twice is refused, naming the answer that has it.
    HttpResponse<String> again =
        admin.send(
            "POST", "/api/admin/answers", "{\"questions\":[\"Cấp sổ đỏ ở đâu?\"],\"text\":\"x\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(admin.json(again).path("error").asText()).contains("already has curated answer");
  }
}
