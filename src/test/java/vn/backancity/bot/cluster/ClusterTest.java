package vn.backancity.bot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.telegram.TelegramEndToEndTest;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.ServerProcess;
import vn.backancity.bot.testing.TestDatabases;

/**
 * Three server processes (real JVMs), each with its own data folder, on one PostgreSQL database,
 * requests spread over them round robin, against a fake Bot API that enforces Telegram's 30
 * messages a second. The sender role makes the limits hold for the cluster; the feed role makes one
 * instance poll; the article change feed brings every change to every index; killing the sender
 * mid-broadcast hands the role to another, which finishes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  static final int SUBSCRIBERS = 1000;
  static final double RATE = 29;
  static final int CONCURRENCY = 4;
  static final String TOKEN = "123:cluster";
  static final String SECRET = "cluster-secret";
  static final String ADMIN = "cluster-admin-token";
  static final Duration FEED_INTERVAL = Duration.ofSeconds(2);

  @TempDir static Path data;
  String databaseUrl;
  FakeBotApi api;
  HttpServer portal;
  final AtomicInteger feedFetches = new AtomicInteger();
  final AtomicInteger feedInFlight = new AtomicInteger();
  final AtomicInteger feedOverlap = new AtomicInteger();
  final List<ServerProcess> servers = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @BeforeAll
  void startCluster() throws Exception {
    databaseUrl = TestDatabases.newPostgresSchema(); // skipped without TEST_POSTGRES_URL
    api = new FakeBotApi().limit(30).quiet();
    portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    portal.createContext(
        "/rss",
        exchange -> {
          feedFetches.incrementAndGet();
          feedOverlap.accumulateAndGet(feedInFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(1500); // a slow portal: polls on several instances would overlap
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            feedInFlight.decrementAndGet();
          }
          byte[] body =
              ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                      + "<title>Cổng TTĐT</title><link>http://127.0.0.1/</link>"
                      + "<description>tin</description></channel></rss>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    portal.setExecutor(Executors.newCachedThreadPool());
    portal.start();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ports.add(ServerProcess.freePort());
    }
    for (int i = 0; i < 3; i++) {
      servers.add(server(i, ports.get(i)));
    }
    for (ServerProcess s : servers) {
      s.awaitUp();
    }
  }

  private ServerProcess server(int i, int port) throws Exception {
    return ServerProcess.start(
        data.resolve("instance-" + i),
        port,
        Map.of(
            "DATABASE_URL",
            databaseUrl,
            "TELEGRAM_BOT_TOKEN",
            TOKEN,
            "TELEGRAM_WEBHOOK_SECRET",
            SECRET,
            "TELEGRAM_API_URL",
            api.url(),
            "TELEGRAM_BOT_USERNAME",
            "BacKanCityBot",
            "ADMIN_TOKEN",
            ADMIN,
            "BOOTSTRAP_ARTICLES",
            "none",
            "FEED_URLS",
            "http://127.0.0.1:" + portal.getAddress().getPort() + "/rss"),
        Map.of(
            "delivery.rate",
            String.valueOf(RATE),
            "delivery.concurrency",
            String.valueOf(CONCURRENCY),
            "delivery.lease",
            "5s",
            "cluster.role-lease",
            "3s",
            // Idle workers look for work only every 10 s: quick answers show the wake-ups working.
            "delivery.poll",
            "10s",
            "feeds.interval",
            FEED_INTERVAL.toSeconds() + "s"),
        data.resolve("instance-" + i + ".log"));
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (ServerProcess s : servers) {
      s.close();
    }
    if (portal != null) {
      portal.stop(0);
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  @Order(1)
  void eachFeedIsFetchedOncePerIntervalByTheWholeCluster() throws Exception {
    long firstPoll = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (feedFetches.get() == 0 && System.nanoTime() < firstPoll) {
      Thread.sleep(50); // the first poll comes some seconds after the start
    }
    int before = feedFetches.get();
    long started = System.nanoTime();
    Thread.sleep(10_000);
    int fetches = feedFetches.get() - before;
    double intervals = (System.nanoTime() - started) / (double) FEED_INTERVAL.toNanos();
    System.out.printf(
        "Cluster: the feed was fetched %d times in %.1f intervals by 3 instances, at most %d at"
            + " once%n",
        fetches, intervals, feedOverlap.get());
    assertThat(feedOverlap).as("never fetched by two instances at once").hasValue(1);
    assertThat(fetches).as("once per interval").isBetween(2, (int) intervals + 1);
  }

  @Test
  @Order(2)
  void anArticlePublishedOnOneIsAnsweredOnAllAndADeletionOnAnotherReachesAll() throws Exception {
    String question = "Lễ hội Lồng tông năm 2026 tổ chức ở đâu?";
    for (ServerProcess s : servers) {
      assertThat(answers(s, question)).as("not answered before, and now cached").isEmpty();
    }
    HttpResponse<String> posted =
        new AdminClient(servers.get(0).port(), ADMIN)
            .send(
                "POST",
                "/api/admin/articles",
                "{\"id\":\"long-tong\",\"title\":\"Lễ hội Lồng tông 2026\",\"lead\":\"Lễ hội"
                    + " Lồng tông năm 2026 tổ chức tại sân vận động xã Dương Quang.\","
                    + "\"published_at\":\"2026-11-21T08:00:00+07:00\"}");
    assertThat(posted.statusCode()).isEqualTo(201);
    long published = System.nanoTime();
    long[] answeredAfter = new long[3];
    for (int i = 0; i < 3; i++) {
      ServerProcess s = servers.get(i);
      while (!answers(s, question).contains("long-tong")
          && System.nanoTime() - published < Duration.ofSeconds(2).toNanos()) {
        Thread.sleep(20);
      }
      assertThat(answers(s, question)).as("instance %d within 2 s", i).contains("long-tong");
      answeredAfter[i] = (System.nanoTime() - published) / 1_000_000;
    }

    assertThat(
            new AdminClient(servers.get(1).port(), ADMIN)
                .send("DELETE", "/api/admin/articles/long-tong", null)
                .statusCode())
        .isEqualTo(204);
    long deleted = System.nanoTime();
    long[] goneAfter = new long[3];
    for (int i = 0; i < 3; i++) {
      ServerProcess s = servers.get(i);
      while (answers(s, question).contains("long-tong")
          && System.nanoTime() - deleted < Duration.ofSeconds(2).toNanos()) {
        Thread.sleep(20);
      }
      assertThat(answers(s, question)).as("instance %d within 2 s", i).doesNotContain("long-tong");
      goneAfter[i] = (System.nanoTime() - deleted) / 1_000_000;
    }
    System.out.printf(
        "Cluster: published on the first, answered on each after %s ms; deleted on the second,"
            + " gone on each after %s ms%n",
        java.util.Arrays.toString(answeredAfter), java.util.Arrays.toString(goneAfter));
  }

  @Test
  @Order(3)
  void aQuestionThroughAnyInstanceIsAnsweredQuickly() throws Exception {
    String holder = holder("sender:telegram");
    long[] millis = new long[3];
    for (int i = 0; i < 3; i++) {
      long chat = 900_000_000L + i;
      String update =
          TelegramEndToEndTest.withText("tp bac kan co bao nhieu don vi hanh chinh", 9_000 + i)
              .replace(String.valueOf(TelegramEndToEndTest.LAN), String.valueOf(chat));
      long asked = System.nanoTime();
      assertThat(
              TelegramEndToEndTest.postUpdate(http, servers.get(i).port(), update, SECRET)
                  .statusCode())
          .isEqualTo(200);
      while (!api.delivered().containsKey(chat)
          && System.nanoTime() - asked < Duration.ofSeconds(5).toNanos()) {
        Thread.sleep(5);
      }
      assertThat(api.delivered()).as("answered through instance %d", i).containsKey(chat);
      millis[i] = (System.nanoTime() - asked) / 1_000_000;
    }
    System.out.printf(
        "Cluster: a question through each instance answered after %s ms (the sender is %s)%n",
        java.util.Arrays.toString(millis), holder);
    for (int i = 0; i < 3; i++) {
      assertThat(millis[i]).as("instance %d, woken, not polling", i).isLessThan(1_500);
    }
  }

  /** The ids of the articles an instance answers the question with. */
  private List<String> answers(ServerProcess s, String question) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + s.port()
                            + "/api/ask?q="
                            + URLEncoder.encode(question, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(r.body()).path("answers").forEach(a -> ids.add(a.path("id").asText()));
    return ids;
  }

  @Test
  @Order(4)
  void subscriptionsThroughAllThreeAndABroadcastKeepTheLimitAndSurviveTheSendersDeath()
      throws Exception {
    int earlier = api.deliveredTotal(); // answers to the tests before
    // 1,000 citizens subscribe, their updates spread round robin over the three instances.
    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Future<Integer>> acks = new ArrayList<>();
    for (int i = 0; i < SUBSCRIBERS; i++) {
      int n = i;
      acks.add(
          clients.submit(
              () -> {
                String update =
                    TelegramEndToEndTest.withText("/dangky", 5_000 + n)
                        .replace(String.valueOf(TelegramEndToEndTest.LAN), String.valueOf(chat(n)));
                return TelegramEndToEndTest.postUpdate(
                        http, servers.get(n % 3).port(), update, SECRET)
                    .statusCode();
              }));
    }
    for (Future<Integer> ack : acks) {
      assertThat(ack.get()).isEqualTo(200);
    }
    clients.shutdown();
    awaitDelivered(earlier + SUBSCRIBERS, Duration.ofSeconds(120));
    assertThat(api.delivered().keySet().stream().filter(c -> c >= chat(0) && c < chat(SUBSCRIBERS)))
        .as("every subscriber got its confirmation")
        .hasSize(SUBSCRIBERS);
    assertThat(api.rateLimitedAt()).as("no 429 from the replies of three instances").isEmpty();

    // One announcement to all of them, measured while one instance sends.
    AdminClient admin = new AdminClient(servers.get(1).port(), ADMIN);
    long id = admin.announce("{\"text\":\"Thông báo: mất điện khu vực phường Đức Xuân\"}");
    int start = earlier + SUBSCRIBERS;
    int half = start + SUBSCRIBERS / 2;
    awaitDelivered(half, Duration.ofSeconds(90));
    List<Long> accepted = api.acceptedAt();
    double rate = (half - start - 1) / ((accepted.get(half - 1) - accepted.get(start)) / 1e9);

    String holder = holder("sender:telegram");
    ServerProcess sender =
        servers.stream()
            .filter(s -> holder.startsWith(instanceId(s)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no instance holds the sender role: " + holder));
    int beforeKill = api.deliveredTotal() - start;
    sender.kill(); // SIGKILL mid-broadcast
    long killedAt = System.nanoTime();
    ServerProcess survivor = servers.stream().filter(s -> s != sender).findFirst().orElseThrow();

    JsonNode done =
        new AdminClient(survivor.port(), ADMIN)
            .awaitAnnouncement(
                id, a -> a.path("counts").path("queued").asInt() == 0, Duration.ofSeconds(90));
    double finishedAfter = (System.nanoTime() - killedAt) / 1e9;
    assertThat(done.path("counts").path("sent").asInt()).isEqualTo(SUBSCRIBERS);
    int got = 0;
    int twice = 0;
    for (Map.Entry<Long, List<String>> e : api.deliveredTexts().entrySet()) {
      long copies = e.getValue().stream().filter(t -> t.contains("Đức Xuân")).count();
      got += copies > 0 ? 1 : 0;
      twice += (int) Math.max(0, copies - 1);
    }
    System.out.printf(
        "Cluster: %d subscriptions through 3 instances, every confirmation delivered, 0 429s;"
            + " broadcast at %.2f messages/s (%.1f%% of %.0f/s) while one instance sent;"
            + " sender killed after %d, another finished %.1f s later: %d of %d got it, %d twice,"
            + " %d 429s%n",
        SUBSCRIBERS,
        rate,
        100 * rate / RATE,
        RATE,
        beforeKill,
        finishedAfter,
        got,
        SUBSCRIBERS,
        twice,
        api.rateLimitedAt().size());
    assertThat(rate).as("≥ 95%% of the configured rate").isGreaterThanOrEqualTo(0.95 * RATE);
    assertThat(got).as("nothing lost").isEqualTo(SUBSCRIBERS);
    assertThat(twice)
        .as("only messages in flight at the kill")
        .isLessThanOrEqualTo(CONCURRENCY * 2);
    assertThat(api.rateLimitedAt()).as("no 429 caused by the cluster").isEmpty();
  }

  private void awaitDelivered(int total, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (api.deliveredTotal() < total && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(api.deliveredTotal()).as("delivered in time").isGreaterThanOrEqualTo(total);
  }

  private String holder(String role) throws Exception {
    try (Connection c = DriverManager.getConnection(databaseUrl);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT holder FROM leases WHERE name = '" + role + "'")) {
      assertThat(rs.next()).as("the role %s exists", role).isTrue();
      return rs.getString(1);
    }
  }

  private String instanceId(ServerProcess s) {
    try {
      int i = servers.indexOf(s);
      return java.nio.file.Files.readString(data.resolve("instance-" + i).resolve("instance-id"))
          .strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static long chat(int i) {
    return 800_000_000L + i;
  }
}
