package vn.backancity.bot.zalo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.inbox.Inbox;

/**
 * {@code POST /zalo/webhook}: checks {@code X-ZEvent-Signature} ("mac=" + hex SHA-256 of app_id +
 * raw body + timestamp + OA secret key, compared in constant time), refuses stale or foreign events
 * with 401 before anything is processed, stores the event in the inbox (a repeat is recognized
 * there and not stored again) and answers 200 once it is committed; {@link ZaloEvents} handles it
 * from the inbox.
 */
public final class ZaloWebhook {
  public static final String SIGNATURE_HEADER = "X-ZEvent-Signature";
  private static final Logger log = LoggerFactory.getLogger(ZaloWebhook.class);

  private final String appId;
  private final byte[] oaSecret;
  private final Duration maxAge;
  private final ObjectMapper json;
  private final Inbox inbox;
  private final Clock clock;

  ZaloWebhook(
      String appId, String oaSecret, Duration maxAge, ObjectMapper json, Inbox inbox, Clock clock) {
    this.appId = appId;
    this.oaSecret = oaSecret.getBytes(StandardCharsets.UTF_8);
    this.maxAge = maxAge;
    this.json = json;
    this.inbox = inbox;
    this.clock = clock;
  }

  public void handle(Context ctx) {
    String signature = ctx.header(SIGNATURE_HEADER);
    if (signature == null || signature.isBlank()) {
      ctx.status(401).json(Map.of("error", "missing signature"));
      return;
    }
    byte[] raw = ctx.bodyAsBytes();
    JsonNode event;
    try {
      event = json.readTree(raw);
    } catch (IOException e) {
      ctx.status(400).json(Map.of("error", "malformed JSON"));
      return;
    }
    if (event == null || !event.isObject()) {
      ctx.status(400).json(Map.of("error", "not a Zalo event"));
      return;
    }
    String eventApp = event.path("app_id").asText("");
    String timestamp = event.path("timestamp").asText("");
    byte[] expected = expectedSignature(eventApp, raw, timestamp);
    byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      log.warn("Zalo webhook call with a bad signature from {}", ctx.ip());
      ctx.status(401).json(Map.of("error", "bad signature"));
      return;
    }
    if (!eventApp.equals(appId)) {
      ctx.status(401).json(Map.of("error", "event for another app"));
      return;
    }
    long at;
    try {
      at = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      ctx.status(400).json(Map.of("error", "timestamp is not a number"));
      return;
    }
    if (Math.abs(clock.millis() - at) > maxAge.toMillis()) {
      log.warn("Zalo event refused: timestamp {} is more than {} away", at, maxAge);
      ctx.status(401).json(Map.of("error", "stale event"));
      return;
    }
    String key = key(event, timestamp);
    if (!inbox.accept(
        ZaloSender.CHANNEL, key, chatKey(event), new String(raw, StandardCharsets.UTF_8))) {
      ctx.json(Map.of("ok", true, "duplicate", true));
      return;
    }
    ctx.json(Map.of("ok", true));
  }

  /** A message's msg_id; for other events, what happened to whom and when. */
  private static String key(JsonNode event, String timestamp) {
    String msgId = event.path("message").path("msg_id").asText("");
    if (!msgId.isEmpty()) {
      return "msg:" + msgId;
    }
    String who =
        event.path("follower").path("id").asText(event.path("sender").path("id").asText(""));
    String key = event.path("event_name").asText("") + ":" + who + ":" + timestamp;
    return key.length() > 128 ? key.substring(0, 128) : key;
  }

  private byte[] expectedSignature(String eventApp, byte[] raw, String timestamp) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(eventApp.getBytes(StandardCharsets.UTF_8));
      sha.update(raw);
      sha.update(timestamp.getBytes(StandardCharsets.UTF_8));
      sha.update(oaSecret);
      return ("mac=" + HexFormat.of().formatHex(sha.digest())).getBytes(StandardCharsets.UTF_8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The user an event comes from, so that one user's events are handled in order; or null. */
  static String chatKey(JsonNode event) {
    String user = event.path("sender").path("id").asText("");
    if (user.isEmpty()) {
      user = event.path("follower").path("id").asText("");
    }
    return user.isEmpty() ? null : user;
  }
}
