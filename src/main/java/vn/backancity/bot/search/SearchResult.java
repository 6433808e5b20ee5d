package vn.backancity.bot.search;

import java.util.List;
import vn.backancity.bot.article.Article;

/** Articles found for a question, best first, with the weights of its terms. */
public record SearchResult(List<Hit> hits, TermWeights weights) {
  public SearchResult {
    hits = List.copyOf(hits);
  }

  /** One article and its Lucene score. */
  public record Hit(Article article, float score) {}

  /** Articles the caller already holds, by id, so that the index need not load them again. */
  @FunctionalInterface
  public interface Known {
    /** The article, or null when the index must load it. */
    Article get(String id);
  }
}
