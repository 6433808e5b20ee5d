package vn.backancity.bot.telegram;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import vn.backancity.bot.chat.SeenUpdates;

/**
 * {@code POST /telegram/webhook}: checks the secret token, parses the update, drops repeats, hands
 * it to {@link TelegramUpdates} on a worker and answers 200 at once (Telegram retries anything
 * else).
 */
public final class TelegramWebhook {
  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);

  private final byte[] secret;
  private final ObjectMapper json;
  private final SeenUpdates seen;
  private final TelegramUpdates updates;
  private final Executor workers;

  public TelegramWebhook(
      String secret,
      ObjectMapper json,
      SeenUpdates seen,
      TelegramUpdates updates,
      Executor workers) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.json = json;
    this.seen = seen;
    this.updates = updates;
    this.workers = workers;
  }

  public void handle(Context ctx) {
    String given = ctx.header(SECRET_HEADER);
    if (given == null || given.isEmpty()) {
      ctx.status(401).json(Map.of("error", "missing secret token"));
      return;
    }
    // Constant-time: the comparison must not tell an attacker how much of a guess was right.
    if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
      log.warn("Telegram webhook call with a wrong secret token from {}", ctx.ip());
      ctx.status(403).json(Map.of("error", "wrong secret token"));
      return;
    }
    Update update;
    try {
      update = json.readValue(ctx.bodyAsBytes(), Update.class);
    } catch (JacksonException e) {
      ctx.status(400).json(Map.of("error", "malformed JSON"));
      return;
    } catch (java.io.IOException e) {
      ctx.status(400).json(Map.of("error", "unreadable body"));
      return;
    }
    if (update == null || update.getUpdateId() == null) {
      ctx.status(400).json(Map.of("error", "not a Telegram update: no update_id"));
      return;
    }
    String key = String.valueOf(update.getUpdateId());
    if (!seen.firstTime(TelegramUpdates.CHANNEL, key)) {
      ctx.json(Map.of("ok", true, "duplicate", true));
      return;
    }
    try {
      workers.execute(() -> updates.handle(update));
    } catch (RejectedExecutionException e) {
      seen.forget(TelegramUpdates.CHANNEL, key); // so that Telegram's retry is taken
      ctx.status(503).json(Map.of("error", "busy, retry later"));
      return;
    }
    ctx.json(Map.of("ok", true));
  }
}
