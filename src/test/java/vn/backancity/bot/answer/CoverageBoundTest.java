package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.Abbreviations;
import vn.backancity.bot.search.QueryTerms;
import vn.backancity.bot.search.QuestionAnalyzer;
import vn.backancity.bot.testing.TestApps;

/**
 * The bound that lets a candidate go unread ({@link PassageScorer#reaching}) is never below the
 * coverage its analysis gives: every question of the test sets, and every seed's title and
 * sentences asked as questions, against every seed article, with the city's abbreviations.
 */
class CoverageBoundTest {
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
  void theBoundOfEveryQuestionOnEveryArticleIsAtLeastItsCoverage() throws Exception {
    QuestionAnalyzer analyzer =
        new QuestionAnalyzer(
            Abbreviations.parse(Files.readAllBytes(Path.of("config/abbreviations.tsv"))),
            List.of("Bắc Kạn"));
    List<Article> articles = app.store().latest(100);
    List<String> questions = questions(articles);
    int judged = 0;
    int turnedAway = 0;
    for (String question : questions) {
      QueryTerms terms = analyzer.analyze(question);
      if (terms.isEmpty()) {
        continue;
      }
      PassageScorer scorer =
          new PassageScorer(terms, app.index().search(terms, 1, id -> null).weights());
      for (Article article : articles) {
        List<Words.Word> words =
            new ArrayList<>(Passage.of(article.title(), -1, false, true, true).words());
        SentenceSplitter.passages(article).forEach(p -> words.addAll(p.words()));
        Set<String> held = new HashSet<>();
        words.forEach(w -> held.add(w.folded()));
        double coverage = scorer.wordCoverage(words);

        assertThat(scorer.reaching(coverage).test(held::contains))
            .as("%s on %s (coverage %.3f)", question, article.id(), coverage)
            .isTrue();
        judged++;
        turnedAway += scorer.reaching(0.55).test(held::contains) ? 0 : 1;
      }
    }
    assertThat(judged).isGreaterThan(500);
    assertThat(turnedAway).as("the bound turns some away at the floor").isPositive();
  }

  /** The test sets' questions, and the seeds' titles and sentences, typed and unaccented. */
  private static List<String> questions(List<Article> articles) throws Exception {
    List<String> out = new ArrayList<>();
    for (String set : List.of("questions-dev.tsv", "graded.tsv", "paraphrased.tsv")) {
      Path file = Path.of(CoverageBoundTest.class.getResource("/eval/" + set).toURI());
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\t")[0]);
        }
      }
    }
    for (Article a : articles) {
      out.add(a.title());
      SentenceSplitter.passages(a).stream().limit(10).forEach(p -> out.add(p.text()));
    }
    List<String> unaccented =
        out.stream().map(vn.backancity.bot.search.VietnameseText::fold).toList();
    out.addAll(unaccented);
    return out;
  }
}
