package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.TcpProxy;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/** /health, /health/live and /health/ready over real HTTP, for a load balancer. */
class HealthCheckTest {
  @TempDir Path data;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final List<AutoCloseable> open = new ArrayList<>();
  Service service;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  void start(Map<String, Object> settings) throws Exception {
    App app = TestApps.withSeeds(data, settings);
    open.add(app);
    service = Service.start(app, "127.0.0.1");
    open.add(service);
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
  }

  /** Asks until the answer satisfies {@code wanted}, for at most {@code within}. */
  HttpResponse<String> until(String path, Predicate<HttpResponse<String>> wanted, Duration within)
      throws Exception {
    long end = System.nanoTime() + within.toNanos();
    HttpResponse<String> r = get(path);
    while (!wanted.test(r) && System.nanoTime() < end) {
      Thread.sleep(100);
      r = get(path);
    }
    return r;
  }

  @Test
  void liveAndReadyAnswer200AndHealthShowsTheRolesThisInstanceHolds() throws Exception {
    FakeBotApi api = new FakeBotApi();
    open.add(api);
    start(
        Map.of(
            "telegram.token", "123456:TEST-token_value",
            "telegram.webhook-secret", "s3cret",
            "telegram.api-url", api.url(),
            "telegram.bot-username", "BacKanCityBot"));

    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(json(live).path("status").asText()).isEqualTo("live");
    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).path("status").asText()).isEqualTo("ready");

    JsonNode health = json(get("/health"));
    List<String> roles = new ArrayList<>();
    health.path("roles").forEach(r -> roles.add(r.asText()));
    // The only instance on its database takes every role at its start.
    assertThat(roles).containsExactlyInAnyOrder("sender:telegram", "scheduler");
    assertThat(roles).isEqualTo(service.heldRoles());
    assertThat(health.path("index_lag").isNumber()).as("the change feed reports it").isTrue();
    assertThat(health.path("index_lag").asLong()).isZero();
  }

  @Test
  void readyIs503WithAReasonWhileThePostgresqlServerIsGoneAndLiveStays200() throws Exception {
    String url = TestDatabases.newPostgresSchema();
    URI target = URI.create(url.substring("jdbc:".length()));
    TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
    open.add(proxy);
    String throughProxy =
        url.replace(
            "//" + target.getHost() + ":" + target.getPort() + "/",
            "//127.0.0.1:" + proxy.port() + "/");
    assertThat(throughProxy).isNotEqualTo(url);
    start(Map.of("database.url", throughProxy));
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);

    proxy.stop(); // every connection to the database dropped, new ones refused

    HttpResponse<String> down = until("/health/ready", r -> r.statusCode() == 503, ofSeconds(10));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(json(down).path("status").asText()).isEqualTo("not ready");
    assertThat(json(down).path("reason").asText()).startsWith("database");
    long asked = System.nanoTime();
    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
    asked = System.nanoTime();
    assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - asked))
        .as("a dead database costs the caller at most the probe's timeout")
        .isLessThan(Duration.ofSeconds(3));

    proxy.start();

    assertThat(until("/health/ready", r -> r.statusCode() == 200, ofSeconds(40)).statusCode())
        .isEqualTo(200);
  }

  static Duration ofSeconds(long s) {
    return Duration.ofSeconds(s);
  }
}
