package vn.backancity.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.TestApps;

class AdminApiTest {
  static final String TOKEN = "admin-test-token";
  @TempDir Path data;
  App app;
  Service service;

  @BeforeEach
  void start() throws Exception {
    app = TestApps.withSeeds(data, Map.of("admin.token", TOKEN));
    service = Service.start(app, "127.0.0.1");
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
  }

  HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    return new AdminClient(service.port(), token).send(method, path, body);
  }

  JsonNode ask(String question) throws Exception {
    String q = URLEncoder.encode(question, StandardCharsets.UTF_8);
    return app.json().readTree(send("GET", "/api/ask?q=" + q, null, null).body());
  }

  @Test
  void anArticleAddedThroughTheApiIsAnsweredAtOnceAndTheCachedAnswerIsNotServedStale()
      throws Exception {
    String question = "Lễ hội Lồng tông năm 2026 tổ chức ở đâu?";
    assertThat(ask(question).path("answers")).isEmpty();
    assertThat(ask(question).path("answers")).isEmpty(); // now cached

    HttpResponse<String> posted =
        send(
            "POST",
            "/api/admin/articles",
            "{\"id\":\"long-tong\",\"title\":\"Lễ hội Lồng tông 2026\",\"lead\":\"Lễ hội Lồng"
                + " tông năm 2026 tổ chức tại sân vận động xã Dương Quang.\","
                + "\"published_at\":\"2026-11-21T08:00:00+07:00\"}",
            TOKEN);

    assertThat(posted.statusCode()).isEqualTo(201);
    JsonNode after = ask(question);
    assertThat(after.path("answers").get(0).path("id").asText()).isEqualTo("long-tong");
    assertThat(after.path("answers").get(0).path("excerpt").asText()).contains("Dương Quang");

    assertThat(send("DELETE", "/api/admin/articles/long-tong", null, TOKEN).statusCode())
        .isEqualTo(204);
    assertThat(ask(question).path("answers")).isEmpty();
    assertThat(send("DELETE", "/api/admin/articles/long-tong", null, TOKEN).statusCode())
        .isEqualTo(404);
  }

  @Test
  void jsonLinesImportManyAndABadLineRefusesTheWholeBody() throws Exception {
    String good =
        "{\"id\":\"a1\",\"title\":\"Tin một\",\"body\":\"Nội dung một.\"}\n"
            + "{\"id\":\"a2\",\"title\":\"Tin hai\",\"body\":\"Nội dung hai.\"}\n";
    HttpResponse<String> ok = send("POST", "/api/admin/articles", good, TOKEN);
    HttpResponse<String> bad =
        send("POST", "/api/admin/articles", good + "{\"id\":\"a3\",\"title\": }\n", TOKEN);
    HttpResponse<String> noId =
        send("POST", "/api/admin/articles", "{\"title\":\"T\",\"body\":\"x\"}", TOKEN);

    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(ok.body()).contains("\"imported\":2");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("line 3");
    assertThat(app.store().find("a3")).isEmpty();
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(noId.body()).contains("'id'");
  }

  /** Regression: a javascript: URL was stored and rendered as the article page's href. */
  @Test
  void articleUrlThatIsNotAnHttpAddressIsRefusedNamingTheField() throws Exception {
    int before = app.store().count();
    for (String url :
        List.of(
            "javascript:alert(document.cookie)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "/articles/relative",
            "tin-moi.html",
            "//evil.example/x",
            "http:///no-host",
            "ftp://files.example/a")) {
      String body =
          app.json()
              .writeValueAsString(
                  Map.of("id", "bad-url", "title", "Tin", "body", "Nội dung.", "url", url));
      HttpResponse<String> r = send("POST", "/api/admin/articles", body, TOKEN);

      assertThat(r.statusCode()).as(url).isEqualTo(400);
      assertThat(app.json().readTree(r.body()).path("error").asText())
          .as(url)
          .isEqualTo("line 1: field 'url' must be an http(s) address");
    }
    HttpResponse<String> secondLine =
        send(
            "POST",
            "/api/admin/articles",
            "{\"id\":\"u1\",\"title\":\"T\",\"body\":\"x.\",\"url\":\"https://a.vn/1\"}\n"
                + "{\"id\":\"u2\",\"title\":\"T\",\"body\":\"x.\",\"url\":\"javascript:x\"}",
            TOKEN);

    assertThat(secondLine.statusCode()).isEqualTo(400);
    assertThat(secondLine.body()).contains("line 2: field 'url' must be an http(s) address");
    assertThat(app.store().count()).isEqualTo(before);
  }

  @Test
  void wrongOrMissingTokenIs401AndChangesNothing() throws Exception {
    int before = app.store().count();
    String body = "{\"id\":\"x1\",\"title\":\"T\",\"body\":\"x.\"}";

    assertThat(send("POST", "/api/admin/articles", body, null).statusCode()).isEqualTo(401);
    assertThat(send("POST", "/api/admin/articles", body, "wrong").statusCode()).isEqualTo(401);
    assertThat(send("POST", "/api/admin/reindex", null, "wrong").statusCode()).isEqualTo(401);
    assertThat(app.store().count()).isEqualTo(before);
  }

  @Test
  void reindexRebuildsFromTheDatabase() throws Exception {
    HttpResponse<String> r = send("POST", "/api/admin/reindex", null, TOKEN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"indexed\":5");
  }
}
