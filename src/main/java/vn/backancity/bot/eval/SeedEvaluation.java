package vn.backancity.bot.eval;

import java.util.ArrayList;
import java.util.List;
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
    return run(new ProjectRetriever(answerer), set);
  }

  static Report run(Retriever retriever, QuestionSet set) {
    List<Outcome> outcomes = new ArrayList<>();
    for (QuestionSet.Item item : set.items()) {
      List<Retriever.Hit> hits = retriever.search(item.question());
      Retriever.Hit top = hits.isEmpty() ? null : hits.get(0);
      String id = top == null ? null : top.id();
      String excerpt = top == null ? "" : top.excerpt();
      if (item.expectsNone()) {
        outcomes.add(new Outcome(item, id, excerpt, top == null, top == null));
        continue;
      }
      boolean article = top != null && top.id().equals(item.articleId());
      boolean text =
          top != null
              && (item.expected().isEmpty() || Evaluation.containsAny(excerpt, item.expected()));
      outcomes.add(new Outcome(item, id, excerpt, article, text));
    }
    return new Report(outcomes);
  }
}
