package vn.backancity.bot.eval;

import java.util.ArrayList;
import java.util.List;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Answerer;

/**
 * Measures the graded answer (issue 13): how often a confident answer is right, whether the right
 * article is among the "possibly related" suggestions when no answer is confident, and whether
 * off-topic questions get nothing at all. The baseline has no tiers: its first hit counts as a
 * confident answer and it never suggests nor stays silent.
 */
public final class GradedEvaluation {
  static final int SHOWN = 3;

  /** What one question got. */
  enum Tier {
    CONFIDENT,
    SUGGESTED,
    NOTHING
  }

  /**
   * @param right the right article is the first answer (CONFIDENT) or among the suggestions
   *     (SUGGESTED)
   * @param shown the right article is among the first {@link #SHOWN} answers or suggestions
   * @param askedBack the answers were offered as a choice
   */
  record Outcome(
      QuestionSet.Item item,
      Tier tier,
      boolean right,
      boolean shown,
      boolean askedBack,
      boolean rightInChoices) {}

  /** All outcomes, with the figures of the eval rows. */
  record Report(List<Outcome> outcomes) {
    long answerable() {
      return outcomes.stream().filter(o -> !o.item().expectsNone()).count();
    }

    long offTopic() {
      return outcomes.stream().filter(o -> o.item().expectsNone()).count();
    }

    long count(boolean offTopic, Tier tier) {
      return outcomes.stream()
          .filter(o -> o.item().expectsNone() == offTopic && o.tier() == tier)
          .count();
    }

    long right(Tier tier) {
      return outcomes.stream()
          .filter(o -> !o.item().expectsNone() && o.tier() == tier && o.right())
          .count();
    }

    long shown() {
      return outcomes.stream().filter(o -> !o.item().expectsNone() && o.shown()).count();
    }

    long askedBack() {
      return outcomes.stream().filter(o -> !o.item().expectsNone() && o.askedBack()).count();
    }

    long rightInChoices() {
      return outcomes.stream().filter(Outcome::rightInChoices).count();
    }

    /** Of the questions that got nothing at all, how many were off-topic. */
    long nothing() {
      return outcomes.stream().filter(o -> o.tier() == Tier.NOTHING).count();
    }
  }

  private GradedEvaluation() {}

  static Report project(Answerer answerer, QuestionSet set) {
    List<Outcome> outcomes = new ArrayList<>();
    for (QuestionSet.Item item : set.items()) {
      AnswerList list = answerer.ask(item.question());
      Tier tier =
          !list.answers().isEmpty()
              ? Tier.CONFIDENT
              : list.suggestions().isEmpty() ? Tier.NOTHING : Tier.SUGGESTED;
      List<Answer> offered = tier == Tier.CONFIDENT ? list.answers() : list.suggestions();
      String want = item.articleId();
      boolean right =
          want != null
              && switch (tier) {
                case CONFIDENT -> offered.get(0).articleId().equals(want);
                case SUGGESTED -> offered.stream().anyMatch(a -> a.articleId().equals(want));
                case NOTHING -> false;
              };
      boolean shown =
          want != null && offered.stream().limit(SHOWN).anyMatch(a -> a.articleId().equals(want));
      boolean inChoices =
          want != null
              && list.choices()
              && list.answers().stream().limit(2).anyMatch(a -> a.articleId().equals(want));
      outcomes.add(new Outcome(item, tier, right, shown, list.choices(), inChoices));
    }
    return new Report(outcomes);
  }

  static Report baseline(Retriever baseline, QuestionSet set) {
    List<Outcome> outcomes = new ArrayList<>();
    for (QuestionSet.Item item : set.items()) {
      List<Retriever.Hit> hits = baseline.search(item.question());
      Tier tier = hits.isEmpty() ? Tier.NOTHING : Tier.CONFIDENT;
      String want = item.articleId();
      boolean right = want != null && !hits.isEmpty() && hits.get(0).id().equals(want);
      boolean shown = want != null && hits.stream().limit(SHOWN).anyMatch(h -> h.id().equals(want));
      outcomes.add(new Outcome(item, tier, right, shown, false, false));
    }
    return new Report(outcomes);
  }

  /** The rows for one question set in one setup. */
  static List<Evaluation.Row> rows(String suite, Report project, Report baseline) {
    List<Evaluation.Row> rows = new ArrayList<>();
    int answerable = (int) project.answerable();
    int offTopic = (int) project.offTopic();
    rows.add(
        new Evaluation.Row(
            suite,
            "answered confidently",
            answerable,
            ratio(project.count(false, Tier.CONFIDENT), answerable),
            ratio(baseline.count(false, Tier.CONFIDENT), answerable)));
    rows.add(
        new Evaluation.Row(
            suite,
            "confident-answer accuracy",
            answerable,
            ratio(project.right(Tier.CONFIDENT), project.count(false, Tier.CONFIDENT)),
            ratio(baseline.right(Tier.CONFIDENT), baseline.count(false, Tier.CONFIDENT))));
    rows.add(
        new Evaluation.Row(
            suite,
            "suggestion recall",
            answerable - (int) project.count(false, Tier.CONFIDENT),
            ratio(project.right(Tier.SUGGESTED), answerable - project.count(false, Tier.CONFIDENT)),
            0));
    rows.add(
        new Evaluation.Row(
            suite,
            "right article shown (top 3)",
            answerable,
            ratio(project.shown(), answerable),
            ratio(baseline.shown(), answerable)));
    rows.add(
        new Evaluation.Row(
            suite,
            "asked back",
            answerable,
            ratio(project.askedBack(), answerable),
            ratio(baseline.askedBack(), answerable)));
    rows.add(
        new Evaluation.Row(
            suite,
            "asked back: right among them",
            (int) project.askedBack(),
            ratio(project.rightInChoices(), project.askedBack()),
            0));
    rows.add(
        new Evaluation.Row(
            suite,
            "off-topic: nothing shown",
            offTopic,
            ratio(project.count(true, Tier.NOTHING), offTopic),
            ratio(baseline.count(true, Tier.NOTHING), offTopic)));
    rows.add(
        new Evaluation.Row(
            suite,
            "\"no answer\" precision",
            (int) project.nothing(),
            ratio(project.count(true, Tier.NOTHING), project.nothing()),
            ratio(baseline.count(true, Tier.NOTHING), baseline.nothing())));
    return rows;
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
