package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.Articles;

/**
 * The candidates beyond the full query's top n: the best local articles and those of the rarest
 * words, scored by the full query one document at a time. Only live articles may come back.
 */
class ArticleIndexCandidatesTest {
  @TempDir Path dir;

  final QuestionAnalyzer analyzer = new QuestionAnalyzer(Abbreviations.none());

  @Test
  void aLocalArticleIsACandidateBelowTheTopAndAReplacedOneComesBackOnceAsItIsNow() {
    try (ArticleIndex index = ArticleIndex.open(dir, List.of("Bắc Kạn"))) {
      List<Article> articles = riceNews();
      articles.add(
          Articles.titled("l", "Chợ phiên Bắc Kạn", "Người dân Bắc Kạn mua lúa giống đầu vụ."));
      index.upsertAll(articles, 1);
      // Replaced: the old version stays in the segment, deleted, until a merge.
      index.upsertAll(
          List.of(
              Articles.titled("l", "Chợ phiên Bắc Kạn mở lại", "Bà con Bắc Kạn bán lúa giống.")),
          2);

      SearchResult result = index.search(analyzer.analyze("giá lúa gạo"), 2, id -> null);

      List<SearchResult.Hit> local =
          result.hits().stream().filter(h -> h.article().id().equals("l")).toList();
      assertThat(result.hits()).hasSizeGreaterThan(2);
      assertThat(local).as("the local article, once, as it is now").hasSize(1);
      assertThat(local.get(0).article().title()).isEqualTo("Chợ phiên Bắc Kạn mở lại");
      assertThat(local.get(0).score()).isPositive().isLessThan(result.hits().get(0).score());
    }
  }

  @Test
  void withThousandsOfLocalArticlesTheBestLocalOnesAreStillCandidates() {
    try (ArticleIndex index = ArticleIndex.open(dir, List.of("Bắc Kạn"))) {
      List<Article> articles = riceNews();
      // A city portal: nearly every article is local.
      for (int i = 0; i <= ArticleIndex.LOCAL_SCORED_ONE_BY_ONE; i++) {
        articles.add(
            Articles.titled(
                "c" + i, "Tin Bắc Kạn số " + i, "Bắc Kạn tổ chức hội nghị số " + i + "."));
      }
      articles.add(
          Articles.titled("l", "Chợ phiên Bắc Kạn", "Người dân Bắc Kạn mua lúa giống đầu vụ."));
      index.upsertAll(articles, 1);

      SearchResult result = index.search(analyzer.analyze("giá lúa gạo"), 2, id -> null);

      assertThat(result.hits().stream().map(h -> h.article().id()))
          .as("the local article about rice, below the top")
          .contains("l")
          .doesNotContain("c0");
    }
  }

  @Test
  void candidatesTheCallerTurnsAwayByTheirWordsAreNeverLoadedAndTheTopScoreStays() {
    try (ArticleIndex index = ArticleIndex.open(dir, List.of("Bắc Kạn"))) {
      List<Article> articles = riceNews();
      articles.add(Articles.titled("x", "Xuất khẩu gạo", "Gạo xuất khẩu sang nhiều nước."));
      articles.add(Articles.titled("t", "Chợ Tết", "Bà con mua gạo nếp gói bánh chưng."));
      index.upsertAll(articles, 1);
      QueryTerms terms = analyzer.analyze("giá lúa gạo xuất khẩu");
      SearchResult all = index.search(terms, 30, id -> null);
      List<String> loaded = new ArrayList<>();
      List<List<String>> asked = new ArrayList<>();

      // Keep only articles that hold "lua" (in any field); the others must not even be read.
      SearchResult kept =
          index.search(
              terms,
              30,
              id -> {
                loaded.add(id);
                return null;
              },
              weights ->
                  holds -> {
                    asked.add(HeldWords.of(terms).stream().filter(holds).sorted().toList());
                    return holds.test("lua") ? 1 : -1;
                  });

      assertThat(all.hits().stream().map(h -> h.article().id())).contains("x", "t");
      assertThat(kept.hits().stream().map(h -> h.article().id()))
          .as("the rice news, in the order of the unfiltered search")
          .containsExactlyElementsOf(
              all.hits().stream()
                  .map(h -> h.article().id())
                  .filter(id -> id.startsWith("n"))
                  .toList());
      assertThat(loaded).doesNotContain("x", "t").hasSize(kept.hits().size());
      assertThat(asked).as("each candidate judged once").hasSize(all.hits().size());
      assertThat(asked).contains(List.of("gao", "khau", "xuat"), List.of("gao"));
      assertThat(kept.topScore()).isEqualTo(all.hits().get(0).score());
    }
  }

  @Test
  void ofTheArticlesThatHoldARareWordTheOneThatHoldsTheRestOfTheQuestionIsACandidate() {
    // Short articles say "biện pháp kiểm soát" in their titles: the full query's top. Other short
    // ones name "Algeria": the top of "Algeria" alone. The one that answers holds both, in a longer
    // text.
    List<Article> articles =
        numbered(
            10,
            i ->
                Articles.titled(
                    "kiem-soat-" + i,
                    "Biện pháp kiểm soát giá cả số " + i,
                    "Áp dụng biện pháp kiểm soát giá cả số " + i + "."));
    articles.addAll(
        numbered(
            6,
            i ->
                Articles.titled(
                    "algeria-" + i,
                    "Tin Algeria số " + i,
                    "Tổng thống Algeria gặp báo chí lần " + i + ".")));
    articles.add(
        Articles.titled("de-che", "Đế chế", longText("Pháp giành quyền kiểm soát Algeria.", 1)));

    assertThat(twoBestAndTheirCandidates(articles, "Pháp kiểm soát Algeria khi nào?"))
        .contains("de-che");
  }

  @Test
  void theArticleThatWritesARareTwoWordTermIsACandidateThoughEachOfItsWordsIsCommon() {
    // Every word of the question is in short articles that the full query ranks first; only one
    // long article writes "bất tuân" together.
    List<Article> articles =
        numbered(
            8,
            i ->
                Articles.titled(
                    "tuan-thu-" + i,
                    "Người dân tuân thủ luật số " + i,
                    "Người dân nổi tiếng tuân thủ luật, thực hành tiết kiệm, bất kể khó khăn."));
    articles.add(
        Articles.titled("gandhi", "Lịch sử", longText("Gandhi thực hành bất tuân dân sự.", 30)));

    assertThat(twoBestAndTheirCandidates(articles, "người nổi tiếng nào thực hành bất tuân"))
        .contains("gandhi");
  }

  /** The ids a search for Lucene's top 2 returns, with the rare terms' and local candidates. */
  private List<String> twoBestAndTheirCandidates(List<Article> articles, String question) {
    try (ArticleIndex index = ArticleIndex.open(dir, List.of())) {
      index.upsertAll(articles, 1);
      return index.search(analyzer.analyze(question), 2, id -> null).hits().stream()
          .map(h -> h.article().id())
          .toList();
    }
  }

  private static List<Article> numbered(int n, IntFunction<Article> article) {
    return IntStream.range(0, n).mapToObj(article).collect(Collectors.toCollection(ArrayList::new));
  }

  /** A sentence among {@code others} unrelated ones, so that its words weigh less in the text. */
  private static String longText(String sentence, int others) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < others; k++) {
      text.append("Hội nghị thường niên bàn nhiều việc khác nhau đợt ").append(k).append(". ");
      if (k == others / 2) {
        text.append(sentence).append(' ');
      }
    }
    return text.toString().strip();
  }

  /** Twenty articles, none local, that the full query ranks above any local one. */
  private static List<Article> riceNews() {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(
          Articles.titled(
              "n" + i,
              "Giá lúa gạo tăng mạnh vụ " + i,
              "Giá lúa gạo tăng mạnh, lúa gạo xuất khẩu được giá."));
    }
    return articles;
  }
}
