package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.Abbreviations;
import vn.backancity.bot.search.ArticleIndex;
import vn.backancity.bot.search.QueryTerms;
import vn.backancity.bot.search.QuestionAnalyzer;
import vn.backancity.bot.search.Synonyms;
import vn.backancity.bot.search.VietnameseText;
import vn.backancity.bot.testing.Articles;
import vn.backancity.bot.testing.TestApps;

/**
 * A candidate is left unread when the words the index says it holds cannot reach the coverage floor
 * ({@link PassageScorer#reaching}). That must never turn away an article its passages would have
 * kept: every question word its passages find, the index holds; and the bound from what the index
 * holds is never below the coverage. Checked for every question of the test sets, every seed's
 * title and sentences asked as questions (accented and not), on the seeds and on articles whose
 * words the index joins ("45triệu", "H'Mông", "Nội:Ngày", "16h30", "covid19").
 */
class CoverageBoundTest {
  @TempDir Path dir;

  @Test
  void whatThePassagesFindTheIndexHoldsAndTheBoundIsNeverBelowTheCoverage() throws Exception {
    QuestionAnalyzer analyzer =
        new QuestionAnalyzer(
            Abbreviations.parse(Files.readAllBytes(Path.of("config/abbreviations.tsv"))),
            List.of("Bắc Kạn"),
            Synonyms.none(),
            App.placeNames(Path.of("config/abbreviations.tsv")));
    List<Article> articles;
    try (App app = TestApps.withSeeds(dir.resolve("seeds"))) {
      articles = new ArrayList<>(app.store().latest(100));
    }
    articles.add(
        Articles.titled(
            "joined",
            "Thu nhập đạt 45triệu đồng",
            "Bà con H'Mông ở Hà Nội:Ngày hội, từ 16h30 tiêm vắc xin covid19 cho 500tấn hàng."));
    List<String> questions = questions(articles);
    questions.addAll(
        List.of(
            "thu nhap bao nhieu trieu",
            "người Mông",
            "ngày hội",
            "hàng bao nhiêu tấn",
            "Hà Nội có bao nhiêu người Mông",
            "hoa binh co bao nhieu dang vien"));
    int judged = 0;
    int turnedAway = 0;
    for (Article article : articles) {
      List<Words.Word> words =
          new ArrayList<>(Passage.of(article.title(), -1, false, true, true).words());
      SentenceSplitter.passages(article).forEach(p -> words.addAll(p.words()));
      Set<String> inPassages = new HashSet<>();
      words.forEach(w -> inPassages.add(w.folded()));
      try (ArticleIndex index = ArticleIndex.open(dir.resolve(article.id()), List.of("Bắc Kạn"))) {
        index.upsertAll(List.of(article), 1);
        for (String question : questions) {
          QueryTerms terms = analyzer.analyze(question);
          Set<String> held = new HashSet<>();
          PassageScorer[] scorer = new PassageScorer[1];
          boolean[] asked = new boolean[1];
          index.search(
              terms,
              1,
              id -> null,
              weights -> {
                scorer[0] = new PassageScorer(terms, weights);
                return holds -> {
                  asked[0] = true;
                  for (String w : judgedWords(terms)) {
                    if (holds.test(w)) {
                      held.add(w);
                    }
                  }
                  return 1;
                };
              });
          if (!asked[0]) {
            continue; // not a candidate at all
          }
          for (String w : judgedWords(terms)) {
            if (inPassages.contains(w)) {
              assertThat(held).as("'%s' of '%s' in %s", w, question, article.id()).contains(w);
            }
          }
          double coverage = scorer[0].wordCoverage(words);
          assertThat(scorer[0].reaching(coverage).reach(held::contains) >= 0)
              .as("%s on %s (coverage %.3f)", question, article.id(), coverage)
              .isTrue();
          judged++;
          turnedAway += scorer[0].reaching(0.55).reach(held::contains) >= 0 ? 0 : 1;
        }
      }
    }
    assertThat(judged).isGreaterThan(500);
    assertThat(turnedAway).as("the bound turns some away at the floor").isPositive();
  }

  /** The question's folded words and one-word alternates: what a candidate is judged by. */
  private static List<String> judgedWords(QueryTerms terms) {
    List<String> out = new ArrayList<>();
    terms.words().forEach(w -> out.add(w.folded()));
    terms.alternates().stream().filter(a -> a.indexOf(' ') < 0).forEach(out::add);
    return out;
  }

  /** The test sets' questions, and the articles' titles and sentences, typed and unaccented. */
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
    List<String> unaccented = out.stream().map(VietnameseText::fold).toList();
    out.addAll(unaccented);
    return out;
  }
}
