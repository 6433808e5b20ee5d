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
}
