package vn.backancity.bot.web;

import io.javalin.http.Context;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.article.PublishedDates;

/** {@code GET /articles/{id}}: an article as a plain, mobile-friendly page. */
final class ArticlePage {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(PublishedDates.VIETNAM);

  private final ArticleStore store;

  ArticlePage(ArticleStore store) {
    this.store = store;
  }

  void handle(Context ctx) {
    Optional<Article> found = store.find(ctx.pathParam("id"));
    if (found.isEmpty()) {
      ctx.status(404)
          .html(
              Pages.layout(
                  "Không tìm thấy bài viết",
                  "<h1>Không tìm thấy bài viết</h1><p>Bài viết này không tồn tại hoặc đã được gỡ."
                      + " <a href=\"/\">Về trang hỏi đáp</a></p>"));
      return;
    }
    Article a = found.get();
    StringBuilder body = new StringBuilder();
    body.append("<article><h1>").append(Html.escape(a.title())).append("</h1>");
    if (a.publishedAt() != null) {
      body.append("<p class=\"meta\">").append(DATE.format(a.publishedAt())).append("</p>");
    }
    if (!a.lead().isBlank()) {
      body.append("<p class=\"lead\">").append(Html.escape(a.lead())).append("</p>");
    }
    for (String p : a.paragraphs()) {
      body.append("<p>").append(Html.escape(p)).append("</p>");
    }
    for (String c : a.captions()) {
      body.append("<p class=\"caption\">Ảnh: ").append(Html.escape(c)).append("</p>");
    }
    if (a.author() != null) {
      body.append("<p class=\"author\">").append(Html.escape(a.author())).append("</p>");
    }
    a.webUrl()
        .ifPresent(
            url ->
                body.append("<p><a href=\"")
                    .append(Html.escape(url))
                    .append("\" rel=\"noopener\">Xem bài gốc</a></p>"));
    body.append("</article><p><a href=\"/\">← Hỏi đáp tin tức</a></p>");
    ctx.html(Pages.layout(a.title(), body.toString()));
  }
}
