package vn.backancity.bot.zalo;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.article.PublishedDates;
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

  List<String> render(Reply reply) {
    List<String> blocks = new ArrayList<>();
    switch (reply) {
      case Reply.Text t -> blocks.addAll(List.of(t.text().split("\n\n")));
      case Reply.NotFound n -> {
        blocks.add(Messages.NOT_FOUND);
        if (n.questionId() > 0) {
          blocks.add(Messages.ZALO_HANDOFF_OFFER);
        }
      }
      case Reply.Answers a -> {
        blocks.add("🔎 " + Messages.ANSWERS_HEADER + shorten(a.question(), 200));
        int number = a.offset() + 1;
        for (Answer answer : a.answers()) {
          blocks.add(item(number++, answer));
        }
        if (a.more()) {
          blocks.add(Messages.ZALO_MORE);
        }
        if (a.questionId() > 0) {
          blocks.add(Messages.ZALO_RATE);
        }
      }
      case Reply.Latest l -> {
        blocks.add(Messages.LATEST_HEADER);
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
          String more = Messages.MORE_ARTICLES.formatted(b.more());
          blocks.add(b.moreLink() == null ? more : more + ": " + b.moreLink());
        }
      }
      case Reply.Settings s -> {
        blocks.addAll(List.of(s.text().split("\n\n")));
        blocks.add(Messages.ZALO_SETTINGS_HELP);
      }
      case Reply.Preview p -> blocks.add(p.text());
      case Reply.Suggestions s -> {
        blocks.add(Messages.SUGGESTIONS_HEADER);
        int number = 1;
        for (Answer answer : s.suggestions()) {
          blocks.add("❔ " + Messages.POSSIBLY_RELATED + "\n" + item(number++, answer));
        }
        if (s.questionId() > 0) {
          blocks.add(Messages.ZALO_HANDOFF_OFFER);
        }
      }
      case Reply.Choices c -> {
        blocks.add("🔎 " + Messages.ANSWERS_HEADER + shorten(c.question(), 200));
        StringBuilder b = new StringBuilder(Messages.CHOICES_HEADER);
        int number = 1;
        for (Answer option : c.options()) {
          b.append("\n").append(number++).append(". ").append(option.title());
        }
        blocks.add(b.toString());
        blocks.add(Messages.ZALO_CHOOSE);
      }
    }
    return pack(blocks);
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
  private static String item(int number, Answer answer) {
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
      b.append("\nℹ️ ").append(Messages.placesChanged(answer.placesChangedOn()));
    }
    if (answer.link() != null) {
      b.append("\n").append(answer.link());
    }
    return b.toString();
  }
}
