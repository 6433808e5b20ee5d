package vn.backancity.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Calls a running server's admin API over real HTTP. */
public final class AdminClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;
  private final String token;

  public AdminClient(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  public HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The answers of {@code GET /api/ask?q=} (the public route, asked like the web chat does). */
  public JsonNode ask(String question) throws Exception {
    HttpResponse<String> r =
        send("GET", "/api/ask?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8), null);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /api/ask: " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  public JsonNode json(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  /** Posts an announcement and returns its id; fails unless the answer is 201. */
  public long announce(String body) throws Exception {
    HttpResponse<String> r = send("POST", "/api/admin/announcements", body);
    if (r.statusCode() != 201) {
      throw new AssertionError("POST announcement: " + r.statusCode() + " " + r.body());
    }
    return json(r).path("id").asLong();
  }

  public JsonNode announcement(long id) throws Exception {
    return json(send("GET", "/api/admin/announcements/" + id, null));
  }

  /** Polls an announcement until {@code done} holds; fails after {@code timeout}. */
  public JsonNode awaitAnnouncement(long id, Predicate<JsonNode> done, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = announcement(id);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("announcement " + id + " not done within " + timeout + ": " + last);
  }
}
