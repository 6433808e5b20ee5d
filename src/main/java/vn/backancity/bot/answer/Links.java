package vn.backancity.bot.answer;

import vn.backancity.bot.article.Article;

/**
 * Where a reader is sent for an article: its own http(s) URL, else our readable page for it. Every
 * channel's links go through here, so a stored URL of another scheme (javascript:, data:) is never
 * offered, whatever put it in the database.
 */
public final class Links {
  private final String publicUrl;

  public Links(String publicUrl) {
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  public String of(Article article) {
    return article.webUrl().orElseGet(() -> articlePage(article.id()));
  }

  public String articlePage(String id) {
    return publicUrl + "/articles/" + id;
  }

  /** A page of this service: {@code path} starts with "/" and may carry a query. */
  public String page(String path) {
    return publicUrl + path;
  }

  public String home() {
    return publicUrl + "/";
  }
}
