package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/**
 * The JSON of an answer list is kept by the list's identity (weak keys, 4,096 at most), for the
 * answer cache's lists that come back on every ask of the same question. Curated answers and
 * questions with no word are new lists on every ask: kept, they were never asked for again and
 * pushed the useful entries out.
 */
class AskApiKeptBodiesTest {
  static final String TOKEN = "kept-bodies";
  static final String SEARCHED = "Khu di tích Nà Pậu ở đâu?";
  static final String CURATED = "Giờ làm việc của bộ phận một cửa?";

  @TempDir Path data;
  App app;
  Service service;
  Javalin ask;
  AskApi api;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"), true);
    app = App.open(TestApps.settings(data, Map.of("admin.token", TOKEN)), clock);
    app.bootstrapIfEmpty();
    service = Service.start(app, "127.0.0.1", 1);
    // The route alone, over the app's answerer and question log, so that its kept bodies show.
    api = new AskApi(app.answerer(), app.json(), 3, new Semaphore(2), app.questions());
    ask =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.get("/api/ask", api::handle);
                })
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    ask.stop();
    service.close();
    app.close();
  }

  JsonNode ask(String question) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + ask.port()
                            + "/api/ask?q="
                            + URLEncoder.encode(question, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return app.json().readTree(response.body());
  }

  @Test
  void onlyTheAnswerCachesListsAreKeptNotCuratedOrWordlessOnes() throws Exception {
    AdminClient admin = new AdminClient(service.port(), TOKEN);
    assertThat(
            admin
                .send(
                    "POST",
                    "/api/admin/answers",
                    "{\"questions\":[\"" + CURATED + "\"],\"text\":\"Từ 7h30 đến 17h.\"}")
                .statusCode())
        .isEqualTo(201);
    long loadsBefore = api.keptBodies().loadCount();
    long resultsBefore = app.questions().keptResults().loadCount();

    JsonNode first = ask(SEARCHED);
    for (int i = 0; i < 20; i++) {
      JsonNode curated = ask(CURATED);
      assertThat(curated.path("answers").get(0).path("curated").asBoolean()).isTrue();
      assertThat(curated.path("answers").get(0).path("excerpt").asText()).contains("7h30");
      assertThat(curated.path("question_id").asText()).matches("\\d+");
      assertThat(ask("?!").path("answers")).isEmpty();
    }
    JsonNode again = ask(SEARCHED);

    assertThat(api.keptBodies().loadCount() - loadsBefore)
        .as("bodies written and kept: the searched answer's only")
        .isEqualTo(1);
    assertThat(api.keptBodies().hitCount()).as("asked again: its kept body").isEqualTo(1);
    assertThat(app.questions().keptResults().loadCount() - resultsBefore)
        .as("question log results kept: the searched answer's only")
        .isEqualTo(1);
    assertThat(first.path("answers")).isNotEmpty();
    ((ObjectNode) first).remove("question_id");
    ((ObjectNode) again).remove("question_id");
    assertThat(again).isEqualTo(first);
  }
}
