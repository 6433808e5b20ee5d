package vn.backancity.bot.zalo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Zalo OpenAPI and OAuth server on loopback: accepts messages sent with a valid access token
 * (-216 otherwise), and refreshes tokens with single-use refresh tokens, as Zalo does. It can be
 * told to stall after the headers of its answers, as a hung proxy or server does.
 */
public final class FakeZaloApi implements AutoCloseable {
  /**
   * One message received.
   *
   * @param quote the {@code message.quote_message_id} it carried, or null
   */
  public record Message(
      String token, String path, String userId, String text, String quote, List<Button> buttons) {
    public Message(String token, String path, String userId, String text, String quote) {
      this(token, path, userId, text, quote, List.of());
    }

    /** The payloads of the buttons, in order. */
    public List<String> payloads() {
      return buttons.stream().map(Button::payload).toList();
    }
  }

  /** A query button as Zalo received it. */
  public record Button(String title, String type, String payload) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(); // stalls hold threads
  private final ObjectMapper json = new ObjectMapper();
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final Set<String> validAccess = ConcurrentHashMap.newKeySet();
  private final Set<String> validRefresh = ConcurrentHashMap.newKeySet();
  private final List<String> refreshesSeen = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  volatile String appSecret = "app-secret";

  /** Answers to sends (or to refreshes) send their headers and half the body, then nothing. */
  volatile boolean stallSends;

  volatile boolean stallRefreshes;

  /** How long a refresh takes to answer, so that concurrent callers really overlap. */
  volatile long refreshDelayMillis;

  /** How long a send takes to answer (a slow Zalo). */
  volatile long sendDelayMillis;

  /** Messages that quote another are refused (as Zalo might refuse a quote it cannot find). */
  volatile boolean refuseQuotes;

  public FakeZaloApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void accept(String access, String refresh) {
    if (access != null) {
      validAccess.add(access);
    }
    if (refresh != null) {
      validRefresh.add(refresh);
    }
  }

  /** Every access token issued so far stops working (as when one expires). */
  void expireAccessTokens() {
    validAccess.clear();
  }

  List<String> refreshes() {
    return List.copyOf(refreshesSeen);
  }

  public Message next() throws InterruptedException {
    Message m = messages.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("the fake Zalo API received no message within 10 s");
    }
    return m;
  }

  /** The next message within {@code millis}, or null. */
  public Message poll(long millis) throws InterruptedException {
    return messages.poll(millis, TimeUnit.MILLISECONDS);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String answer;
      boolean stall;
      if (path.equals("/v4/oa/access_token")) {
        if (refreshDelayMillis > 0) {
          Thread.sleep(refreshDelayMillis);
        }
        answer = refresh(ex, body);
        stall = stallRefreshes;
      } else if (path.startsWith("/v3.0/oa/message/")) {
        if (sendDelayMillis > 0) {
          Thread.sleep(sendDelayMillis);
        }
        String token = ex.getRequestHeaders().getFirst("access_token");
        if (token == null || !validAccess.contains(token)) {
          answer = "{\"error\":-216,\"message\":\"Access token is invalid\"}";
        } else {
          JsonNode m = json.readTree(body);
          JsonNode quote = m.path("message").get("quote_message_id");
          String invalid = invalidAttachment(m.path("message"));
          if (quote != null && refuseQuotes) {
            answer = "{\"error\":-201,\"message\":\"quote_message_id is invalid\"}";
          } else if (invalid != null) {
            answer = "{\"error\":-201,\"message\":\"" + invalid + "\"}";
          } else {
            messages.add(
                new Message(
                    token,
                    path,
                    m.path("recipient").path("user_id").asText(),
                    m.path("message").path("text").asText(),
                    quote == null ? null : quote.asText(),
                    buttons(m.path("message"))));
            answer = "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"m1\"}}";
          }
        }
        stall = stallSends;
      } else {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      if (stall) {
        ex.getResponseBody().write(bytes, 0, bytes.length / 2);
        ex.getResponseBody().flush();
        closed.await(); // until the test ends
        return;
      }
      ex.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Why a message's attachment is not the query-button template, or null when it is fine (or there
   * is none): {"attachment": {"type": "template", "payload": {"buttons": [1-5 × {"title": 1-100
   * chars, "type": "oa.query.show" | "oa.query.hide", "payload": 1-1000 chars}]}}}, with a text.
   */
  static String invalidAttachment(JsonNode message) {
    JsonNode a = message.get("attachment");
    if (a == null) {
      return null;
    }
    if (!"template".equals(a.path("type").asText())) {
      return "attachment.type must be template";
    }
    if (message.path("text").asText("").isBlank()) {
      return "a message with buttons needs a text";
    }
    JsonNode buttons = a.path("payload").path("buttons");
    if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 5) {
      return "attachment.payload.buttons must hold 1 to 5 buttons";
    }
    for (JsonNode b : buttons) {
      String title = b.path("title").asText("");
      String type = b.path("type").asText("");
      JsonNode payload = b.path("payload");
      if (title.isBlank() || title.length() > 100) {
        return "button title must be 1-100 characters";
      }
      if (!type.equals("oa.query.show") && !type.equals("oa.query.hide")) {
        return "unexpected button type " + type;
      }
      if (!payload.isTextual() || payload.asText().isBlank() || payload.asText().length() > 1000) {
        return "a query button's payload is a string of 1-1000 characters";
      }
      if (b.size() != 3) {
        return "a button has title, type and payload only";
      }
    }
    return null;
  }

  private static List<Button> buttons(JsonNode message) {
    List<Button> out = new java.util.ArrayList<>();
    for (JsonNode b : message.path("attachment").path("payload").path("buttons")) {
      out.add(
          new Button(
              b.path("title").asText(), b.path("type").asText(), b.path("payload").asText()));
    }
    return List.copyOf(out);
  }

  private synchronized String refresh(HttpExchange ex, String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    String refresh = form.getOrDefault("refresh_token", "");
    refreshesSeen.add(refresh);
    if (!appSecret.equals(ex.getRequestHeaders().getFirst("secret_key"))
        || !"refresh_token".equals(form.get("grant_type"))
        || !validRefresh.remove(refresh)) { // single use
      return "{\"error\":-14014,\"error_name\":\"Invalid refresh token\"}";
    }
    int n = issued.incrementAndGet();
    String access = "access-" + n;
    String next = "refresh-" + n;
    validAccess.add(access);
    validRefresh.add(next);
    return "{\"access_token\":\""
        + access
        + "\",\"refresh_token\":\""
        + next
        + "\",\"expires_in\":\"90000\"}";
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
