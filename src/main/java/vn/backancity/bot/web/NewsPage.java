package vn.backancity.bot.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.subscription.TopicMatcher;

/**
 * {@code GET /tin-moi?tu=&den=[&chude=...]}: the articles a digest covered (added between two
 * times, epoch ms, optionally only those matching topics), the page behind "và N bài khác".
 */
final class NewsPage {
  private static final int MAX = 200;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(PublishedDates.VIETNAM);

  private final ArticleStore store;
  private final TopicMatcher matcher;
  private final Links links;
  private final Clock clock;

  NewsPage(ArticleStore store, TopicMatcher matcher, Links links, Clock clock) {
    this.store = store;
    this.matcher = matcher;
    this.links = links;
    this.clock = clock;
  }

  void handle(Context ctx) {
    long from;
    long to;
    try {
      from = Long.parseLong(ctx.queryParamAsClass("tu", String.class).getOrDefault("0"));
      to =
          Long.parseLong(
              ctx.queryParamAsClass("den", String.class)
                  .getOrDefault(String.valueOf(clock.millis())));
    } catch (NumberFormatException e) {
      ctx.status(400).html(Pages.layout("Sai địa chỉ", "<p>Địa chỉ trang không đúng.</p>"));
      return;
    }
    List<String> topics = ctx.queryParams("chude");
    StringBuilder body = new StringBuilder("<h1>Tin mới</h1>");
    body.append("<p class=\"meta\">Bài đăng từ ")
        .append(DATE.format(Instant.ofEpochMilli(from)))
        .append(" đến ")
        .append(DATE.format(Instant.ofEpochMilli(to)))
        .append("</p><ol>");
    int shown = 0;
    for (ArticleStore.Added a : store.added(from, to, 0)) {
      if (!topics.isEmpty()) {
        TopicMatcher.Text text = matcher.text(a.article());
        if (topics.stream().noneMatch(t -> matcher.matches(TopicMatcher.key(t), text))) {
          continue;
        }
      }
      body.append("<li><a href=\"")
          .append(Html.escape(links.of(a.article())))
          .append("\">")
          .append(Html.escape(a.article().title()))
          .append("</a></li>");
      if (++shown == MAX) {
        break;
      }
    }
    body.append("</ol>");
    if (shown == 0) {
      body.append("<p>Không có bài mới trong khoảng thời gian này.</p>");
    }
    body.append("<p><a href=\"/\">← Hỏi đáp tin tức</a></p>");
    ctx.html(Pages.layout("Tin mới", body.toString()));
  }
}
