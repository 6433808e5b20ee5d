package vn.backancity.bot.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.testing.TestApps;

/**
 * The graded question sets on the seeds: the vaguer paraphrases reach below the confident floor, so
 * that `eval --graded` measures suggestion recall (n &gt; 0), and the off-topic questions still get
 * nothing at all.
 */
class GradedSetsTest {
  static final Path EVAL = Path.of("src/test/resources/eval");
  @TempDir static Path data;
  static App app;

  @BeforeAll
  static void open() throws Exception {
    app = TestApps.withSeeds(data);
  }

  @AfterAll
  static void close() {
    app.close();
  }

  @Test
  void vaguerParaphrasesAreMeasuredInTheSuggestionTier() throws Exception {
    QuestionSet set = QuestionSet.read(EVAL.resolve("paraphrased.tsv"));
    assertThat(set.items()).hasSizeGreaterThanOrEqualTo(30).noneMatch(i -> i.expectsNone());
    GradedEvaluation.Report project = GradedEvaluation.project(app.answerer(), set);

    Evaluation.Row recall =
        GradedEvaluation.rows("paraphrased", project, project).stream()
            .filter(r -> r.metric().equals("suggestion recall"))
            .findFirst()
            .orElseThrow();
    assertThat(recall.n()).isPositive();
    // Most still clear the confident floor, and those are mostly right.
    assertThat(project.count(false, GradedEvaluation.Tier.CONFIDENT))
        .isGreaterThan(set.items().size() / 2);
  }

  @Test
  void offTopicQuestionsStillGetNothing() throws Exception {
    QuestionSet set = QuestionSet.read(EVAL.resolve("graded.tsv"));
    GradedEvaluation.Report project = GradedEvaluation.project(app.answerer(), set);
    assertThat(project.offTopic()).isEqualTo(30);
    assertThat(project.count(true, GradedEvaluation.Tier.NOTHING)).isEqualTo(30);
  }
}
