package vn.backancity.bot.search;

import java.util.List;
import java.util.function.Predicate;
import vn.backancity.bot.article.Article;

/**
 * Articles found for a question, best first, with the weights of its terms.
 *
 * @param topScore the best Lucene score of the full query, also when the caller's {@link Worth}
 *     turned that hit away or it was not among the candidates chosen (0 when none matched)
 */
public record SearchResult(List<Hit> hits, TermWeights weights, float topScore) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /** One article and its Lucene score. */
  public record Hit(Article article, float score) {}

  /**
   * How much a candidate may be worth, judged by which of the question's folded words (its words
   * and one-word alternates) the article holds anywhere: at most the share of the question it can
   * cover, or a negative number when it is not worth loading at all.
   */
  @FunctionalInterface
  public interface Worth {
    double reach(Predicate<String> holds);
  }

  /** Articles the caller already holds, by id, so that the index need not load them again. */
  @FunctionalInterface
  public interface Known {
    /** The article, or null when the index must load it. */
    Article get(String id);
  }
}
