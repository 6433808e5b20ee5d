package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.telegram.TelegramWebhook;
import vn.backancity.bot.testing.TestApps;

/**
 * When every web search permit is taken (a flood of new questions), /api/ask refuses new searches
 * with 503 and Retry-After, still serves cached answers, and Telegram users are still answered.
 */
class BusySearchTest {
  static final String SECRET = "busy-secret";

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    app =
        TestApps.withSeeds(
            data,
            Map.of(
                "search.max-concurrent",
                2,
                "telegram.token",
                "123456:BUSY-token",
                "telegram.webhook-secret",
                SECRET,
                "telegram.api-url",
                api.url(),
                "telegram.bot-username",
                "BacKanCityBot"));
    service = Service.start(app, "127.0.0.1");
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    api.close();
  }

  HttpResponse<String> ask(String question) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + service.port()
                        + "/api/ask?q="
                        + URLEncoder.encode(question, StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void newWebSearchesAre503WhileTheWebsPermitsAreTakenCachedAnswersAndTelegramAreNot()
      throws Exception {
    String known = "Khu di tích Nà Pậu ở đâu?";
    assertThat(ask(known).statusCode()).isEqualTo(200); // now cached

    app.webSearches().acquire(2); // as two slow searches would
    HttpResponse<String> busy = ask("nông thôn mới");
    HttpResponse<String> cached = ask(known);
    String update;
    try (InputStream in = getClass().getResourceAsStream("/telegram/message-text.json")) {
      update = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    HttpResponse<String> webhook =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/telegram/webhook"))
                .header(TelegramWebhook.SECRET_HEADER, SECRET)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(app.json().readTree(busy.body()).path("error").asText()).contains("đang bận");
    assertThat(cached.statusCode()).isEqualTo(200);
    assertThat(cached.body()).contains("003_8df7fe491330b25b");
    assertThat(webhook.statusCode()).isEqualTo(200);
    assertThat(api.next("sendMessage").text()).contains("đơn vị hành chính");

    app.webSearches().release(2);
    assertThat(ask("nông thôn mới").statusCode()).isEqualTo(200);
  }
}
