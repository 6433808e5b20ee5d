package vn.backancity.bot.eval;

import java.util.ArrayList;
import java.util.List;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Answerer;

/**
 * Asks every question of a {@link QuestionSet} and checks the top answer: the right article, and an
 * excerpt containing an expected text; for NONE rows, no answer at all.
 */
public final class SeedEvaluation {

  /** What happened to one question. */
  public record Outcome(
      QuestionSet.Item item,
      String gotId,
      String excerpt,
      boolean rightArticle,
      boolean rightText) {
    public boolean correct() {
      return rightArticle && rightText;
    }
  }

  /** All outcomes, with the counts the targets speak of. */
  public record Report(List<Outcome> outcomes) {
    public long correct() {
      return outcomes.stream().filter(Outcome::correct).count();
    }

    public long articleRight() {
      return outcomes.stream().filter(Outcome::rightArticle).count();
    }

    public long answerable() {
      return outcomes.stream().filter(o -> !o.item().expectsNone()).count();
    }

    public long excerptRight() {
      return outcomes.stream().filter(o -> !o.item().expectsNone() && o.correct()).count();
    }

    public long noneRows() {
      return outcomes.stream().filter(o -> o.item().expectsNone()).count();
    }

    public long noneRight() {
      return outcomes.stream().filter(o -> o.item().expectsNone() && o.correct()).count();
    }
  }

  private SeedEvaluation() {}

  public static Report run(Answerer answerer, QuestionSet set) {
    List<Outcome> outcomes = new ArrayList<>();
    for (QuestionSet.Item item : set.items()) {
      AnswerList list = answerer.ask(item.question());
      Answer top = list.answers().isEmpty() ? null : list.answers().get(0);
      if (item.expectsNone()) {
        boolean none = top == null;
        outcomes.add(
            new Outcome(
                item,
                top == null ? null : top.articleId(),
                top == null ? "" : top.excerpt(),
                none,
                none));
        continue;
      }
      boolean article = top != null && top.articleId().equals(item.articleId());
      boolean text =
          top != null
              && (item.expected().isEmpty()
                  || item.expected().stream().anyMatch(top.excerpt()::contains));
      outcomes.add(
          new Outcome(
              item,
              top == null ? null : top.articleId(),
              top == null ? "" : top.excerpt(),
              article,
              text));
    }
    return new Report(outcomes);
  }
}
