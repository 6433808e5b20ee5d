package vn.backancity.bot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import vn.backancity.bot.config.TelegramSettings;

/**
 * Calls the Bot API through telegrambots-client, at the configured base URL (Telegram's, or a fake
 * one in tests and local runs). Errors it raises never contain the token.
 */
public final class TelegramGateway {
  private final OkHttpTelegramClient client;
  private final String token;

  public TelegramGateway(TelegramSettings settings, ObjectMapper json) {
    this.token = settings.token();
    URI api = URI.create(settings.apiUrl());
    int port = api.getPort() != -1 ? api.getPort() : "http".equals(api.getScheme()) ? 80 : 443;
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(20))
            .callTimeout(Duration.ofSeconds(30))
            .build();
    this.client =
        new OkHttpTelegramClient(
            json, http, token, new TelegramUrl(api.getScheme(), api.getHost(), port, false));
  }

  /** Sends one HTML message. */
  void send(long chatId, TelegramMessage message) throws TelegramFailure {
    send(chatId, message, false);
  }

  /** Sends one HTML message; {@code paid}: with allow_paid_broadcast (over 30 messages/s). */
  void send(long chatId, TelegramMessage message, boolean paid) throws TelegramFailure {
    SendMessage.SendMessageBuilder<?, ?> send =
        SendMessage.builder()
            .chatId(chatId)
            .text(message.html())
            .parseMode("HTML")
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
    if (message.keyboard() != null) {
      send.replyMarkup(message.keyboard());
    }
    if (paid) {
      send.allowPaidBroadcast(true);
    }
    call(() -> client.execute(send.build()));
  }

  /** Stops the button's spinner; {@code text} (may be null) shows as a short notice. */
  void answerCallback(String callbackId, String text) throws TelegramFailure {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer =
        AnswerCallbackQuery.builder().callbackQueryId(callbackId);
    if (text != null) {
      answer.text(text);
    }
    call(() -> client.execute(answer.build()));
  }

  /** Registers the webhook with its secret token. */
  public void setWebhook(String url, String secret) throws TelegramFailure {
    call(
        () ->
            client.execute(
                SetWebhook.builder()
                    .url(url)
                    .secretToken(secret)
                    .allowedUpdates(
                        java.util.List.of("message", "callback_query", "my_chat_member"))
                    .build()));
  }

  /** The bot's @username, from getMe. */
  String username() throws TelegramFailure {
    return call(() -> client.execute(new GetMe())).getUserName();
  }

  private interface ApiCall<T> {
    T run() throws TelegramApiException;
  }

  private <T> T call(ApiCall<T> call) throws TelegramFailure {
    try {
      return call.run();
    } catch (TelegramApiRequestException e) {
      Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
      throw new TelegramFailure(
          e.getErrorCode() == null ? 0 : e.getErrorCode(), redact(e.getMessage()), retryAfter);
    } catch (TelegramApiException e) {
      throw new TelegramFailure(0, redact(describe(e)), null);
    }
  }

  private static String describe(Throwable e) {
    StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      s.append(": ").append(c.getClass().getSimpleName()).append(" ").append(c.getMessage());
    }
    return s.toString();
  }

  /** Removes the token from text that may quote a request URL. */
  String redact(String text) {
    return text == null || token.isEmpty() ? text : text.replace(token, "<token>");
  }
}
