package vn.backancity.bot.zalo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls Zalo's OpenAPI: sends a text message to one user. An invalid access token (-216) is
 * refreshed once and the message retried.
 */
final class ZaloGateway {
  static final int INVALID_TOKEN = -216;
  static final String CS = "/v3.0/oa/message/cs";
  static final String TRANSACTION = "/v3.0/oa/message/transaction";

  private final String apiUrl;
  private final ZaloTokens tokens;
  private final HttpClient http;
  private final ObjectMapper json;

  /** What Zalo answered: error 0 is success; {@code error} null means no answer (network). */
  record Result(Integer error, String message) {
    boolean ok() {
      return error != null && error == 0;
    }
  }

  ZaloGateway(String apiUrl, ZaloTokens tokens, HttpClient http, ObjectMapper json) {
    this.apiUrl = apiUrl;
    this.tokens = tokens;
    this.http = http;
    this.json = json;
  }

  /** A consultation message (free within the reply window). */
  Result send(String userId, String text) {
    return send(CS, userId, text);
  }

  /** Sends through {@code path} (the free reply endpoint, or the paid one outside the window). */
  Result send(String path, String userId, String text) {
    try {
      String token = tokens.current();
      Result r = post(path, token, userId, text);
      if (r.error() != null && r.error() == INVALID_TOKEN) {
        r = post(path, tokens.afterRejection(token), userId, text);
      }
      return r;
    } catch (IOException e) {
      return new Result(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Result post(String path, String token, String userId, String text) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.putObject("recipient").put("user_id", userId);
    body.putObject("message").put("text", text);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .timeout(Duration.ofSeconds(20))
            .header("access_token", token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    json.writeValueAsString(body), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() >= 500) {
      return new Result(null, "HTTP " + response.statusCode());
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (IOException e) {
      return new Result(null, "unreadable answer, HTTP " + response.statusCode());
    }
    return new Result(answer.path("error").asInt(-1), answer.path("message").asText(""));
  }
}
