package vn.backancity.bot.testing;

import java.util.List;
import vn.backancity.bot.article.Article;

/** Small articles for tests: an id, a title and one sentence of lead. */
public final class Articles {
  private Articles() {}

  public static Article titled(String id, String title, String lead) {
    return new Article(id, title, null, null, lead, List.of(), List.of(), null, List.of());
  }

  /** "{title} là tin của thành phố." as its lead. */
  public static Article titled(String id, String title) {
    return titled(id, title, title + " là tin của thành phố.");
  }
}
