package vn.backancity.bot.telegram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.CopyTextButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.chat.Copyable;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.web.Html;

/**
 * Renders replies as Telegram HTML: every piece of text escaped (a question with "&lt;b&gt;" or
 * "&amp;" cannot break sendMessage), matched words in bold, long excerpts in expandable quotes,
 * messages split under Telegram's 4096 characters, "Đọc bài" and "Xem thêm" buttons, a copy button
 * for each phone number or lookup code shown ({@link Copyable}). Link previews are off, except on
 * pushed messages, which preview their first link.
 */
final class TelegramFormatter {
  static final int LIMIT = 4096;
  static final String MORE_PREFIX = "more:";
  static final String SETTING_PREFIX = "set:";
  static final String VOTE_PREFIX = "vote:";
  static final String SEND_PREFIX = "ann:send:";
  static final String CANCEL_PREFIX = "ann:cancel:";
  static final String HANDOFF_PREFIX = "handoff:";
  static final String SEND_URGENT_PREFIX = "ann:urgent:";
  // "pick:<question id>:<article key>": 22 bytes, well under the 64 allowed.
  static final String PICK_PREFIX = "pick:";
  private static final int MAX_QUESTION = 200;
  private static final int MAX_TITLE = 300;
  private static final int MAX_EXCERPT = 800;
  // Longer than about three lines on a phone: collapsed in an expandable quote.
  static final int EXPANDABLE_FROM = 200;
  private static final int MAX_BUTTON = 40;
  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(PublishedDates.VIETNAM);

  List<TelegramMessage> render(Reply reply) {
    return render(reply, Language.VI);
  }

  /** The reply with the bot's own words (headers, buttons) in {@code lang}. */
  List<TelegramMessage> render(Reply reply, Language lang) {
    return switch (reply) {
      case Reply.Text t -> plain(t.text());
      case Reply.NotFound n -> notFound(n, lang);
      case Reply.Answers a -> answers(a, lang);
      case Reply.Latest l -> latest(l, lang);
      case Reply.Bulletin b -> bulletin(b, lang);
      case Reply.Settings st -> settings(st);
      case Reply.Preview p -> preview(p, lang);
      case Reply.Suggestions s -> suggestions(s, lang);
      case Reply.Choices c -> choices(c, lang);
    };
  }

  /** The first line of an answers message; the question is read back from it for "Xem thêm". */
  static String header(String question) {
    return header(question, Language.VI);
  }

  static String header(String question, Language lang) {
    return "🔎 " + Messages.ANSWERS_HEADER.in(lang) + " " + shorten(question, MAX_QUESTION);
  }

  /** The question in an answers message's first line, or null when it is not one. */
  static String questionIn(String messageText) {
    if (messageText == null) {
      return null;
    }
    String first = messageText.split("\n", 2)[0];
    for (Language lang : Language.values()) {
      String header = Messages.ANSWERS_HEADER.in(lang);
      int at = first.indexOf(header);
      if (at >= 0) {
        String question = first.substring(at + header.length()).strip();
        return question.isEmpty() || question.endsWith("…") ? null : question;
      }
    }
    return null;
  }

  /** A short stable id of a question for callback data (64 bytes at most). */
  static String questionId(String question) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(question.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<TelegramMessage> answers(Reply.Answers a, Language lang) {
    List<String> blocks = new ArrayList<>();
    blocks.add(Html.escape(header(a.question(), lang)));
    if (lang != Language.VI) {
      // Once per answer, in its first message: what follows is quoted from Vietnamese articles.
      blocks.add("<i>ℹ " + Html.escape(Messages.ANSWER_NOTE.in(lang)) + "</i>");
    }
    int number = a.offset() + 1;
    InlineKeyboardRow reads = new InlineKeyboardRow();
    StringBuilder shown = new StringBuilder();
    for (Answer answer : a.answers()) {
      blocks.add(block(answer, number, lang));
      shown.append(excerpt(answer)).append('\n');
      addRead(reads, answer, number, lang);
      number++;
    }
    List<InlineKeyboardRow> rows = new ArrayList<>();
    if (!reads.isEmpty()) {
      rows.add(reads);
    }
    rows.addAll(copyRows(shown.toString()));
    if (a.questionId() > 0) {
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(Messages.HELPFUL.in(lang))
                  .callbackData(VOTE_PREFIX + a.questionId() + ":up")
                  .build(),
              InlineKeyboardButton.builder()
                  .text(Messages.NOT_HELPFUL.in(lang))
                  .callbackData(VOTE_PREFIX + a.questionId() + ":down")
                  .build()));
    }
    if (a.more()) {
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(Messages.MORE.in(lang) + " ▸")
                  .callbackData(MORE_PREFIX + questionId(a.question()) + ":" + (a.page() + 1))
                  .build()));
    }
    return pack(blocks, keyboard(rows));
  }

  /**
   * One answer as HTML: its title (numbered unless {@code number} is 0), date, excerpt (in an
   * expandable quote when long) and link. Also what an inline result sends into a chat.
   */
  static String block(Answer answer, int number, Language lang) {
    StringBuilder b = new StringBuilder();
    // The city's own answer is marked as such and carries no article date.
    String title = answer.curated() ? "✅ " + answer.title() : answer.title();
    b.append("<b>");
    if (number > 0) {
      b.append(number).append(". ");
    }
    b.append(Html.escape(shorten(title, MAX_TITLE))).append("</b>");
    if (answer.publishedAt() != null && !answer.curated()) {
      b.append("\n📅 ").append(DATE.format(answer.publishedAt()));
    }
    b.append("\n");
    b.append(quoted(excerpt(answer).length(), highlighted(answer)));
    if (answer.placesChangedOn() != null) {
      b.append("\nℹ️ <i>")
          .append(Html.escape(Messages.placesChanged(lang, answer.placesChangedOn())))
          .append("</i>");
    }
    if (answer.link() != null) {
      b.append("\n🔗 <a href=\"")
          .append(Html.escape(answer.link()))
          .append("\">")
          .append(Messages.READ.in(lang))
          .append("</a>");
    }
    return b.toString();
  }

  /**
   * Text of {@code length} characters shown as it is when short, or in a quote collapsed to its
   * first lines with a tap to expand when long (Bot API 7.4), so that a page of answers stays
   * readable.
   */
  static String quoted(int length, String html) {
    return length > EXPANDABLE_FROM ? "<blockquote expandable>" + html + "</blockquote>" : html;
  }

  /**
   * A copy button (Bot API 7.11) for each phone number and lookup code in the text shown, two to a
   * row.
   */
  static List<InlineKeyboardRow> copyRows(String shown) {
    List<InlineKeyboardRow> rows = new ArrayList<>();
    InlineKeyboardRow row = new InlineKeyboardRow();
    for (Copyable value : Copyable.in(shown)) {
      row.add(
          InlineKeyboardButton.builder()
              .text("📋 " + shorten(value.label(), MAX_BUTTON))
              .copyText(CopyTextButton.builder().text(value.text()).build())
              .build());
      if (row.size() == 2) {
        rows.add(row);
        row = new InlineKeyboardRow();
      }
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static InlineKeyboardMarkup keyboard(List<InlineKeyboardRow> rows) {
    return rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
  }

  /** "Không tìm thấy", with "Hỏi cán bộ" to send the question to the staff when it was logged. */
  private List<TelegramMessage> notFound(Reply.NotFound n, Language lang) {
    if (n.questionId() <= 0) {
      return plain(Messages.NOT_FOUND.in(lang));
    }
    InlineKeyboardRow ask =
        new InlineKeyboardRow(
            InlineKeyboardButton.builder()
                .text(Messages.ASK_STAFF.in(lang))
                .callbackData(HANDOFF_PREFIX + n.questionId())
                .build());
    return pack(
        List.of(
            Html.escape(Messages.NOT_FOUND.in(lang)), Html.escape(Messages.HANDOFF_OFFER.in(lang))),
        new InlineKeyboardMarkup(List.of(ask)));
  }

  /**
   * No sure answer: at most two articles, each labelled "Có thể liên quan", with "Hỏi cán bộ" when
   * the question was logged.
   */
  private List<TelegramMessage> suggestions(Reply.Suggestions s, Language lang) {
    List<String> blocks = new ArrayList<>();
    blocks.add(Html.escape(Messages.SUGGESTIONS_HEADER.in(lang)));
    InlineKeyboardRow reads = new InlineKeyboardRow();
    int number = 1;
    for (Answer answer : s.suggestions()) {
      blocks.add(
          "❔ <i>"
              + Html.escape(Messages.POSSIBLY_RELATED.in(lang))
              + "</i>\n"
              + block(answer, number, lang));
      addRead(reads, answer, number, lang);
      number++;
    }
    List<InlineKeyboardRow> rows = new ArrayList<>();
    if (!reads.isEmpty()) {
      rows.add(reads);
    }
    if (s.questionId() > 0) {
      blocks.add(Html.escape(Messages.HANDOFF_OFFER.in(lang)));
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(Messages.ASK_STAFF.in(lang))
                  .callbackData(HANDOFF_PREFIX + s.questionId())
                  .build()));
    }
    return pack(blocks, keyboard(rows));
  }

  /** A "Đọc bài N" button for the answer, when its link is one a button may carry. */
  private static void addRead(InlineKeyboardRow reads, Answer answer, int number, Language lang) {
    if (isPublicLink(answer.link())) {
      reads.add(
          InlineKeyboardButton.builder()
              .text(Messages.READ.in(lang) + " " + number)
              .url(answer.link())
              .build());
    }
  }

  /** An ask-back: the options' titles, one button each; the button gives that full answer. */
  private List<TelegramMessage> choices(Reply.Choices c, Language lang) {
    List<String> blocks = new ArrayList<>();
    blocks.add(Html.escape(header(c.question(), lang)));
    blocks.add(Html.escape(Messages.CHOICES_HEADER.in(lang)));
    List<InlineKeyboardRow> rows = new ArrayList<>();
    int number = 1;
    for (Answer option : c.options()) {
      blocks.add(number + ". <b>" + Html.escape(shorten(option.title(), MAX_TITLE)) + "</b>");
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(number + ". " + shorten(option.title(), MAX_BUTTON))
                  .callbackData(pickData(c.question(), option))
                  .build()));
      number++;
    }
    return pack(blocks, keyboard(rows));
  }

  /** The callback data of an ask-back option. */
  static String pickData(String question, Answer option) {
    return PICK_PREFIX + questionId(question) + ":" + Reply.Choices.key(option);
  }

  private List<TelegramMessage> latest(Reply.Latest l, Language lang) {
    List<String> blocks = new ArrayList<>();
    blocks.add("<b>" + Html.escape(Messages.LATEST_HEADER.in(lang)) + "</b>");
    int n = 1;
    for (Reply.Latest.Item item : l.items()) {
      String date = item.publishedAt() == null ? "" : " (" + DATE.format(item.publishedAt()) + ")";
      blocks.add(
          n++
              + ". <a href=\""
              + Html.escape(item.link())
              + "\">"
              + Html.escape(shorten(item.title(), MAX_TITLE))
              + "</a>"
              + Html.escape(date));
    }
    return pack(blocks, null);
  }

  private List<TelegramMessage> bulletin(Reply.Bulletin b, Language lang) {
    List<String> blocks = new ArrayList<>();
    StringBuilder shown = new StringBuilder();
    blocks.add("<b>" + Html.escape(b.header()) + "</b>");
    if (b.text() != null && !b.text().isBlank()) {
      for (String paragraph : b.text().strip().split("\n\n")) {
        String p = shorten(paragraph, LIMIT / 2);
        blocks.add(Html.escape(p));
        shown.append(p).append('\n');
      }
    }
    if (b.link() != null) {
      blocks.add("🔗 " + link(b.link(), b.link()));
    }
    int n = 1;
    for (Reply.Bulletin.Item item : b.items()) {
      String block = n++ + ". <b>" + link(item.link(), shorten(item.title(), MAX_TITLE)) + "</b>";
      if (!item.summary().isBlank()) {
        String summary = shorten(item.summary(), MAX_EXCERPT);
        block += "\n" + quoted(summary.length(), Html.escape(summary));
        shown.append(summary).append('\n');
      }
      blocks.add(block);
    }
    if (b.more() > 0) {
      String more = Messages.MORE_ARTICLES.format(lang, b.more());
      blocks.add(b.moreLink() == null ? Html.escape(more) : "… " + link(b.moreLink(), more));
    }
    return pack(blocks, keyboard(copyRows(shown.toString())), previewOf(b));
  }

  /**
   * The link a pushed message previews: the announcement's link, else its first article's. Articles
   * keep no picture of their own; Telegram shows the picture their page names (og:image), large.
   * Null (no preview) when there is no link Telegram could fetch.
   */
  static String previewOf(Reply.Bulletin b) {
    String first =
        b.link() != null ? b.link() : b.items().isEmpty() ? null : b.items().get(0).link();
    return isPublicLink(first) ? first : null;
  }

  private List<TelegramMessage> settings(Reply.Settings s) {
    List<InlineKeyboardRow> rows = new ArrayList<>();
    InlineKeyboardRow times = new InlineKeyboardRow();
    for (Reply.Settings.Action action : s.actions()) {
      InlineKeyboardButton button =
          InlineKeyboardButton.builder()
              .text(action.label())
              .callbackData(SETTING_PREFIX + action.code())
              .build();
      if (action.code().startsWith("time:")) {
        times.add(button);
        if (times.size() == 2) {
          rows.add(times);
          times = new InlineKeyboardRow();
        }
      } else {
        rows.add(new InlineKeyboardRow(button));
      }
    }
    if (!times.isEmpty()) {
      rows.add(0, times);
    }
    List<String> blocks = new ArrayList<>();
    for (String paragraph : s.text().split("\n\n")) {
      blocks.add(Html.escape(paragraph));
    }
    return pack(blocks, rows.isEmpty() ? null : new InlineKeyboardMarkup(rows));
  }

  private List<TelegramMessage> preview(Reply.Preview p, Language lang) {
    List<String> blocks = new ArrayList<>();
    blocks.add(
        "<b>"
            + Html.escape(Messages.PREVIEW.format(lang, p.announcementId(), p.audience()))
            + "</b>");
    blocks.add(Html.escape(shorten(p.text(), LIMIT / 2)));
    blocks.add("<i>" + Html.escape(Messages.PREVIEW_URGENT_HINT.in(lang)) + "</i>");
    InlineKeyboardRow row =
        new InlineKeyboardRow(
            InlineKeyboardButton.builder()
                .text("✅ " + Messages.SEND.in(lang))
                .callbackData(SEND_PREFIX + p.announcementId())
                .build(),
            InlineKeyboardButton.builder()
                .text("🚨 " + Messages.SEND_URGENT.in(lang))
                .callbackData(SEND_URGENT_PREFIX + p.announcementId())
                .build(),
            InlineKeyboardButton.builder()
                .text("✖ " + Messages.CANCEL.in(lang))
                .callbackData(CANCEL_PREFIX + p.announcementId())
                .build());
    return pack(blocks, new InlineKeyboardMarkup(List.of(row)));
  }

  private static String link(String url, String text) {
    return "<a href=\"" + Html.escape(url) + "\">" + Html.escape(text) + "</a>";
  }

  /** The part of an answer's excerpt that is shown. */
  private static String excerpt(Answer answer) {
    String text = answer.excerpt();
    // The city's own answer is said whole (its length is bounded when it is written).
    return text.length() > MAX_EXCERPT && !answer.curated() ? shorten(text, MAX_EXCERPT) : text;
  }

  private static String highlighted(Answer answer) {
    String text = excerpt(answer);
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Answer.Span s : answer.highlights()) {
      if (s.end() > text.length()) {
        break;
      }
      out.append(Html.escape(text.substring(at, s.start())))
          .append("<b>")
          .append(Html.escape(text.substring(s.start(), s.end())))
          .append("</b>");
      at = s.end();
    }
    return out.append(Html.escape(text.substring(at))).toString();
  }

  private List<TelegramMessage> plain(String text) {
    List<String> blocks = new ArrayList<>();
    for (String paragraph : text.split("\n\n")) {
      String p = paragraph;
      while (p.length() > LIMIT / 2) {
        int cut = p.lastIndexOf(' ', LIMIT / 2);
        cut = cut > 0 ? cut : LIMIT / 2;
        blocks.add(Html.escape(p.substring(0, cut)));
        p = p.substring(cut).strip();
      }
      blocks.add(Html.escape(p));
    }
    return pack(blocks, keyboard(copyRows(text)));
  }

  /** Blocks joined by blank lines into as few messages as fit; the keyboard on the last. */
  private static List<TelegramMessage> pack(List<String> blocks, InlineKeyboardMarkup keyboard) {
    return pack(blocks, keyboard, null);
  }

  /** As above; the message that links {@code previewUrl} (if any) previews it, no other. */
  private static List<TelegramMessage> pack(
      List<String> blocks, InlineKeyboardMarkup keyboard, String previewUrl) {
    List<String> texts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String block : blocks) {
      if (current.length() > 0 && current.length() + 2 + block.length() > LIMIT) {
        texts.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append("\n\n");
      }
      current.append(block);
    }
    if (current.length() > 0) {
      texts.add(current.toString());
    }
    List<TelegramMessage> messages = new ArrayList<>();
    String href = previewUrl == null ? null : "href=\"" + Html.escape(previewUrl) + "\"";
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      boolean preview = href != null && text.contains(href);
      if (preview) {
        href = null;
      }
      messages.add(
          new TelegramMessage(
              text, i == texts.size() - 1 ? keyboard : null, preview ? previewUrl : null));
    }
    return messages;
  }

  static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
  }

  /** Telegram refuses button URLs it cannot reach, such as localhost during development. */
  static boolean isPublicLink(String link) {
    if (link == null) {
      return false;
    }
    try {
      URI uri = URI.create(link);
      String host = uri.getHost();
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && host != null
          && !host.equals("localhost")
          && !host.startsWith("127.")
          && !host.equals("[::1]");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
