package vn.backancity.bot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import vn.backancity.bot.inbox.Inbox;

/**
 * {@code POST /telegram/webhook}: checks the secret token, parses the update, stores it in the
 * inbox (a repeat is recognized there and not stored again) and answers 200 once it is committed.
 * {@link TelegramUpdates} handles it from the inbox. Anything but 200 makes Telegram retry, so a
 * failure to store answers 500 and loses nothing.
 */
public final class TelegramWebhook {
  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);

  private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

  private final byte[] secret;
  // The reader holds the Update deserializer: readValue on the mapper looked it up on every call.
  private final ObjectReader updates;
  private final Inbox inbox;

  public TelegramWebhook(String secret, ObjectMapper json, Inbox inbox) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.updates = json.readerFor(Update.class);
    this.inbox = inbox;
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
    String body = ctx.body();
    try {
      update = updates.readValue(ctx.bodyAsBytes());
    } catch (IOException e) {
      ctx.status(400).json(Map.of("error", "malformed JSON"));
      return;
    }
    if (update == null || update.getUpdateId() == null) {
      ctx.status(400).json(Map.of("error", "not a Telegram update: no update_id"));
      return;
    }
    String key = String.valueOf(update.getUpdateId());
    if (!inbox.accept(TelegramUpdates.CHANNEL, key, chatKey(update), body)) {
      ctx.json(Map.of("ok", true, "duplicate", true));
      return;
    }
    // The same few bytes for every acknowledgement: no serializer needed per update.
    ctx.contentType(ContentType.APPLICATION_JSON).result(OK);
  }

  /**
   * The chat an update comes from, so that one chat's updates are handled in order; null when it
   * names none, or names it in a shape the handler will refuse anyway (a message without its chat:
   * the getters throw on what is missing). An inline query names none: it is answered on its own,
   * in no order with anything else, and must not wait behind a busy chat.
   */
  static String chatKey(Update update) {
    try {
      Long chat = null;
      if (update.hasMessage()) {
        chat = update.getMessage().getChatId();
      } else if (update.hasEditedMessage()) {
        chat = update.getEditedMessage().getChatId();
      } else if (update.hasCallbackQuery() && update.getCallbackQuery().getMessage() != null) {
        chat = update.getCallbackQuery().getMessage().getChatId();
      } else if (update.getMyChatMember() != null && update.getMyChatMember().getChat() != null) {
        chat = update.getMyChatMember().getChat().getId();
      }
      return chat == null ? null : String.valueOf(chat);
    } catch (RuntimeException incomplete) {
      return null;
    }
  }
}
