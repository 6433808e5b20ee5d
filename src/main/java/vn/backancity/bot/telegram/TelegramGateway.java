package vn.backancity.bot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.description.SetMyDescription;
import org.telegram.telegrambots.meta.api.methods.description.SetMyShortDescription;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultsButton;
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
            .linkPreviewOptions(preview(message.previewUrl()));
    if (message.keyboard() != null) {
      send.replyMarkup(message.keyboard());
    }
    if (paid) {
      send.allowPaidBroadcast(true);
    }
    call(() -> client.execute(send.build()));
  }

  /**
   * Link preview options for one message (Bot API 7.0): none, or a large preview of {@code url}
   * (the picture of the page it points to, when the page names one).
   */
  static LinkPreviewOptions preview(String url) {
    return url == null
        ? LinkPreviewOptions.builder().isDisabled(true).build()
        : LinkPreviewOptions.builder().urlField(url).preferLargeMedia(true).build();
  }

  /**
   * Answers an inline query with articles to pick; {@code button} (may be null) opens a private
   * chat with the bot above the results.
   *
   * @param cacheSeconds how long Telegram may serve the same results to the same user for the same
   *     query text
   */
  void answerInline(
      String queryId,
      List<InlineQueryResult> results,
      InlineQueryResultsButton button,
      int cacheSeconds)
      throws TelegramFailure {
    AnswerInlineQuery.AnswerInlineQueryBuilder<?, ?> answer =
        AnswerInlineQuery.builder()
            .inlineQueryId(queryId)
            .results(results)
            .cacheTime(cacheSeconds)
            // Always personal: results follow the asker's language, and Telegram's shared cache
            // is keyed by the query text alone, so a Vietnamese answer cached for one user would
            // be served to an English-speaking user typing the same text (and the reverse).
            .isPersonal(true);
    if (button != null) {
      answer.button(button);
    }
    call(() -> client.execute(answer.build()));
  }

  /**
   * Sets the command menu, the description (shown in an empty chat) and the short description (on
   * the profile and in shared links) for users of a language, or for everyone else when {@code
   * languageCode} is null.
   */
  public void setProfile(
      String languageCode, List<BotCommand> commands, String description, String about)
      throws TelegramFailure {
    call(
        () ->
            client.execute(
                SetMyCommands.builder()
                    .commands(commands)
                    .scope(new BotCommandScopeDefault())
                    .languageCode(languageCode)
                    .build()));
    call(
        () ->
            client.execute(
                SetMyDescription.builder()
                    .description(description)
                    .languageCode(languageCode)
                    .build()));
    call(
        () ->
            client.execute(
                SetMyShortDescription.builder()
                    .shortDescription(about)
                    .languageCode(languageCode)
                    .build()));
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
                        List.of("message", "callback_query", "my_chat_member", "inline_query"))
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
