package vn.backancity.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Telegram Bot API: a real HTTP server on loopback that records every method called and
 * answers like Telegram does, including 403 for chats marked as having blocked the bot, 429 with
 * retry_after over the rate limits, and 500 now and then when asked. Used by the tests and by the
 * broadcast benchmark (Telegram itself cannot be reached from here, nor flooded on purpose).
 */
public final class FakeBotApi implements AutoCloseable {
  /** One recorded call; {@code method} in lower case. */
  public record Call(String token, String method, JsonNode body) {
    public String text() {
      return body.path("text").asText();
    }

    public long chatId() {
      return body.path("chat_id").asLong();
    }
  }

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(8);
  private final ObjectMapper json = new ObjectMapper();
  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final Set<Long> blocked = ConcurrentHashMap.newKeySet();
  private final Map<Long, AtomicInteger> delivered = new ConcurrentHashMap<>();
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private final Map<Long, Long> lastPerChat = new ConcurrentHashMap<>();
  private final List<Long> rateLimitedAt = new CopyOnWriteArrayList<>();
  private final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
  private final AtomicInteger sends = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private volatile int perSecond = Integer.MAX_VALUE;
  private volatile boolean perChatLimit;
  private volatile int failEvery;
  private final AtomicInteger rateLimitNext = new AtomicInteger();
  private volatile int nextRetryAfter = 1;
  private final AtomicInteger failNext = new AtomicInteger();
  private final Map<Long, List<String>> texts = new ConcurrentHashMap<>();
  private volatile boolean recordCalls = true;

  public FakeBotApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /**
   * Enforces Telegram's limits as the real API does: more than {@code messages} sendMessage calls
   * in any one second, or two to one chat within a second, are answered 429 with retry_after 1.
   */
  public FakeBotApi limit(int messages) {
    this.perSecond = messages;
    this.perChatLimit = true;
    return this;
  }

  /** Answers every n-th sendMessage with 500 (nothing delivered). */
  public FakeBotApi failEvery(int n) {
    this.failEvery = n;
    return this;
  }

  /** Answers the next {@code n} sendMessage calls with 429 and retry_after {@code seconds}. */
  public FakeBotApi rateLimitNext(int n, int seconds) {
    this.nextRetryAfter = seconds;
    this.rateLimitNext.set(n);
    return this;
  }

  /** Answers the next {@code n} sendMessage calls with 500 (nothing delivered). */
  public FakeBotApi failNext(int n) {
    this.failNext.set(n);
    return this;
  }

  /**
   * Answers the next {@code n} calls of {@code method} (any case) with {@code status} and {@code
   * description}, as Telegram refuses a request it cannot carry out.
   */
  public FakeBotApi failMethodNext(String method, int n, int status, String description) {
    methodFailures.put(
        method.toLowerCase(java.util.Locale.ROOT),
        new Failure(new AtomicInteger(n), status, description));
    return this;
  }

  private record Failure(AtomicInteger left, int status, String description) {}

  private final Map<String, Failure> methodFailures = new ConcurrentHashMap<>();

  /** The texts delivered to each chat, in order. */
  public Map<Long, List<String>> deliveredTexts() {
    Map<Long, List<String>> out = new java.util.HashMap<>();
    texts.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /** Stops keeping calls for {@link #next} (for runs of many thousand messages). */
  public FakeBotApi quiet() {
    this.recordCalls = false;
    return this;
  }

  /** Messages delivered (answered 200) per chat. */
  public Map<Long, Integer> delivered() {
    Map<Long, Integer> out = new java.util.HashMap<>();
    delivered.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public int deliveredTotal() {
    return delivered.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** When (System.nanoTime) each 429 was answered. */
  public List<Long> rateLimitedAt() {
    return List.copyOf(rateLimitedAt);
  }

  /** When (System.nanoTime) each delivered message was accepted. */
  public List<Long> acceptedAt() {
    return List.copyOf(acceptedAt);
  }

  public int serverErrors() {
    return serverErrors.get();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers 403 "blocked by the user" to messages for this chat. */
  public void block(long chatId) {
    blocked.add(chatId);
  }

  /** The next call, waiting up to 10 s; fails when none comes. */
  public Call next() throws InterruptedException {
    Call call = calls.poll(10, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("the fake Bot API received no call within 10 s");
    }
    return call;
  }

  /** The next call of a method (any case), skipping others. */
  public Call next(String method) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      Call c = next();
      if (c.method().equalsIgnoreCase(method)) {
        return c;
      }
    }
    throw new AssertionError("no " + method + " call");
  }

  /** The next call of a method within {@code millis}, skipping others; null when none came. */
  public Call poll(String method, long millis) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (long left = millis;
        left > 0;
        left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
      Call c = calls.poll(left, TimeUnit.MILLISECONDS);
      if (c != null && c.method().equalsIgnoreCase(method)) {
        return c;
      }
    }
    return null;
  }

  /** Calls received so far and not yet taken. */
  public List<Call> drain() {
    List<Call> out = new ArrayList<>();
    calls.drainTo(out);
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String[] path = exchange.getRequestURI().getPath().split("/");
    // /bot<token>/<method>
    String token = path.length > 1 ? path[1].replaceFirst("^bot", "") : "";
    // Telegram takes method names in any case; telegrambots sends them in lower case.
    String method = path.length > 2 ? path[2].toLowerCase(java.util.Locale.ROOT) : "";
    byte[] raw = exchange.getRequestBody().readAllBytes();
    JsonNode body = parse(exchange, raw);
    if (recordCalls) {
      calls.add(new Call(token, method, body));
    }
    String answer;
    int status = 200;
    long chat = body.path("chat_id").asLong();
    Failure failure = methodFailures.get(method);
    if (failure != null && failure.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      status = failure.status();
      answer =
          json.createObjectNode()
              .put("ok", false)
              .put("error_code", failure.status())
              .put("description", failure.description())
              .toString();
    } else if (method.equals("sendmessage")
        && rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      int after = nextRetryAfter;
      rateLimitedAt.add(System.nanoTime());
      status = 429;
      answer =
          "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
              + after
              + "\",\"parameters\":{\"retry_after\":"
              + after
              + "}}";
    } else if (method.equals("sendmessage") && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      status = 500;
      serverErrors.incrementAndGet();
      answer = "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}";
    } else if (method.equals("sendmessage") && !admit(chat)) {
      status = 429;
      answer =
          "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
              + "\"parameters\":{\"retry_after\":1}}";
    } else if (method.equals("sendmessage")
        && failEvery > 0
        && sends.incrementAndGet() % failEvery == 0) {
      status = 500;
      serverErrors.incrementAndGet();
      answer = "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}";
    } else if (method.equals("sendmessage") && blocked.contains(chat)) {
      status = 403;
      answer =
          "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}";
    } else {
      if (method.equals("sendmessage")) {
        delivered.computeIfAbsent(chat, c -> new AtomicInteger()).incrementAndGet();
        texts
            .computeIfAbsent(chat, c -> new CopyOnWriteArrayList<>())
            .add(body.path("text").asText());
        acceptedAt.add(System.nanoTime());
      }
      answer =
          switch (method) {
            case "sendmessage" ->
                "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1763700000,\"chat\":{\"id\":"
                    + body.path("chat_id").asLong()
                    + ",\"type\":\"private\"},\"text\":\"ok\"}}";
            case "getme" ->
                "{\"ok\":true,\"result\":{\"id\":8000000001,\"is_bot\":true,\"first_name\":\"Bắc Kạn\","
                    + "\"username\":\"BacKanCityBot\"}}";
            default -> "{\"ok\":true,\"result\":true}";
          };
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Counts the call against the limits; false when it exceeds them. */
  private synchronized boolean admit(long chat) {
    long now = System.nanoTime();
    long second = 1_000_000_000L;
    while (!window.isEmpty() && window.peekFirst() <= now - second) {
      window.pollFirst();
    }
    Long last = lastPerChat.get(chat);
    if (window.size() >= perSecond || (perChatLimit && last != null && now - last < second)) {
      rateLimitedAt.add(now);
      return false;
    }
    window.addLast(now);
    lastPerChat.put(chat, now);
    return true;
  }

  private JsonNode parse(HttpExchange exchange, byte[] raw) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String text = new String(raw, StandardCharsets.UTF_8);
    if (type != null && type.contains("x-www-form-urlencoded")) {
      var node = json.createObjectNode();
      for (String pair : text.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2) {
          node.put(
              URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
              URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
      }
      return node;
    }
    if (type != null && type.contains("multipart/form-data")) {
      // setWebhook is sent as a form that could carry a certificate: its fields, as text.
      var node = json.createObjectNode();
      String boundary = "--" + type.replaceFirst(".*boundary=\"?([^\";]+)\"?.*", "$1");
      for (String part : text.split(java.util.regex.Pattern.quote(boundary))) {
        java.util.regex.Matcher name =
            java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(part);
        int body = part.indexOf("\r\n\r\n");
        if (name.find() && body >= 0) {
          node.put(name.group(1), part.substring(body + 4).replaceFirst("\r\n$", ""));
        }
      }
      return node;
    }
    return text.isBlank() ? json.createObjectNode() : json.readTree(text);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
