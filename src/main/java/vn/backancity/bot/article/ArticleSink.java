package vn.backancity.bot.article;

import java.util.List;

/** Where imported articles go: the store, then the search index. */
@FunctionalInterface
public interface ArticleSink {
  void accept(List<Article> batch);
}
