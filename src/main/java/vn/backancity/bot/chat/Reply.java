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
   * @param questionId the question log's id, which 👍 / 👎 refer to (0: none, on later pages)
   */
  record Answers(
      String question, List<Answer> answers, int page, int offset, boolean more, long questionId)
      implements Reply {
    public Answers {
      answers = List.copyOf(answers);
    }

    public Answers(String question, List<Answer> answers, int page, int offset, boolean more) {
      this(question, answers, page, offset, more, 0);
    }
  }

  /**
   * Nothing relevant was found for the question.
   *
   * @param questionId the question log's id, which "Hỏi cán bộ" refers to (0: none)
   */
  record NotFound(String question, long questionId) implements Reply {
    public NotFound(String question) {
      this(question, 0);
    }
  }

  /** The latest articles. */
  record Latest(List<Item> items) implements Reply {
    public Latest {
      items = List.copyOf(items);
    }

    /** One article in the list; {@code publishedAt} may be null. */
    public record Item(String title, String link, Instant publishedAt) {}
  }

  /**
   * A pushed message: digest, topic alert or announcement. Stored as JSON in the outbox and
   * rendered by each channel when sent.
   *
   * @param header first line, e.g. "Bản tin ngày 22/11/2026"
   * @param text free text (an announcement), or null
   * @param link one link for the whole message, or null
   * @param items articles, newest first (may be empty)
   * @param more how many further articles {@code moreLink} lists (0: none)
   */
  record Bulletin(
      String header, String text, String link, List<Item> items, int more, String moreLink)
      implements Reply {
    public Bulletin {
      items = items == null ? List.of() : List.copyOf(items);
    }

    /** One article: title, a one-sentence summary, its link. */
    public record Item(String title, String summary, String link) {}
  }

  /**
   * A chat's settings with the actions that change them (buttons on Telegram, typed words on Zalo).
   *
   * @param text what is set now, preceded by what just changed if anything
   */
  record Settings(String text, List<Action> actions) implements Reply {
    public Settings {
      actions = List.copyOf(actions);
    }

    /** A change: its label and the code the channel sends back ({@code ChatBot#applySetting}). */
    public record Action(String label, String code) {}
  }

  /** An admin's announcement waiting for confirmation: send or cancel. */
  record Preview(long announcementId, String text, int audience) implements Reply {}

  /**
   * No answer passed the relevance floor, but at most two articles cleared a lower one: offered
   * under a "possibly related" label, never as answers.
   *
   * @param questionId the question log's id, which "Hỏi cán bộ" refers to (0: none)
   */
  record Suggestions(String question, List<Answer> suggestions, long questionId) implements Reply {
    public Suggestions {
      suggestions = List.copyOf(suggestions);
    }
  }

  /**
   * The best answers are about different things with close scores: the asker picks one (a button,
   * or a typed number on Zalo) and gets its full answer ({@link ChatBot#choose}).
   *
   * @param options the answers to choose from, with their titles and short excerpts
   */
  record Choices(String question, List<Answer> options, long questionId) implements Reply {
    public Choices {
      options = List.copyOf(options);
    }

    /** The short key of an option, which a button or typed number carries back. */
    public static String key(Answer option) {
      return ChatBot.choiceKey(option.articleId());
    }
  }
}
