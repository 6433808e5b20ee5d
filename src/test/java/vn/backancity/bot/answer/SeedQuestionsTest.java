package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.eval.QuestionSet;
import vn.backancity.bot.eval.SeedEvaluation;
import vn.backancity.bot.testing.TestApps;

/** The development question set over the five seed articles (a copy of shared/eval's). */
class SeedQuestionsTest {
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
  void atLeastSixteenOfSeventeenAreAnsweredWithTheRightArticleAndExcerpt() throws Exception {
    QuestionSet set =
        QuestionSet.read(
            Path.of(SeedQuestionsTest.class.getResource("/eval/questions-dev.tsv").toURI()));
    assertThat(set.items()).hasSize(17);

    SeedEvaluation.Report report = SeedEvaluation.run(app.answerer(), set);

    report.outcomes().stream()
        .filter(o -> !o.correct())
        .forEach(o -> System.out.println("missed: " + o.item().question() + " -> " + o.excerpt()));
    System.out.printf("seed eval: %d/%d correct%n", report.correct(), report.outcomes().size());
    assertThat(report.correct()).isGreaterThanOrEqualTo(16);
    assertThat(report.noneRight()).isEqualTo(report.noneRows());
  }

  @Test
  void excerptIsTheAnsweringSentenceNotTheFirstOne() {
    Answer top = app.answerer().ask("giai quyet viec lam cho bao nhieu lao dong").answers().get(0);

    assertThat(top.articleId()).isEqualTo("002_d5279ddcd5c22846");
    assertThat(top.excerpt()).contains("704 lao động").doesNotStartWith("Để công tác");
  }

  @Test
  void highlightsMarkTheMatchedWords() {
    Answer top =
        app.answerer().ask("Đảng bộ phường Phùng Chí Kiên có bao nhiêu chi bộ?").answers().get(0);

    assertThat(top.highlights()).isNotEmpty();
    assertThat(top.highlights())
        .extracting(s -> top.excerpt().substring(s.start(), s.end()))
        .contains("Đảng bộ phường Phùng Chí Kiên");
  }

  @Test
  void abbreviationsAndOldToneMarksFindTheSameArticle() {
    assertThat(app.answerer().ask("hội đồng nhân dân thành phố tổ chức mấy kỳ họp").answers())
        .first()
        .extracting(Answer::articleId)
        .isEqualTo("002_d5279ddcd5c22846");
    assertThat(app.answerer().ask("số HTX thành lập mới năm 2023").answers())
        .first()
        .extracting(Answer::articleId)
        .isEqualTo("002_d5279ddcd5c22846");
    assertThat(app.answerer().ask("tổng mức bán lẻ hàng hoá 9 tháng năm 2021").answers())
        .first()
        .extracting(Answer::excerpt)
        .asString()
        .contains("2.404");
  }

  @Test
  void emptyQuestionIsBlankNotAnError() {
    assertThat(app.answerer().ask("   ").blank()).isTrue();
    assertThat(app.answerer().ask("?!").blank()).isTrue();
  }
}
