package vn.backancity.bot.answer;

import java.util.List;

/**
 * Everything relevant found for one question, best first. Empty when nothing passed the relevance
 * floor; {@code blank} when the question had no words at all.
 */
public record AnswerList(String question, List<Answer> answers, boolean blank) {
  public AnswerList {
    answers = List.copyOf(answers);
  }

  /** Answers {@code from} (0-based) to {@code from + size}, or fewer at the end. */
  public List<Answer> page(int from, int size) {
    if (from >= answers.size()) {
      return List.of();
    }
    return answers.subList(from, Math.min(answers.size(), from + size));
  }
}
