package vn.backancity.bot.answer;

import java.util.List;

/**
 * Everything relevant found for one question, best first. Empty when nothing passed the relevance
 * floor; {@code blank} when the question had no words at all.
 *
 * @param suggestions when no answer passed the floor: at most two articles that cleared a lower
 *     one, offered as "possibly related" (empty otherwise)
 * @param choices true when the first two answers are about different things with close scores:
 *     offered as a choice rather than one after the other
 */
public record AnswerList(
    String question,
    List<Answer> answers,
    boolean blank,
    List<Answer> suggestions,
    boolean choices) {
  public AnswerList {
    answers = List.copyOf(answers);
    suggestions = List.copyOf(suggestions);
  }

  public AnswerList(String question, List<Answer> answers, boolean blank) {
    this(question, answers, blank, List.of(), false);
  }

  /** Answers {@code from} (0-based) to {@code from + size}, or fewer at the end. */
  public List<Answer> page(int from, int size) {
    if (from >= answers.size()) {
      return List.of();
    }
    return answers.subList(from, Math.min(answers.size(), from + size));
  }

  /** The answer or suggestion from this article, if any. */
  public java.util.Optional<Answer> find(String articleId) {
    return java.util.stream.Stream.concat(answers.stream(), suggestions.stream())
        .filter(a -> articleId.equals(a.articleId()))
        .findFirst();
  }
}
