package vn.backancity.bot.zalo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls Zalo's OpenAPI: sends a text message to one user. An invalid access token (-216) is
 * refreshed once and the message retried.
 *
 * <p>Every send has a {@link Deadline} covering all its calls, bodies included (OkHttp's call
 * timeout, set to what is left of it; the JDK HttpClient's timeouts stop at the headers,
 * JDK-8208693). A send that outlived the outbox's lease on its row would be sent again by another
 * worker while still in flight: the deadline is kept well under the lease ({@link #deadlineFor}).
 */
final class ZaloGateway {
  static final int INVALID_TOKEN = -216;
  static final String CS = "/v3.0/oa/message/cs";
  static final String TRANSACTION = "/v3.0/oa/message/transaction";

  /** The most one message may take, when the outbox's lease allows it. */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String apiUrl;
  private final ZaloTokens tokens;
  private final OkHttpClient http;
  private final ObjectMapper json;
  private final Duration deadline;

  /** What Zalo answered: error 0 is success; {@code error} null means no answer (network). */
  record Result(Integer error, String message) {
    boolean ok() {
      return error != null && error == 0;
    }
  }

  ZaloGateway(
      String apiUrl, ZaloTokens tokens, OkHttpClient http, ObjectMapper json, Duration deadline) {
    this.apiUrl = apiUrl;
    this.tokens = tokens;
    this.http = http;
    this.json = json;
    this.deadline = deadline;
  }

  /**
   * The deadline of one message under an outbox lease: {@link #DEADLINE}, or half the lease when
   * that is shorter, so that a stalled send ends (and is retried later) while its row is still
   * ours.
   */
  static Duration deadlineFor(Duration lease) {
    Duration half = lease.dividedBy(2);
    return half.compareTo(DEADLINE) < 0 ? half : DEADLINE;
  }

  /** A new deadline for one message (all its parts). */
  Deadline newDeadline() {
    return Deadline.after(deadline);
  }

  /** A consultation message (free within the reply window), with a deadline of its own. */
  Result send(String userId, String text) {
    return send(CS, userId, text, newDeadline());
  }

  /** Sends through {@code path} (the free reply endpoint, or the paid one outside the window). */
  Result send(String path, String userId, String text, Deadline by) {
    return send(path, userId, text, null, by);
  }

  /**
   * Sends through {@code path}, quoting the user's message {@code quoteId} ({@code
   * message.quote_message_id}, the {@code msg_id} of its webhook event) when it is not null.
   */
  Result send(String path, String userId, String text, String quoteId, Deadline by) {
    return send(path, userId, new ZaloMessage(text), quoteId, by);
  }

  /** As above, with the message's buttons, if any, as a template attachment. */
  Result send(String path, String userId, ZaloMessage text, String quoteId, Deadline by) {
    try {
      String token = tokens.current(by);
      Result r = post(path, token, userId, text, quoteId, by);
      if (r.error() != null && r.error() == INVALID_TOKEN) {
        r = post(path, tokens.afterRejection(token, by), userId, text, quoteId, by);
      }
      return r;
    } catch (InterruptedIOException e) {
      return new Result(null, by.expired());
    } catch (IOException e) {
      return new Result(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Result post(
      String path, String token, String userId, ZaloMessage text, String quoteId, Deadline by)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    body.putObject("recipient").put("user_id", userId);
    ObjectNode message = body.putObject("message").put("text", text.text());
    if (quoteId != null) {
      message.put("quote_message_id", quoteId);
    }
    if (!text.buttons().isEmpty()) {
      // Text with query buttons: {"text", "attachment": {"type": "template", "payload":
      // {"buttons": [{"title", "type": "oa.query.show" | "oa.query.hide", "payload": "…"}]}}}.
      // The shape as documented for OA consultation messages by eSMS's Zalo API pages and used by
      // independent clients; see the README's Zalo section.
      var buttons =
          message
              .putObject("attachment")
              .put("type", "template")
              .putObject("payload")
              .putArray("buttons");
      for (ZaloMessage.Button b : text.buttons()) {
        buttons
            .addObject()
            .put("title", b.title())
            .put("type", b.type())
            .put("payload", b.payload());
      }
    }
    Request request =
        new Request.Builder()
            .url(apiUrl + path)
            .header("access_token", token)
            .post(RequestBody.create(json.writeValueAsString(body), JSON))
            .build();
    Call call = http.newCall(request);
    call.timeout().timeout(by.nanosLeft(), TimeUnit.NANOSECONDS);
    int status;
    String answerText;
    try (Response response = call.execute()) {
      status = response.code();
      answerText = response.body().string();
    }
    if (status >= 500) {
      return new Result(null, "HTTP " + status);
    }
    JsonNode answer;
    try {
      answer = json.readTree(answerText);
    } catch (IOException e) {
      return new Result(null, "unreadable answer, HTTP " + status);
    }
    return new Result(answer.path("error").asInt(-1), answer.path("message").asText(""));
  }
}
