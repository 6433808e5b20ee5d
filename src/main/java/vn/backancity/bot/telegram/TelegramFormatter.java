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
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.web.Html;

/**
 * Renders replies as Telegram HTML: every piece of text escaped (a question with "&lt;b&gt;" or
 * "&amp;" cannot break sendMessage), matched words in bold, messages split under Telegram's 4096
 * characters, "Đọc bài" and "Xem thêm" buttons.
 */
final class TelegramFormatter {
  static final int LIMIT = 4096;
  static final String MORE_PREFIX = "more:";
  static final String SETTING_PREFIX = "set:";
  static final String VOTE_PREFIX = "vote:";
  static final String SEND_PREFIX = "ann:send:";
  static final String CANCEL_PREFIX = "ann:cancel:";
  static final String SEND_URGENT_PREFIX = "ann:urgent:";
  private static final int MAX_QUESTION = 200;
  private static final int MAX_TITLE = 300;
  private static final int MAX_EXCERPT = 800;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(PublishedDates.VIETNAM);

  List<TelegramMessage> render(Reply reply) {
    return switch (reply) {
      case Reply.Text t -> plain(t.text());
      case Reply.NotFound n -> plain(Messages.NOT_FOUND);
      case Reply.Answers a -> answers(a);
      case Reply.Latest l -> latest(l);
      case Reply.Bulletin b -> bulletin(b);
      case Reply.Settings st -> settings(st);
      case Reply.Preview p -> preview(p);
    };
  }

  /** The first line of an answers message; the question is read back from it for "Xem thêm". */
  static String header(String question) {
    return "🔎 " + Messages.ANSWERS_HEADER + shorten(question, MAX_QUESTION);
  }

  /** The question in an answers message's first line, or null when it is not one. */
  static String questionIn(String messageText) {
    if (messageText == null) {
      return null;
    }
    String first = messageText.split("\n", 2)[0];
    int at = first.indexOf(Messages.ANSWERS_HEADER);
    if (at < 0) {
      return null;
    }
    String question = first.substring(at + Messages.ANSWERS_HEADER.length()).strip();
    return question.isEmpty() || question.endsWith("…") ? null : question;
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

  private List<TelegramMessage> answers(Reply.Answers a) {
    List<String> blocks = new ArrayList<>();
    blocks.add(Html.escape(header(a.question())));
    int number = a.offset() + 1;
    InlineKeyboardRow reads = new InlineKeyboardRow();
    for (Answer answer : a.answers()) {
      StringBuilder b = new StringBuilder();
      // The city's own answer is marked as such and carries no article date.
      String title = answer.curated() ? "✅ " + answer.title() : answer.title();
      b.append("<b>")
          .append(number)
          .append(". ")
          .append(Html.escape(shorten(title, MAX_TITLE)))
          .append("</b>");
      if (answer.publishedAt() != null && !answer.curated()) {
        b.append("\n📅 ").append(DATE.format(answer.publishedAt()));
      }
      b.append("\n");
      b.append(highlighted(answer));
      if (answer.link() != null) {
        b.append("\n🔗 <a href=\"")
            .append(Html.escape(answer.link()))
            .append("\">")
            .append(Messages.READ)
            .append("</a>");
      }
      blocks.add(b.toString());
      if (isPublicLink(answer.link())) {
        reads.add(
            InlineKeyboardButton.builder()
                .text(Messages.READ + " " + number)
                .url(answer.link())
                .build());
      }
      number++;
    }
    List<InlineKeyboardRow> rows = new ArrayList<>();
    if (!reads.isEmpty()) {
      rows.add(reads);
    }
    if (a.questionId() > 0) {
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(Messages.HELPFUL)
                  .callbackData(VOTE_PREFIX + a.questionId() + ":up")
                  .build(),
              InlineKeyboardButton.builder()
                  .text(Messages.NOT_HELPFUL)
                  .callbackData(VOTE_PREFIX + a.questionId() + ":down")
                  .build()));
    }
    if (a.more()) {
      rows.add(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(Messages.MORE + " ▸")
                  .callbackData(MORE_PREFIX + questionId(a.question()) + ":" + (a.page() + 1))
                  .build()));
    }
    return pack(blocks, rows.isEmpty() ? null : new InlineKeyboardMarkup(rows));
  }

  private List<TelegramMessage> latest(Reply.Latest l) {
    List<String> blocks = new ArrayList<>();
    blocks.add("<b>" + Html.escape(Messages.LATEST_HEADER) + "</b>");
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

  private List<TelegramMessage> bulletin(Reply.Bulletin b) {
    List<String> blocks = new ArrayList<>();
    blocks.add("<b>" + Html.escape(b.header()) + "</b>");
    if (b.text() != null && !b.text().isBlank()) {
      for (String paragraph : b.text().strip().split("\n\n")) {
        blocks.add(Html.escape(shorten(paragraph, LIMIT / 2)));
      }
    }
    if (b.link() != null) {
      blocks.add("🔗 " + link(b.link(), b.link()));
    }
    int n = 1;
    for (Reply.Bulletin.Item item : b.items()) {
      String block = n++ + ". <b>" + link(item.link(), shorten(item.title(), MAX_TITLE)) + "</b>";
      if (!item.summary().isBlank()) {
        block += "\n" + Html.escape(shorten(item.summary(), MAX_EXCERPT));
      }
      blocks.add(block);
    }
    if (b.more() > 0) {
      String more = Messages.MORE_ARTICLES.formatted(b.more());
      blocks.add(b.moreLink() == null ? Html.escape(more) : "… " + link(b.moreLink(), more));
    }
    return pack(blocks, null);
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

  private List<TelegramMessage> preview(Reply.Preview p) {
    List<String> blocks = new ArrayList<>();
    blocks.add(
        "<b>" + Html.escape(Messages.PREVIEW.formatted(p.announcementId(), p.audience())) + "</b>");
    blocks.add(Html.escape(shorten(p.text(), LIMIT / 2)));
    blocks.add("<i>" + Html.escape(Messages.PREVIEW_URGENT_HINT) + "</i>");
    InlineKeyboardRow row =
        new InlineKeyboardRow(
            InlineKeyboardButton.builder()
                .text("✅ " + Messages.SEND)
                .callbackData(SEND_PREFIX + p.announcementId())
                .build(),
            InlineKeyboardButton.builder()
                .text("🚨 " + Messages.SEND_URGENT)
                .callbackData(SEND_URGENT_PREFIX + p.announcementId())
                .build(),
            InlineKeyboardButton.builder()
                .text("✖ " + Messages.CANCEL)
                .callbackData(CANCEL_PREFIX + p.announcementId())
                .build());
    return pack(blocks, new InlineKeyboardMarkup(List.of(row)));
  }

  private static String link(String url, String text) {
    return "<a href=\"" + Html.escape(url) + "\">" + Html.escape(text) + "</a>";
  }

  private static String highlighted(Answer answer) {
    String text = answer.excerpt();
    // The city's own answer is said whole (its length is bounded when it is written).
    if (text.length() > MAX_EXCERPT && !answer.curated()) {
      text = shorten(text, MAX_EXCERPT);
    }
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
    return pack(blocks, null);
  }

  /** Blocks joined by blank lines into as few messages as fit; the keyboard on the last. */
  private static List<TelegramMessage> pack(List<String> blocks, InlineKeyboardMarkup keyboard) {
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
    for (int i = 0; i < texts.size(); i++) {
      messages.add(new TelegramMessage(texts.get(i), i == texts.size() - 1 ? keyboard : null));
    }
    return messages;
  }

  private static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
  }

  /** Telegram refuses button URLs it cannot reach, such as localhost during development. */
  private static boolean isPublicLink(String link) {
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
