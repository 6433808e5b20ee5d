package vn.backancity.bot.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.subscription.SubscriptionCommands;
import vn.backancity.bot.subscription.TopicMatcher;

/**
 * {@code GET /tin-moi?tu=&den=[&chude=...][&tiep=...]}: the articles a digest covered (added
 * between two times, epoch ms, optionally only those matching topics), the page behind "và N bài
 * khác". Public, so each request does a bounded amount of work: at most {@link #PAGE_SIZE} articles
 * shown and, with topics, at most {@link #SCAN_LIMIT} looked at, read through the created_at index
 * in chunks; the page then links on from where it stopped ({@code tiep}).
 */
final class NewsPage {
  static final int PAGE_SIZE = 50;
  // Matching topics costs ~0.15 ms an article (read, parse, fold): 200 keep a page near 30 ms.
  static final int SCAN_LIMIT = 200;
  private static final int CHUNK = 100;
  // createdAt_id: the id's own characters (Article.ID) after the time.
  private static final Pattern POSITION =
      Pattern.compile("(\\d{1,15})_([A-Za-z0-9][A-Za-z0-9._~-]{0,199})");
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

  /** What was asked for, checked. */
  private record Request(long from, long to, List<String> topics, ArticleStore.Position start) {}

  void handle(Context ctx) {
    Request request = parse(ctx);
    // A digest's topics, with their excluded phrases ("nong thon moi -bong da").
    List<TopicMatcher.Words> keys = request.topics().stream().map(TopicMatcher::words).toList();
    List<ArticleStore.Added> shown = new ArrayList<>();
    ArticleStore.Position position = request.start();
    int scanned = 0;
    boolean exhausted = false;
    scan:
    while (shown.size() < PAGE_SIZE && scanned < SCAN_LIMIT) {
      int want = keys.isEmpty() ? PAGE_SIZE - shown.size() : Math.min(CHUNK, SCAN_LIMIT - scanned);
      List<ArticleStore.Added> rows = store.addedPage(request.from(), request.to(), position, want);
      for (ArticleStore.Added a : rows) {
        scanned++;
        position = a.position();
        if (matches(keys, a)) {
          shown.add(a);
          if (shown.size() == PAGE_SIZE) {
            break scan;
          }
        }
      }
      if (rows.size() < want) {
        exhausted = true;
        break;
      }
    }
    if (!exhausted) {
      // One indexed row more tells whether a "next" link would lead anywhere.
      exhausted = store.addedPage(request.from(), request.to(), position, 1).isEmpty();
    }
    ctx.html(Pages.layout("Tin mới", body(request, shown, exhausted ? null : position)));
  }

  private boolean matches(List<TopicMatcher.Words> keys, ArticleStore.Added a) {
    if (keys.isEmpty()) {
      return true;
    }
    TopicMatcher.Text text = matcher.text(a.article());
    return keys.stream().anyMatch(k -> matcher.matches(k, text));
  }

  private Request parse(Context ctx) {
    long from = time(ctx.queryParam("tu"), 0);
    long to = time(ctx.queryParam("den"), clock.millis());
    if (from > to) {
      throw new BadRequestResponse("Khoảng thời gian không đúng: mốc “tu” phải trước mốc “den”.");
    }
    List<String> topics =
        ctx.queryParams("chude").stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    if (topics.size() > SubscriptionCommands.MAX_TOPICS) {
      throw new BadRequestResponse(
          "Mỗi lần chỉ xem được tối đa " + SubscriptionCommands.MAX_TOPICS + " chủ đề.");
    }
    if (topics.stream().anyMatch(t -> t.length() > SubscriptionCommands.MAX_TOPIC_CHARS)) {
      throw new BadRequestResponse(
          "Tên chủ đề dài quá " + SubscriptionCommands.MAX_TOPIC_CHARS + " ký tự.");
    }
    ArticleStore.Position start = null;
    String next = ctx.queryParam("tiep");
    if (next != null) {
      Matcher m = POSITION.matcher(next);
      if (!m.matches()) {
        throw new BadRequestResponse("Địa chỉ trang không đúng: không biết xem tiếp từ đâu.");
      }
      start = new ArticleStore.Position(Long.parseLong(m.group(1)), m.group(2));
    }
    return new Request(from, to, topics, start);
  }

  private static long time(String value, long absent) {
    if (value == null) {
      return absent;
    }
    if (!value.matches("\\d{1,15}")) {
      throw new BadRequestResponse("Địa chỉ trang không đúng: mốc thời gian phải là một số.");
    }
    return Long.parseLong(value);
  }

  private String body(Request request, List<ArticleStore.Added> shown, ArticleStore.Position next) {
    StringBuilder body = new StringBuilder("<h1>Tin mới</h1>");
    body.append("<p class=\"meta\">");
    if (request.from() > 0) {
      body.append("Bài đăng từ ")
          .append(DATE.format(Instant.ofEpochMilli(request.from())))
          .append(" đến ");
    } else {
      body.append("Bài mới nhất, đến ");
    }
    body.append(DATE.format(Instant.ofEpochMilli(request.to())));
    if (!request.topics().isEmpty()) {
      body.append(" · Chủ đề: ").append(Html.escape(String.join(", ", request.topics())));
    }
    body.append("</p>");
    if (!shown.isEmpty()) {
      body.append("<ul>");
      for (ArticleStore.Added a : shown) {
        body.append("<li><a href=\"")
            .append(Html.escape(links.of(a.article())))
            .append("\">")
            .append(Html.escape(a.article().title()))
            .append("</a></li>");
      }
      body.append("</ul>");
    } else if (next == null) {
      body.append("<p>Không có bài mới trong khoảng thời gian này.</p>");
    } else {
      body.append("<p>Chưa thấy bài nào khớp chủ đề trong ")
          .append(SCAN_LIMIT)
          .append(" bài vừa xem.</p>");
    }
    if (next != null) {
      body.append("<p><a class=\"next\" href=\"")
          .append(Html.escape(nextLink(request, next)))
          .append("\">Xem tiếp →</a></p>");
    }
    body.append("<p><a href=\"/\">← Hỏi đáp tin tức</a></p>");
    return body.toString();
  }

  private static String nextLink(Request request, ArticleStore.Position next) {
    StringBuilder link =
        new StringBuilder("/tin-moi?tu=")
            .append(request.from())
            .append("&den=")
            .append(request.to());
    for (String topic : request.topics()) {
      link.append("&chude=").append(URLEncoder.encode(topic, StandardCharsets.UTF_8));
    }
    return link.append("&tiep=").append(next.createdAt()).append('_').append(next.id()).toString();
  }
}
