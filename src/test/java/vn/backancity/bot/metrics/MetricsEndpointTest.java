package vn.backancity.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.telegram.TelegramEndToEndTest;
import vn.backancity.bot.testing.TestApps;

/**
 * {@code GET /metrics} is scraped over HTTP from a real server with a fake Bot API, after real
 * traffic, and its Prometheus text parsed: what each meter says must match what was done.
 */
class MetricsEndpointTest {
  static final String TOKEN = "metrics-test-token";
  static final String ADMIN = "admin-test-token";
  static final String SECRET = "metrics-hook-secret";

  @TempDir Path data;
  final HttpClient http = HttpClient.newHttpClient();
  FakeBotApi api;
  App app;
  Service service;

  void start(Map<String, Object> settings) throws Exception {
    app = TestApps.withSeeds(data, settings);
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

  @Test
  void aScrapeAfterTrafficShowsRoutesCacheJvmOutboxIndexAndTelegram429s() throws Exception {
    api = new FakeBotApi().rateLimitNext(1, 1);
    Map<String, Object> settings = new HashMap<>();
    settings.put("telegram.token", "123456:METRICS-token");
    settings.put("telegram.webhook-secret", SECRET);
    settings.put("telegram.api-url", api.url());
    settings.put("telegram.bot-username", "BacKanCityBot");
    settings.put("admin.token", ADMIN);
    settings.put("metrics.token", TOKEN);
    start(settings);
    String question = "Khu di tích Nà Pậu ở đâu?";

    assertThat(get("/api/ask?q=" + encode(question), null).statusCode()).isEqualTo(200);
    assertThat(get("/api/ask?q=" + encode("nông thôn mới"), null).statusCode()).isEqualTo(200);
    assertThat(get("/articles/003_8df7fe491330b25b", null).statusCode()).isEqualTo(200);
    assertThat(get("/no/such/page/" + System.nanoTime(), null).statusCode()).isEqualTo(404);
    assertThat(get("/api/admin/overview", "Bearer wrong").statusCode()).isEqualTo(401);
    Scrape before = scrape();
    double hits = before.value("cache_gets_total", Map.of("cache", "answers", "result", "hit"));
    assertThat(get("/api/ask?q=" + encode(question), null).statusCode()).isEqualTo(200);
    Scrape after =
        awaitScrape(
            s ->
                s.value(
                        "http_server_requests_seconds_count",
                        Map.of("method", "GET", "route", "/api/ask", "status", "200"))
                    >= 3);

    assertThat(after.value("cache_gets_total", Map.of("cache", "answers", "result", "hit")))
        .as("the repeated question was answered from the cache")
        .isEqualTo(hits + 1);
    assertThat(after.value("cache_size", Map.of("cache", "answers"))).isGreaterThanOrEqualTo(2);
    // Route templates, never raw paths: the article id and the random path are not labels.
    assertThat(after.labelValues("http_server_requests_seconds_count", "route"))
        .contains("/articles/{id}", "NOT_FOUND", "/api/admin/overview")
        .noneMatch(route -> route.contains("003_") || route.contains("/no/such"));
    assertThat(
            after.value(
                "http_server_requests_seconds_count",
                Map.of("route", "NOT_FOUND", "status", "404")))
        .isEqualTo(1);
    assertThat(
            after.value(
                "http_server_requests_seconds_count",
                Map.of("route", "/api/admin/overview", "status", "401")))
        .isEqualTo(1);
    assertThat(
            after.value(
                "http_server_requests_seconds_bucket",
                Map.of("route", "/api/ask", "status", "200", "le", "+Inf")))
        .isGreaterThanOrEqualTo(3);
    // Questions, by channel and outcome (web questions are logged within half a second).
    assertThat(get("/api/ask?q=" + encode("giá vàng hôm nay"), null).statusCode()).isEqualTo(200);
    Scrape logged =
        awaitScrape(
            s ->
                s.value("bot_questions_total", Map.of("channel", "web", "outcome", "unanswered"))
                    >= 1);
    assertThat(logged.value("bot_questions_total", Map.of("channel", "web", "outcome", "answered")))
        .isEqualTo(3);
    assertThat(
            logged.value("bot_questions_total", Map.of("channel", "web", "outcome", "unanswered")))
        .isEqualTo(1);
    assertThat(
            logged.value(
                "bot_questions_total", Map.of("channel", "telegram", "outcome", "curated")))
        .isZero();
    assertThat(logged.value("bot_question_log_dropped_total", Map.of())).isZero();
    // The JVM.
    assertThat(after.value("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
    assertThat(after.value("jvm_threads_live_threads", Map.of())).isPositive();
    assertThat(after.value("jvm_classes_loaded_classes", Map.of())).isPositive();
    assertThat(after.value("process_uptime_seconds", Map.of())).isPositive();
    assertThat(after.value("system_cpu_count", Map.of())).isPositive();
    assertThat(after.names()).anyMatch(name -> name.startsWith("jvm_gc_"));
    // The index and the outbox.
    long seeds;
    try (Stream<Path> files = Files.list(TestApps.SEEDS)) {
      seeds = files.count();
    }
    assertThat(after.value("bot_index_documents", Map.of())).isEqualTo(seeds);
    assertThat(after.value("bot_index_size_bytes", Map.of())).isPositive();
    assertThat(after.value("bot_index_lag", Map.of())).isZero();
    assertThat(after.labelValues("bot_outbox_messages", "status"))
        .contains("queued", "sending", "sent", "failed", "held");
    assertThat(after.value("bot_deliveries_total", Map.of("channel", "telegram")))
        .as("no Telegram message was sent yet")
        .isZero();

    // A Telegram answer refused once with 429, then delivered.
    assertThat(
            TelegramEndToEndTest.postUpdate(
                    http,
                    service.port(),
                    TelegramEndToEndTest.withText("tp bac kan co bao nhieu don vi hanh chinh", 1),
                    SECRET)
                .statusCode())
        .isEqualTo(200);
    api.next("sendMessage"); // refused with 429
    api.next("sendMessage"); // after retry_after: delivered
    Scrape delivered =
        awaitScrape(
            s ->
                s.value("bot_deliveries_total", Map.of("channel", "telegram", "outcome", "sent"))
                    >= 1);

    assertThat(
            delivered.value(
                "bot_deliveries_total", Map.of("channel", "telegram", "outcome", "rate_limited")))
        .isEqualTo(1);
    assertThat(
            delivered.value(
                "http_server_requests_seconds_count",
                Map.of("method", "POST", "route", "/telegram/webhook", "status", "200")))
        .isEqualTo(1);
  }

  @Test
  void withoutTheTokenOrWithAnotherTheAnswerIs401AndShowsNoMeter() throws Exception {
    start(Map.of("admin.token", ADMIN, "metrics.token", TOKEN));

    HttpResponse<String> none = get("/metrics", null);
    HttpResponse<String> wrong = get("/metrics", "Bearer " + TOKEN + "x");
    HttpResponse<String> admin = get("/metrics", "Bearer " + ADMIN);

    for (HttpResponse<String> refused : List.of(none, wrong, admin)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(refused.body()).contains("metrics token").doesNotContain("jvm_");
    }
    HttpResponse<String> right = get("/metrics", "Bearer " + TOKEN);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void theAdminTokenServesWhenNoMetricsTokenIsSet() throws Exception {
    start(Map.of("admin.token", ADMIN, "metrics.token", ""));

    assertThat(get("/metrics", "Bearer " + ADMIN).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
  }

  @Test
  void withNeitherTokenMetricsAreOff() throws Exception {
    start(Map.of("admin.token", "", "metrics.token", ""));

    HttpResponse<String> off = get("/metrics", "Bearer anything");

    assertThat(off.statusCode()).isEqualTo(404);
    assertThat(off.body()).contains("metrics are off");
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  Scrape scrape() throws Exception {
    HttpResponse<String> response = get("/metrics", "Bearer " + TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    return Scrape.parse(response.body());
  }

  /**
   * Scrapes until the condition holds (or 10 s pass): a request is timed when its response is done,
   * which may be just after the client has it.
   */
  Scrape awaitScrape(Predicate<Scrape> condition) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Scrape scrape = scrape();
    while (!condition.test(scrape) && System.nanoTime() < until) {
      Thread.sleep(20);
      scrape = scrape();
    }
    return scrape;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The samples of one scrape in the Prometheus text format. */
  record Scrape(List<Sample> samples) {
    record Sample(String name, Map<String, String> labels, double value) {}

    /** The sum of the samples named so whose labels include {@code labels}. */
    double value(String name, Map<String, String> labels) {
      List<Sample> matching =
          samples.stream()
              .filter(s -> s.name().equals(name))
              .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
              .toList();
      assertThat(matching).as("samples of %s with %s", name, labels).isNotEmpty();
      return matching.stream().mapToDouble(Sample::value).sum();
    }

    List<String> labelValues(String name, String label) {
      return samples.stream()
          .filter(s -> s.name().equals(name) && s.labels().containsKey(label))
          .map(s -> s.labels().get(label))
          .distinct()
          .toList();
    }

    List<String> names() {
      return samples.stream().map(Sample::name).distinct().toList();
    }

    static Scrape parse(String text) {
      List<Sample> samples = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
          i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.charAt(i) == '{') {
          i++;
          while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
              char c = line.charAt(j);
              if (c == '\\') {
                char next = line.charAt(++j);
                value.append(next == 'n' ? '\n' : next);
              } else {
                value.append(c);
              }
              j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
              i++;
            }
          }
          i++;
        }
        String[] rest = line.substring(i).strip().split(" ");
        samples.add(new Sample(name, labels, Double.parseDouble(rest[0])));
      }
      return new Scrape(samples);
    }
  }
}
