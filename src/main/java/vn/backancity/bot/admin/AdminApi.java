package vn.backancity.bot.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.JsonArticleReader;
import vn.backancity.bot.catalog.ArticleCatalog;
import vn.backancity.bot.search.ArticleIndex;

/**
 * {@code /api/admin/*}: add or replace articles (one JSON object, or JSON lines), delete one,
 * rebuild the index. Every call needs {@code Authorization: Bearer <ADMIN_TOKEN>}. A body with one
 * bad line is refused whole, naming the line: nothing is half-imported.
 */
public final class AdminApi {
  private final byte[] token;
  private final ObjectMapper json;
  private final Clock clock;
  private final ArticleCatalog catalog;
  private final Announcements announcements;
  private final AdminOverview overview;
  private final JsonArticleReader reader;

  /**
   * @param catalog where articles are published, deleted and reindexed
   * @param announcements where announcements are created, listed and cancelled
   * @param overview what the admin page's summary shows
   */
  public AdminApi(
      String token,
      ObjectMapper json,
      Clock clock,
      ArticleCatalog catalog,
      Announcements announcements,
      AdminOverview overview) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.json = json;
    this.clock = clock;
    this.catalog = catalog;
    this.announcements = announcements;
    this.overview = overview;
    this.reader = new JsonArticleReader(json);
  }

  /** Runs before every admin route: 401 unless the token is right (compared in constant time). */
  public void authorize(Context ctx) {
    String given = ctx.header("Authorization");
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.status(401).json(Map.of("error", "missing or wrong admin token"));
      ctx.skipRemainingHandlers();
    }
  }

  public void postArticles(Context ctx) {
    String body = ctx.body().strip();
    List<Article> articles = new ArrayList<>();
    List<String> lines =
        body.startsWith("{") && isSingleObject(body) ? List.of(body) : List.of(body.split("\n"));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonNode node = json.readTree(line);
        if (node == null || !node.hasNonNull("id")) {
          throw new IllegalArgumentException("field 'id' is required");
        }
        articles.add(reader.read(node, null));
      } catch (Exception e) {
        String reason = e instanceof IllegalArgumentException ? e.getMessage() : "malformed JSON";
        ctx.status(400).json(Map.of("error", "line " + (i + 1) + ": " + reason));
        return;
      }
    }
    if (articles.isEmpty()) {
      ctx.status(400).json(Map.of("error", "no article in the body"));
      return;
    }
    catalog.publish(articles);
    ctx.status(201)
        .json(
            Map.of(
                "imported", articles.size(), "ids", articles.stream().map(Article::id).toList()));
  }

  /** One JSON value with nothing after it (maybe pretty-printed), rather than JSON lines. */
  private boolean isSingleObject(String body) {
    try {
      json.readerFor(JsonNode.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(body);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  public void deleteArticle(Context ctx) {
    String id = ctx.pathParam("id");
    if (catalog.delete(id)) {
      ctx.status(204);
    } else {
      ctx.status(404).json(Map.of("error", "no article " + id));
    }
  }

  /**
   * POST /api/admin/reindex: 200 {"indexed"}; 409 while another rebuild runs here. The other
   * instances rebuild too, when their change feed reaches the reindex marker.
   */
  public void reindex(Context ctx) {
    try {
      ctx.json(Map.of("indexed", catalog.reindex()));
    } catch (ArticleIndex.RebuildInProgress e) {
      ctx.status(409).json(Map.of("error", e.getMessage()));
    }
  }

  /** POST /api/admin/announcements: 201 {"id"}; 400 naming the field that is wrong. */
  public void postAnnouncement(Context ctx) {
    AnnouncementRequest request;
    try {
      request = AnnouncementRequest.parse(json, ctx.body(), clock);
    } catch (IllegalArgumentException e) {
      ctx.status(400).json(Map.of("error", e.getMessage()));
      return;
    }
    long id =
        announcements.create(
            request.text(),
            request.link(),
            request.audience(),
            request.sendAt(),
            request.expiresAt(),
            "api:" + ctx.ip(),
            false,
            request.urgent());
    ctx.status(201).json(Map.of("id", id));
  }

  public void listAnnouncements(Context ctx) {
    List<Map<String, Object>> list = announcements.list(100).stream().map(this::view).toList();
    ctx.json(Map.of("announcements", list));
  }

  public void getAnnouncement(Context ctx) {
    Long id = announcementId(ctx);
    if (id != null) {
      announcements
          .find(id)
          .ifPresentOrElse(
              a -> ctx.json(view(a)),
              () -> ctx.status(404).json(Map.of("error", "no announcement " + id)));
    }
  }

  /** DELETE: cancels what has not been sent yet; answers with the announcement as it now is. */
  public void cancelAnnouncement(Context ctx) {
    Long id = announcementId(ctx);
    if (id == null) {
      return;
    }
    if (announcements.find(id).isEmpty()) {
      ctx.status(404).json(Map.of("error", "no announcement " + id));
      return;
    }
    announcements.cancel(id);
    ctx.json(view(announcements.find(id).orElseThrow()));
  }

  /** GET /api/admin/overview: subscribers, chats, outbox and feeds, for the admin page. */
  public void overview(Context ctx) {
    ctx.json(overview.read());
  }

  private Long announcementId(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.status(400).json(Map.of("error", "announcement id must be a number"));
      return null;
    }
  }

  private Map<String, Object> view(Announcement a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("status", a.status());
    m.put("text", a.text());
    m.put("link", a.link());
    m.put("audience", a.audience());
    m.put("urgent", a.urgent());
    m.put("send_at", AnnouncementRequest.format(a.sendAt()));
    m.put("expires_at", a.expiresAt() == null ? null : AnnouncementRequest.format(a.expiresAt()));
    m.put("created_at", AnnouncementRequest.format(a.createdAt()));
    m.put("created_by", a.createdBy());
    m.put("recipients", a.recipients());
    m.put("counts", a.counts());
    m.put("by_channel", a.byChannel());
    return m;
  }
}
