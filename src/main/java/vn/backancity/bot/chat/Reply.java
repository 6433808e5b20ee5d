package vn.backancity.bot.chat;

import java.time.Instant;
import java.util.List;
import vn.backancity.bot.answer.Answer;

/** What the bot says back, before a channel renders it in its own format. */
public sealed interface Reply {

  /** A fixed message: welcome, help, a refusal. Plain text; renderers escape it. */
  record Text(String text) implements Reply {}

  /**
   * One page of answers.
   *
   * @param page 1-based page number
   * @param offset how many answers earlier pages showed
   * @param more true when a further page exists ("Xem thêm")
   */
  record Answers(String question, List<Answer> answers, int page, int offset, boolean more)
      implements Reply {
    public Answers {
      answers = List.copyOf(answers);
    }
  }

  /** Nothing relevant was found for the question. */
  record NotFound(String question) implements Reply {}

  /** The latest articles. */
  record Latest(List<Item> items) implements Reply {
    public Latest {
      items = List.copyOf(items);
    }

    /** One article in the list; {@code publishedAt} may be null. */
    public record Item(String title, String link, Instant publishedAt) {}
  }
}
