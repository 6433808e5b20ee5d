package vn.backancity.bot.telegram;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultsButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.web.Html;

/**
 * Telegram's inline mode: "@BotName câu hỏi" typed in any chat lists the answers as articles to
 * pick, ranked as in a private chat; the one picked is posted in that chat "via @BotName", so that
 * an answer can be shared in a family or ward group. An empty query lists the latest articles.
 *
 * <p>Answered at once through the gateway, never through the outbox: a query can be answered only
 * for about ten seconds, and a late answer is worth nothing, so a failed one is logged and not
 * tried again. Telegram keeps the results for {@link #CACHE_SECONDS} for the user who typed the
 * text, not for everyone: they are in that user's language.
 */
final class InlineAnswers {
  private static final Logger log = LoggerFactory.getLogger(InlineAnswers.class);

  /** Telegram's own limit; a longer query is a forged update and gets no search. */
  static final int MAX_QUERY = 256;

  static final int MAX_RESULTS = 5;
  static final int CACHE_SECONDS = 300;
  private static final int MAX_TITLE = 100;
  private static final int MAX_DESCRIPTION = 150;
  // The private chat opened from the button above empty results starts with "/start inline".
  static final String START_PARAMETER = "inline";

  private final ChatBot bot;
  private final TelegramGateway gateway;

  InlineAnswers(ChatBot bot, TelegramGateway gateway) {
    this.bot = bot;
    this.gateway = gateway;
  }

  void answer(InlineQuery query) {
    String text = query.getQuery() == null ? "" : query.getQuery();
    Language lang = Language.of(query.getFrom() == null ? null : query.getFrom().getLanguageCode());
    List<InlineQueryResult> results =
        text.length() > MAX_QUERY
            ? List.of()
            : results(bot.shareable(text, MAX_RESULTS, lang), lang);
    // Nothing to pick: offer the private chat, where the bot can say why and help.
    InlineQueryResultsButton button =
        results.isEmpty()
            ? InlineQueryResultsButton.builder()
                .text(Messages.INLINE_ASK_IN_PRIVATE.in(lang))
                .startParameter(START_PARAMETER)
                .build()
            : null;
    try {
      gateway.answerInline(query.getId(), results, button, CACHE_SECONDS);
    } catch (TelegramFailure e) {
      log.info("Telegram answerInlineQuery failed: {} {}", e.code(), e.getMessage());
    }
  }

  /** The results for a reply: one article per answer or latest article; none otherwise. */
  static List<InlineQueryResult> results(Reply reply, Language lang) {
    List<InlineQueryResult> results = new ArrayList<>();
    if (reply instanceof Reply.Answers a) {
      for (Answer answer : a.answers()) {
        String excerpt = answer.excerpt().strip();
        String title = answer.curated() ? "✅ " + answer.title() : answer.title();
        results.add(
            article(
                results.size() + 1,
                answer.articleId(),
                title,
                TelegramFormatter.shorten(excerpt, MAX_DESCRIPTION),
                TelegramFormatter.block(answer, 0, lang),
                answer.link(),
                TelegramFormatter.copyRows(excerpt),
                lang));
      }
    } else if (reply instanceof Reply.Latest l) {
      for (Reply.Latest.Item item : l.items()) {
        String date =
            item.publishedAt() == null ? "" : TelegramFormatter.DATE.format(item.publishedAt());
        String html =
            "<b>"
                + Html.escape(TelegramFormatter.shorten(item.title(), 300))
                + "</b>"
                + (date.isEmpty() ? "" : "\n📅 " + date)
                + "\n🔗 <a href=\""
                + Html.escape(item.link())
                + "\">"
                + Messages.READ.in(lang)
                + "</a>";
        results.add(
            article(
                results.size() + 1,
                item.link(),
                item.title(),
                date.isEmpty() ? "" : "📅 " + date,
                html,
                item.link(),
                List.of(),
                lang));
      }
    }
    return results;
  }

  private static InlineQueryResultArticle article(
      int position,
      String key,
      String title,
      String description,
      String html,
      String link,
      List<InlineKeyboardRow> copyRows,
      Language lang) {
    List<InlineKeyboardRow> rows = new ArrayList<>();
    if (TelegramFormatter.isPublicLink(link)) {
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder().text(Messages.READ.in(lang)).url(link).build()));
    }
    rows.addAll(copyRows);
    InlineQueryResultArticle.InlineQueryResultArticleBuilder<?, ?> result =
        InlineQueryResultArticle.builder()
            // 1-64 bytes, unique among the results: the position and a short hash of the article.
            .id(position + "-" + TelegramFormatter.questionId(key))
            .title(TelegramFormatter.shorten(title, MAX_TITLE))
            .inputMessageContent(
                InputTextMessageContent.builder()
                    .messageText(html)
                    .parseMode("HTML")
                    .linkPreviewOptions(TelegramGateway.preview(null))
                    .build());
    if (!description.isEmpty()) {
      result.description(description);
    }
    if (!rows.isEmpty()) {
      result.replyMarkup(new InlineKeyboardMarkup(rows));
    }
    return result.build();
  }
}
