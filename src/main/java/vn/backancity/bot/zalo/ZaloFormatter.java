package vn.backancity.bot.zalo;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;

/**
 * Renders replies as Zalo text messages: plain text (Zalo shows no markup), links as plain URLs
 * (Zalo makes them clickable), split between blocks under Zalo's 2,000 characters.
 */
final class ZaloFormatter {
  static final int LIMIT = 2000;
  private static final int MAX_EXCERPT = 500;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(PublishedDates.VIETNAM);

  /** A settings action pressed on Zalo: "#caidat:&lt;action code&gt;", sent hidden. */
  static final String SETTING_PREFIX = "#caidat:";

  List<String> render(Reply reply) {
    return render(reply, Language.VI);
  }

  /** The reply with the bot's own words in {@code lang}. */
  List<String> render(Reply reply, Language lang) {
    return messages(reply, lang).stream().map(ZaloMessage::text).toList();
  }

  /**
   * The reply as Zalo messages, the last carrying the reply's choices as buttons: 👍 / 👎 under an
   * answer, "Hỏi cán bộ" under a not-found, the settings' actions (at most five; the typed words in
   * the text cover the rest). Each button sends the words one would type, which keep working.
   */
  List<ZaloMessage> messages(Reply reply, Language lang) {
    List<ZaloMessage.Button> buttons = new ArrayList<>();
    List<String> blocks = new ArrayList<>();
    switch (reply) {
      case Reply.Text t -> blocks.addAll(List.of(t.text().split("\n\n")));
      case Reply.NotFound n -> {
        blocks.add(Messages.NOT_FOUND.in(lang));
        if (n.questionId() > 0) {
          blocks.add(Messages.ZALO_HANDOFF_OFFER.in(lang));
          buttons.add(ZaloMessage.Button.says(Messages.ASK_STAFF.in(lang), "hỏi cán bộ"));
        }
      }
      case Reply.Answers a -> {
        blocks.add("🔎 " + Messages.ANSWERS_HEADER.in(lang) + " " + shorten(a.question(), 200));
        if (lang != Language.VI) {
          blocks.add("ℹ " + Messages.ANSWER_NOTE.in(lang));
        }
        int number = a.offset() + 1;
        for (Answer answer : a.answers()) {
          blocks.add(item(number++, answer, lang));
        }
        if (a.more()) {
          blocks.add(Messages.ZALO_MORE.in(lang));
        }
        if (a.questionId() > 0) {
          blocks.add(Messages.ZALO_RATE.in(lang));
          buttons.add(ZaloMessage.Button.says(Messages.HELPFUL.in(lang), "đúng"));
          buttons.add(ZaloMessage.Button.says(Messages.NOT_HELPFUL.in(lang), "sai"));
        }
      }
      case Reply.Latest l -> {
        blocks.add(Messages.LATEST_HEADER.in(lang));
        int n = 1;
        for (Reply.Latest.Item item : l.items()) {
          blocks.add(n++ + ". " + item.title() + "\n" + item.link());
        }
      }
      case Reply.Bulletin b -> {
        blocks.add(b.header());
        if (b.text() != null && !b.text().isBlank()) {
          blocks.addAll(List.of(b.text().strip().split("\n\n")));
        }
        if (b.link() != null) {
          blocks.add(b.link());
        }
        int n = 1;
        for (Reply.Bulletin.Item item : b.items()) {
          String summary = item.summary().isBlank() ? "" : "\n" + shorten(item.summary(), 300);
          blocks.add(n++ + ". " + item.title() + summary + "\n" + item.link());
        }
        if (b.more() > 0) {
          String more = Messages.MORE_ARTICLES.format(lang, b.more());
          blocks.add(b.moreLink() == null ? more : more + ": " + b.moreLink());
        }
      }
      case Reply.Settings s -> {
        blocks.addAll(List.of(s.text().split("\n\n")));
        blocks.add(Messages.ZALO_SETTINGS_HELP.in(lang));
        buttons.addAll(settingButtons(s.actions()));
      }
      case Reply.Preview p -> blocks.add(p.text());
      case Reply.Suggestions s -> {
        blocks.add(Messages.SUGGESTIONS_HEADER.in(lang));
        int number = 1;
        for (Answer answer : s.suggestions()) {
          blocks.add(
              "❔ " + Messages.POSSIBLY_RELATED.in(lang) + "\n" + item(number++, answer, lang));
        }
        if (s.questionId() > 0) {
          blocks.add(Messages.ZALO_HANDOFF_OFFER.in(lang));
          buttons.add(ZaloMessage.Button.says(Messages.ASK_STAFF.in(lang), "hỏi cán bộ"));
        }
      }
      case Reply.Choices c -> {
        blocks.add("🔎 " + Messages.ANSWERS_HEADER.in(lang) + " " + shorten(c.question(), 200));
        StringBuilder b = new StringBuilder(Messages.CHOICES_HEADER.in(lang));
        int number = 1;
        for (Answer option : c.options()) {
          b.append("\n").append(number).append(". ").append(option.title());
          // The button carries the article's key (hidden): it gives the article it names even if
          // the options' order changes meanwhile; typing the number works too.
          buttons.add(
              new ZaloMessage.Button(
                  shorten(number + ". " + option.title(), ZaloMessage.MAX_TITLE),
                  ZaloMessage.Button.HIDE,
                  ChatBot.CHOICE_PREFIX + Reply.Choices.key(option)));
          number++;
        }
        blocks.add(b.toString());
        blocks.add(Messages.ZALO_CHOOSE.in(lang));
      }
    }
    List<String> texts = pack(blocks);
    List<ZaloMessage> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(new ZaloMessage(texts.get(i), i == texts.size() - 1 ? buttons : List.of()));
    }
    return out;
  }

  /**
   * The settings' actions as hidden buttons carrying the action's code, as Telegram's buttons do
   * ("#caidat:time:07:00"). Zalo shows five: the digest switch, "back", the language, quiet hours
   * and "stop" are kept first, then topics, then digest times; the five keep their order.
   */
  private static List<ZaloMessage.Button> settingButtons(List<Reply.Settings.Action> actions) {
    List<Reply.Settings.Action> kept =
        actions.stream()
            .sorted(java.util.Comparator.comparingInt(a -> priority(a.code())))
            .limit(ZaloMessage.MAX_BUTTONS)
            .toList();
    return actions.stream()
        .filter(kept::contains)
        .map(
            a ->
                new ZaloMessage.Button(
                    shorten(a.label(), ZaloMessage.MAX_TITLE),
                    ZaloMessage.Button.HIDE,
                    SETTING_PREFIX + a.code()))
        .toList();
  }

  private static int priority(String code) {
    if (code.equals("on") || code.equals("off") || code.equals("back")) {
      return 0;
    }
    if (code.startsWith("lang:") || code.equals("quiet")) {
      return 1;
    }
    if (code.startsWith("topic:")) {
      return 3;
    }
    return code.startsWith("time:") ? 4 : 2;
  }

  private static List<String> pack(List<String> blocks) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : blocks) {
      String block = shorten(raw.strip(), LIMIT);
      if (block.isEmpty()) {
        continue;
      }
      if (current.length() > 0 && current.length() + 2 + block.length() > LIMIT) {
        out.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append("\n\n");
      }
      current.append(block);
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 2);
    return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
  }

  /** One answer: number, title, date, excerpt, the renamed-places note, link. */
  private static String item(int number, Answer answer, Language lang) {
    StringBuilder b = new StringBuilder();
    b.append(number).append(". ");
    if (answer.curated()) {
      b.append("✅ ").append(answer.title());
    } else {
      b.append(answer.title());
      if (answer.publishedAt() != null) {
        b.append(" (").append(DATE.format(answer.publishedAt())).append(")");
      }
    }
    // The city's own answer is said whole (its length is bounded when it is written).
    b.append("\n")
        .append(answer.curated() ? answer.excerpt() : shorten(answer.excerpt(), MAX_EXCERPT));
    if (answer.placesChangedOn() != null) {
      b.append("\nℹ️ ").append(Messages.placesChanged(lang, answer.placesChangedOn()));
    }
    if (answer.link() != null) {
      b.append("\n").append(answer.link());
    }
    return b.toString();
  }
}
