package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/**
 * Black box: thousands of mutated Telegram updates and signed Zalo events (truncated, bytes
 * flipped, values of the wrong type, huge strings, deep nesting, unknown kinds, wrong or missing
 * secrets) go to a real server whose platform APIs are fakes on loopback. Whatever comes in, the
 * answer is never a 5xx (which the platforms would retry for a day), and /health still answers.
 * Seeded: a failure names the seed and the case, and repeats.
 */
class WebhookFuzzTest {
  static final long SEED = Long.getLong("fuzz.seed", 20261121L);
  static final int CASES = 2_000;
  static final int MAX_BODY = 1024 * 1024; // server.max-body-bytes
  static final String BOT_TOKEN = "123456:FUZZ-token";
  static final String SECRET = "fuzz-Secret_1";
  static final String APP_ID = "3816424597181927345";
  static final String OA_SECRET = "fuzz-oa-secret";
  static final ObjectMapper json = new ObjectMapper();
  static final List<String> KINDS =
      List.of(
          "business_message",
          "message_reaction",
          "chat_boost",
          "purchased_paid_media",
          "poll",
          "x",
          "");

  @TempDir Path data;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void mutatedWebhookCallsNeverGetA5xx(String vendor) throws Exception {
    Map<String, Object> settings = new java.util.HashMap<>();
    if (vendor.equals("postgresql")) {
      settings.put("database.url", TestDatabases.newPostgresSchema());
    }
    List<String> telegram = fixtures("telegram");
    List<String> zalo = fixtures("zalo");
    assertThat(telegram).hasSizeGreaterThanOrEqualTo(8);
    assertThat(zalo).hasSizeGreaterThanOrEqualTo(4);
    try (FakeBotApi botApi = new FakeBotApi().quiet();
        FakeZalo zaloApi = new FakeZalo()) {
      settings.putAll(
          Map.of(
              "telegram.token",
              BOT_TOKEN,
              "telegram.webhook-secret",
              SECRET,
              "telegram.api-url",
              botApi.url(),
              "telegram.bot-username",
              "BacKanCityBot",
              "zalo.app-id",
              APP_ID,
              "zalo.oa-secret",
              OA_SECRET,
              "zalo.access-token",
              "fuzz-access",
              "zalo.api-url",
              zaloApi.url(),
              "zalo.oauth-url",
              zaloApi.url()));
      try (App app = TestApps.withSeeds(data, settings);
          Service service = Service.start(app, "127.0.0.1")) {
        String base = "http://127.0.0.1:" + service.port();
        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(SEED);
        // One time for every event: fresh enough, and repeats stay repeats (cheap to refuse).
        String now = String.valueOf(System.currentTimeMillis());
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
          calls.add(telegramCall(base, telegram.get(random.nextInt(telegram.size())), random, i));
          calls.add(zaloCall(base, zalo.get(random.nextInt(zalo.size())), random, i, now));
        }
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger cutOff = new AtomicInteger(); // oversized calls refused while still sending
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
          List<Future<?>> sent = new ArrayList<>();
          for (Call call : calls) {
            sent.add(
                senders.submit(
                    () -> {
                      HttpResponse<String> r;
                      try {
                        r = http.send(call.request(), HttpResponse.BodyHandlers.ofString());
                      } catch (java.io.IOException e) {
                        // A body over the limit may be refused before it is read: the server
                        // answers 413 and closes while the client is still sending.
                        if (call.oversized()) {
                          cutOff.incrementAndGet();
                        } else {
                          failures.add("no answer (" + e + ") for " + call.what());
                        }
                        return null;
                      }
                      answered.incrementAndGet();
                      if (r.statusCode() >= 500) {
                        failures.add(r.statusCode() + " for " + call.what() + ": " + r.body());
                      }
                      return null;
                    }));
          }
          for (Future<?> f : sent) {
            f.get();
          }
        } finally {
          senders.shutdownNow();
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(answered.get() + cutOff.get()).as("every call ended").isEqualTo(2 * CASES);
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("ok");
      }
    }
  }

  record Call(HttpRequest request, String what, boolean oversized) {}

  static Call telegramCall(String base, String fixture, Random r, int i) throws Exception {
    Mutated body = mutate(fixture, r, "update_id", i);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/telegram/webhook"))
            .header("Content-Type", r.nextInt(10) == 0 ? "text/plain" : "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    int secret = r.nextInt(20);
    int longSecret = 1 + r.nextInt(20_000);
    String what = "telegram #" + i + " " + body.how();
    if (secret == 0) {
      what += ", no secret";
    } else if (secret == 1) {
      request.header("X-Telegram-Bot-Api-Secret-Token", SECRET + "x");
      what += ", wrong secret";
    } else if (secret == 2) {
      request.header("X-Telegram-Bot-Api-Secret-Token", "s".repeat(longSecret));
      what += ", long secret";
    } else {
      request.header("X-Telegram-Bot-Api-Secret-Token", SECRET);
    }
    // Over Jetty's 8 KB of request headers, the request may be refused before it is read.
    boolean oversized = body.bytes().length > MAX_BODY || (secret == 2 && longSecret > 8_000);
    return new Call(request.build(), what, oversized);
  }

  static Call zaloCall(String base, String fixture, Random r, int i, String now) throws Exception {
    // A fresh event first (now, for our app, sometimes a new msg_id), then the mutation, then the
    // signature over the bytes as sent: most calls get past the signature to the parsing behind.
    ObjectNode event = (ObjectNode) json.readTree(fixture);
    event.put("timestamp", now);
    if (r.nextInt(10) == 0 && event.path("message").isObject()) {
      ((ObjectNode) event.get("message")).put("msg_id", "fuzz-" + i);
    }
    Mutated body = mutate(json.writeValueAsString(event), r, "timestamp", i);
    String signature = sign(body.bytes());
    String what = "zalo #" + i + " " + body.how();
    int kind = r.nextInt(20);
    if (kind == 0) {
      signature = null;
      what += ", unsigned";
    } else if (kind == 1) {
      signature = "mac=" + "0".repeat(64);
      what += ", bad signature";
    } else if (kind == 2) {
      signature = signature.toUpperCase();
      what += ", upper-case signature";
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/zalo/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (signature != null) {
      request.header("X-ZEvent-Signature", signature);
    }
    return new Call(request.build(), what, body.bytes().length > MAX_BODY);
  }

  /** The README's signature: hex SHA-256 of app_id + body + timestamp + OA secret, as parsed. */
  static String sign(byte[] body) throws Exception {
    String appId = "";
    String timestamp = "";
    try {
      JsonNode tree = json.readTree(body);
      if (tree != null) {
        appId = tree.path("app_id").asText("");
        timestamp = tree.path("timestamp").asText("");
      }
    } catch (Exception unparsable) {
      // signed as if both were missing: the server cannot read them either
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(appId.getBytes(StandardCharsets.UTF_8));
    sha.update(body);
    sha.update(timestamp.getBytes(StandardCharsets.UTF_8));
    sha.update(OA_SECRET.getBytes(StandardCharsets.UTF_8));
    return "mac=" + HexFormat.of().formatHex(sha.digest());
  }

  record Mutated(byte[] bytes, String how) {}

  /** One random mutation of a fixture; {@code idField} is the field that makes it new. */
  static Mutated mutate(String fixture, Random r, String idField, int i) throws Exception {
    byte[] raw = fixture.getBytes(StandardCharsets.UTF_8);
    switch (r.nextInt(12)) {
      case 0 -> {
        int cut = r.nextInt(raw.length);
        return new Mutated(java.util.Arrays.copyOf(raw, cut), "truncated at " + cut);
      }
      case 1 -> {
        byte[] flipped = raw.clone();
        int n = 1 + r.nextInt(8);
        for (int k = 0; k < n; k++) {
          flipped[r.nextInt(flipped.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return new Mutated(flipped, n + " bits flipped");
      }
      case 2, 3 -> {
        JsonNode tree = json.readTree(fixture);
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode parent = containers.get(r.nextInt(containers.size()));
        String how = retype(parent, r);
        return new Mutated(json.writeValueAsBytes(tree), "wrong type: " + how);
      }
      case 4 -> {
        JsonNode tree = json.readTree(fixture);
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode parent = containers.get(r.nextInt(containers.size()));
        // Mostly under the body limit (parsed), sometimes over it (refused with 413).
        int size = r.nextInt(16) == 0 ? MAX_BODY + r.nextInt(100_000) : r.nextInt(100_000);
        String huge = hugeString(r, size);
        set(parent, r, JsonNodeFactory.instance.textNode(huge));
        return new Mutated(json.writeValueAsBytes(tree), "huge string of " + size);
      }
      case 5 -> {
        int depth = 1 + r.nextInt(20_000);
        boolean arrays = r.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested =
            "{\""
                + idField
                + "\":"
                + (900_000_000 + i)
                + ",\"message\":"
                + open.repeat(depth)
                + "1"
                + close.repeat(depth)
                + "}";
        return new Mutated(nested.getBytes(StandardCharsets.UTF_8), "nested " + depth + " deep");
      }
      case 6 -> {
        ObjectNode tree = (ObjectNode) json.readTree(fixture);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        names.remove(idField);
        String kind = KINDS.get(r.nextInt(KINDS.size()));
        if (!names.isEmpty()) {
          String old = names.get(r.nextInt(names.size()));
          tree.set(kind, tree.remove(old));
        } else {
          tree.put(kind, 1);
        }
        if (tree.has("update_id")) {
          tree.put("update_id", 800_000_000 + i); // new, so that it goes past the repeat check
        }
        return new Mutated(json.writeValueAsBytes(tree), "unknown kind '" + kind + "'");
      }
      case 7 -> {
        List<String> odd =
            List.of(
                "",
                " ",
                "null",
                "[]",
                "{}",
                "42",
                "\"x\"",
                "true",
                "[{}]",
                "{\"a\":1}x",
                "\uFEFF{}");
        String body = odd.get(r.nextInt(odd.size()));
        return new Mutated(body.getBytes(StandardCharsets.UTF_8), "odd body '" + body + "'");
      }
      case 8 -> {
        ObjectNode tree = (ObjectNode) json.readTree(fixture);
        List<String> numbers =
            List.of(
                "1e400", "-1", "0", "9223372036854775808", "-9223372036854775809", "1.5", "NaN");
        String value = numbers.get(r.nextInt(numbers.size()));
        String text = json.writeValueAsString(tree);
        String replaced =
            text.replaceFirst("\"" + idField + "\":\"?[0-9]+\"?", "\"" + idField + "\":" + value);
        return new Mutated(replaced.getBytes(StandardCharsets.UTF_8), idField + "=" + value);
      }
      case 9 -> {
        JsonNode tree = json.readTree(fixture);
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        int removed = 0;
        for (JsonNode c : containers) {
          if (c instanceof ObjectNode o && o.size() > 0 && r.nextInt(3) == 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            o.remove(names.get(r.nextInt(names.size())));
            removed++;
          }
        }
        return new Mutated(json.writeValueAsBytes(tree), removed + " fields dropped");
      }
      case 10 -> {
        // Text from the outside world: control characters, lone surrogates, markup, RTL marks.
        String nasty =
            List.of("\u0000", "\uD800", "<b>", "&amp;", "\u202E", "😀".repeat(500), "/start@x /tim")
                .get(r.nextInt(7));
        String text = fixture.replaceFirst("\"text\":\"", "\"text\":\"" + escape(nasty));
        if (r.nextInt(4) == 0) { // a new update now and then: each costs a real search
          text =
              text.replaceFirst(
                  "\"" + idField + "\":\"?[0-9]+", "\"" + idField + "\":\"" + (700_000_000 + i));
        }
        return new Mutated(text.getBytes(StandardCharsets.UTF_8), "odd text");
      }
      default -> {
        return new Mutated(raw, "unchanged");
      }
    }
  }

  static String escape(String s) throws Exception {
    String quoted = json.writeValueAsString(s);
    return quoted.substring(1, quoted.length() - 1).replace("\\", "\\\\").replace("$", "\\$");
  }

  static String hugeString(Random r, int size) {
    String words = "tin tức thành phố Bắc Kạn nông thôn mới " + r.nextInt(1000) + " ";
    return words.repeat(size / words.length() + 1).substring(0, size);
  }

  static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode() && node.size() > 0) {
      containers.add(node);
      node.elements().forEachRemaining(child -> collect(child, containers));
    }
  }

  /** Replaces one value of a container with one of another type. */
  static String retype(JsonNode parent, Random r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<JsonNode> values =
        List.of(
            f.nullNode(),
            f.booleanNode(r.nextBoolean()),
            f.numberNode(r.nextLong()),
            f.numberNode(Integer.MIN_VALUE),
            f.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
            f.numberNode(r.nextDouble() * 1e300),
            f.textNode("x"),
            f.textNode(""),
            f.arrayNode().add(1).add("a"),
            f.objectNode().put("a", 1),
            f.arrayNode());
    JsonNode value = values.get(r.nextInt(values.size()));
    return set(parent, r, value) + " = " + value.getNodeType();
  }

  static String set(JsonNode parent, Random r, JsonNode value) {
    if (parent instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(r.nextInt(names.size()));
      o.set(name, value);
      return name;
    }
    ArrayNode a = (ArrayNode) parent;
    int index = r.nextInt(a.size());
    a.set(index, value);
    return "[" + index + "]";
  }

  /** The fixtures from the shared folder and the test resources, each once. */
  static List<String> fixtures(String channel) throws Exception {
    Set<String> bodies = new LinkedHashSet<>();
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of(WebhookFuzzTest.class.getResource("/" + channel).toURI()));
    String shared = System.getProperty("shared.dir");
    if (shared != null) {
      dirs.add(Path.of(shared, "fixtures", channel));
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          bodies.add(json.readTree(Files.readString(file)).toString());
        }
      }
    }
    return List.copyOf(bodies);
  }

  /** Zalo's OpenAPI and OAuth, agreeing to everything: the fuzz is about our side. */
  static final class FakeZalo implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    FakeZalo() throws Exception {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          ex -> {
            try (ex) {
              ex.getRequestBody().readAllBytes();
              String body =
                  ex.getRequestURI().getPath().contains("access_token")
                      ? "{\"access_token\":\"fuzz-access\",\"refresh_token\":\"fuzz-refresh\","
                          + "\"expires_in\":\"90000\"}"
                      : "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"m\"}}";
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              ex.getResponseHeaders().add("Content-Type", "application/json");
              ex.sendResponseHeaders(200, bytes.length);
              ex.getResponseBody().write(bytes);
            }
          });
      server.setExecutor(pool);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
