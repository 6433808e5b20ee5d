package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/**
 * The per-client limit on the public endpoints, over real HTTP from several loopback addresses
 * (127.0.0.1, .2 and .3 are different peers to the server), on a frozen clock: the count within the
 * minute is exact, and time moves only when the test says so.
 */
class PublicRateLimitTest {
  static final String ADMIN = "limit-admin-token";
  static final String PROXY = "127.0.0.3";
  static final List<String> PUBLIC =
      List.of("/api/ask?q=abc", "/", "/articles/004_c117ae27e64cf347", "/tin-moi");

  @TempDir static Path data;
  static MutableClock clock;
  static App app;
  static Service service;

  @BeforeAll
  static void start() throws Exception {
    clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));
    app =
        App.open(
            TestApps.settings(
                data,
                Map.of(
                    "admin.token",
                    ADMIN,
                    "limits.public-per-minute",
                    120,
                    "limits.trusted-proxies",
                    PROXY)),
            clock);
    app.bootstrapIfEmpty();
    service = Service.start(app, "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    service.close();
    app.close();
  }

  static HttpClient from(String address) throws Exception {
    return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
  }

  static HttpResponse<String> send(HttpClient client, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(HttpClient client, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Spends a client's whole minute on the public endpoints; none of it may be refused. */
  static void spendTheMinute(HttpClient client, String... headers) throws Exception {
    for (int i = 0; i < 120; i++) {
      String path = PUBLIC.get(i % PUBLIC.size());
      assertThat(send(client, path, headers).statusCode())
          .as("request %d, %s", i + 1, path)
          .isNotEqualTo(429);
    }
  }

  @Test
  void theRequestAfterAMinutesWorthIs429WithRetryAfterAndOtherClientsGoOn() throws Exception {
    HttpClient one = from("127.0.0.1");
    HttpClient two = from("127.0.0.2");
    spendTheMinute(one);

    HttpResponse<String> refused = send(one, "/api/ask?q=abc");
    HttpResponse<String> page = send(one, "/");
    HttpResponse<String> spoofed = send(one, "/api/ask?q=abc", "X-Forwarded-For", "198.51.100.77");

    assertThat(refused.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    JsonNode body = app.json().readTree(refused.body());
    assertThat(body.path("error").asText()).contains("Bạn gửi quá nhiều yêu cầu");
    assertThat(body.path("retry_after").asLong()).isEqualTo(retryAfter);
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.body()).contains("lang=\"vi\"").contains("Bạn gửi quá nhiều yêu cầu");
    // The peer is no proxy of ours: what it says about the client is not believed.
    assertThat(spoofed.statusCode()).isEqualTo(429);
    // Asking a person from the web is a public route too.
    assertThat(post(one, "/api/handoff").statusCode()).isEqualTo(429);
    assertThat(send(one, "/api/handoff/BK7Q2M").statusCode()).isEqualTo(429);

    assertThat(send(two, "/api/ask?q=abc").statusCode()).isEqualTo(200);
    // Not public endpoints: never limited by this.
    assertThat(send(one, "/health").statusCode()).isEqualTo(200);
    assertThat(send(one, "/api/admin/overview", "Authorization", "Bearer " + ADMIN).statusCode())
        .isEqualTo(200);
    assertThat(post(one, "/telegram/webhook").statusCode()).isEqualTo(404); // channel off
    assertThat(post(one, "/zalo/webhook").statusCode()).isEqualTo(404);

    clock.advance(Duration.ofSeconds(retryAfter));
    assertThat(send(one, "/api/ask?q=abc").statusCode()).isEqualTo(200);
  }

  @Test
  void forwardedForIsBelievedFromATrustedProxyRightmostUntrustedAddressFirst() throws Exception {
    HttpClient proxy = from(PROXY);
    spendTheMinute(proxy, "X-Forwarded-For", "198.51.100.1");

    assertThat(send(proxy, "/tin-moi", "X-Forwarded-For", "198.51.100.1").statusCode())
        .isEqualTo(429);
    // Another client behind the same proxy has its own minute.
    assertThat(send(proxy, "/tin-moi", "X-Forwarded-For", "198.51.100.2").statusCode())
        .isEqualTo(200);
    // The client wrote the left part itself; the proxy appended the address it saw.
    assertThat(send(proxy, "/tin-moi", "X-Forwarded-For", "203.0.113.9, 198.51.100.1").statusCode())
        .isEqualTo(429);
    assertThat(send(proxy, "/tin-moi", "X-Forwarded-For", "198.51.100.1, " + PROXY).statusCode())
        .isEqualTo(429);
  }
}
