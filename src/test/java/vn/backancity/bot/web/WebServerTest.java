package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.testing.TestApps;

/** The real server on a random port, over real HTTP. */
class WebServerTest {
  @TempDir static Path data;
  static App app;
  static Service service;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    app = TestApps.withSeeds(data);
    service = Service.start(app, "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    service.close();
    app.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String q(String question) {
    return URLEncoder.encode(question, StandardCharsets.UTF_8);
  }

  @Test
  void askReturnsTheCliJsonShape() throws Exception {
    HttpResponse<String> response = get("/api/ask?q=" + q("Khu di tích Nà Pậu ở đâu?"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = app.json().readTree(response.body());
    assertThat(body.path("question").asText()).isEqualTo("Khu di tích Nà Pậu ở đâu?");
    JsonNode first = body.path("answers").get(0);
    assertThat(first.path("id").asText()).isEqualTo("003_8df7fe491330b25b");
    assertThat(first.path("url").asText())
        .isEqualTo("http://bot.test/articles/003_8df7fe491330b25b");
    assertThat(first.path("excerpt").asText()).contains("Nà Tẳng");
    assertThat(first.path("score").isNumber()).isTrue();
    assertThat(first.path("title").asText()).isNotBlank();
  }

  /** A cached answer's JSON is written once and kept: each ask still gets its own question id. */
  @Test
  void aCachedAnswerAskedAgainIsTheSameJsonWithItsOwnQuestionId() throws Exception {
    String ask = "/api/ask?q=" + q("Khu di tích Nà Pậu ở đâu?");
    JsonNode first = app.json().readTree(get(ask).body());
    JsonNode again = app.json().readTree(get(ask).body());
    JsonNode limited = app.json().readTree(get(ask + "&limit=1").body());

    String id1 = first.path("question_id").asText();
    String id2 = again.path("question_id").asText();
    assertThat(id1).matches("\\d+");
    assertThat(id2).matches("\\d+").isNotEqualTo(id1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) first).remove("question_id");
    ((com.fasterxml.jackson.databind.node.ObjectNode) again).remove("question_id");
    assertThat(again).isEqualTo(first);
    assertThat(limited.path("answers").size()).isEqualTo(1);
    assertThat(limited.path("answers").get(0)).isEqualTo(first.path("answers").get(0));
    assertThat(limited.path("question_id").asText()).matches("\\d+");
  }

  @Test
  void aCachedAnswerSaysTheQuestionAsThisAskerTypedItNotAsTheFirstDid() throws Exception {
    String first = "Khu di tích Nà Pậu ở đâu? Số nhà tôi là 12 phố Lý Thường Kiệt";
    // The same words in capitals: the same cached answer.
    String second = "KHU DI TÍCH NÀ PẬU Ở ĐÂU!!! SỐ NHÀ TÔI LÀ 12 PHỐ LÝ THƯỜNG KIỆT";
    get("/api/ask?q=" + q(first));
    JsonNode body = app.json().readTree(get("/api/ask?q=" + q(second)).body());

    assertThat(body.path("answers")).isNotEmpty();
    assertThat(body.path("question").asText()).isEqualTo(second);
    assertThat(body.toString()).doesNotContain("Lý Thường Kiệt");
  }

  @Test
  void offTopicQuestionHasNoAnswers() throws Exception {
    JsonNode body = app.json().readTree(get("/api/ask?q=" + q("giá vàng hôm nay")).body());

    assertThat(body.path("answers").isArray()).isTrue();
    assertThat(body.path("answers")).isEmpty();
  }

  @Test
  void emptyOrOversizedQuestionIs400WithAMessage() throws Exception {
    HttpResponse<String> empty = get("/api/ask?q=");
    HttpResponse<String> missing = get("/api/ask");
    HttpResponse<String> huge = get("/api/ask?q=" + "a".repeat(1200));
    HttpResponse<String> badLimit = get("/api/ask?q=x&limit=abc");

    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("empty question");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(badLimit.statusCode()).isEqualTo(400);
  }

  @Test
  void articlePageIsReadableHtmlAndUnknownIdIs404() throws Exception {
    HttpResponse<String> page = get("/articles/004_c117ae27e64cf347");
    HttpResponse<String> missing = get("/articles/no-such-article");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("text/html");
    assertThat(page.body())
        .contains("<h1>Thành phố Bắc Kạn: Tích cực đưa Nghị quyết của Đảng vào cuộc sống</h1>")
        .contains("name=\"viewport\"")
        .contains("8 đơn vị hành chính")
        .doesNotContain("Các tin khác");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("Không tìm thấy bài viết");
  }

  @Test
  void chatPageIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"vi\">").contains("/assets/chat.js");
    assertThat(get("/assets/chat.js").body()).contains("/api/ask?q=");
  }

  @Test
  void uPlotIsServedFromItsWebJarAndNoOtherFileOfTheJarIs() throws Exception {
    HttpResponse<String> script = get("/assets/uPlot.iife.min.js");
    HttpResponse<String> style = get("/assets/uPlot.min.css");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/javascript");
    assertThat(script.body()).contains("uPlot");
    assertThat(style.statusCode()).isEqualTo(200);
    assertThat(style.body()).contains(".uplot");
    for (String path :
        List.of(
            "/assets/uPlot.cjs.js",
            "/assets/package.json",
            "/assets/..%2Fpackage.json",
            "/assets/..%2F..%2Fweb%2Fadmin.js",
            "/assets/%2FMETA-INF%2Fresources%2Fwebjars%2Fuplot%2F1.6.30%2FLICENSE",
            "/assets/chat.html")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void healthShowsArticlesAndTheCacheHitRate() throws Exception {
    get("/api/ask?q=" + q("nông thôn mới"));
    get("/api/ask?q=" + q("nông thôn mới"));

    JsonNode health = app.json().readTree(get("/health").body());

    assertThat(health.path("status").asText()).isEqualTo("ok");
    assertThat(health.path("articles").asInt()).isEqualTo(5);
    assertThat(health.path("indexed").asInt()).isEqualTo(5);
    assertThat(health.path("cache").path("hits").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(health.path("cache").has("hit_rate")).isTrue();
    assertThat(health.path("telegram").asText()).isEqualTo("off");
    assertThat(health.path("feeds").isArray()).isTrue();
  }

  /** Regression: Jackson could not write the feeds' Instants, so /health was a 500 with feeds. */
  @Test
  void healthAnswersWhenAFeedIsConfigured(@TempDir Path other) throws Exception {
    // Nothing listens on the feed's port: the first poll is seconds away and would only fail.
    try (App withFeed =
            TestApps.withSeeds(other, Map.of("feeds.extra-urls", "http://127.0.0.1:9/rss.xml"));
        Service running = Service.start(withFeed, "127.0.0.1")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode feed = withFeed.json().readTree(response.body()).path("feeds").get(0);
      assertThat(feed.path("url").asText()).isEqualTo("http://127.0.0.1:9/rss.xml");
      assertThat(feed.path("nextAttempt").asText()).isEqualTo("1970-01-01T00:00:00Z");
    }
  }

  @Test
  void telegramWebhookWithoutATokenIs404() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/telegram/webhook"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }
}
