package vn.backancity.bot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.curated.CuratedAnswer;
import vn.backancity.bot.curated.CuratedAnswers;
import vn.backancity.bot.curated.CuratedFiles;
import vn.backancity.bot.curated.DraftReader;
import vn.backancity.bot.questions.ReviewQueue;

/**
 * The editors' side of {@code /api/admin}: the review queue of unanswered and disliked questions,
 * the curated answers (create, list, change, delete, import, export) and the dashboard. Behind the
 * same token check as the rest of the admin API.
 */
public final class EditorApi {
  static final int MAX_DAYS = 90;

  private final ObjectMapper json;
  private final ReviewQueue queue;
  private final CuratedAnswers curated;
  private final DraftReader drafts;
  private final CuratedFiles files;
  private final ArticleStore articles;
  private final Links links;
  private final Dashboard dashboard;

  public EditorApi(
      ObjectMapper json,
      ReviewQueue queue,
      CuratedAnswers curated,
      DraftReader drafts,
      CuratedFiles files,
      ArticleStore articles,
      Links links,
      Dashboard dashboard) {
    this.json = json;
    this.queue = queue;
    this.curated = curated;
    this.drafts = drafts;
    this.files = files;
    this.articles = articles;
    this.links = links;
    this.dashboard = dashboard;
  }

  /** A handler whose {@link IllegalArgumentException} (a bad field or parameter) is a 400. */
  public static Handler badRequests(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (IllegalArgumentException e) {
        ctx.status(400).json(Map.of("error", e.getMessage()));
      }
    };
  }

  /** GET /api/admin/questions?status=unanswered|disliked[&limit=N]. */
  public void questions(Context ctx) {
    String status = ctx.queryParamAsClass("status", String.class).getOrDefault("unanswered");
    int limit = intParam(ctx, "limit", 50, 1, ReviewQueue.MAX_LIMIT);
    List<ReviewQueue.Group> groups =
        switch (status) {
          case "unanswered" -> queue.unanswered(limit);
          case "disliked" -> queue.disliked(limit);
          default ->
              throw new IllegalArgumentException(
                  "parameter 'status' must be \"unanswered\" or \"disliked\"");
        };
    ctx.json(
        Map.of(
            "questions",
            groups.stream()
                .map(
                    g -> {
                      Map<String, Object> m = new LinkedHashMap<>();
                      m.put("key", g.key());
                      m.put("question", g.question());
                      m.put("count", g.count());
                      m.put("last_seen", g.lastSeen().toString());
                      m.put("channels", g.channels());
                      if (status.equals("disliked")) {
                        m.put("reasons", g.reasons());
                      }
                      return m;
                    })
                .toList()));
  }

  /** POST /api/admin/questions/dismiss {"key":"..."}. */
  public void dismiss(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode key = body.get("key");
    if (key == null || !key.isTextual() || key.asText().isBlank()) {
      throw new IllegalArgumentException("field 'key' is required: the group's key");
    }
    ctx.json(Map.of("dismissed", queue.dismiss(key.asText())));
  }

  /** POST /api/admin/answers: 201 {"id"}. With article_id, text and link come from the article. */
  public void create(Context ctx) {
    CuratedAnswer.Draft draft = draft(body(ctx));
    long id = curated.create(draft);
    dismissAnswered(draft);
    ctx.status(201).json(Map.of("id", id));
  }

  public void list(Context ctx) {
    ctx.json(Map.of("answers", curated.list().stream().map(files::toJson).toList()));
  }

  public void get(Context ctx) {
    long id = id(ctx);
    curated
        .find(id)
        .ifPresentOrElse(
            a -> ctx.json(files.toJson(a)),
            () -> ctx.status(404).json(Map.of("error", "no curated answer " + id)));
  }

  public void update(Context ctx) {
    long id = id(ctx);
    CuratedAnswer.Draft draft = draft(body(ctx));
    if (!curated.update(id, draft)) {
      ctx.status(404).json(Map.of("error", "no curated answer " + id));
      return;
    }
    dismissAnswered(draft);
    ctx.json(files.toJson(curated.find(id).orElseThrow()));
  }

  public void delete(Context ctx) {
    long id = id(ctx);
    if (curated.delete(id)) {
      ctx.status(204);
    } else {
      ctx.status(404).json(Map.of("error", "no curated answer " + id));
    }
  }

  /** GET /api/admin/answers/export?format=jsonl|csv, as a file to save. */
  public void export(Context ctx) {
    String format = format(ctx);
    ctx.header("Content-Disposition", "attachment; filename=\"cau-tra-loi." + format + "\"");
    if (format.equals("csv")) {
      ctx.contentType("text/csv; charset=utf-8").result(files.exportCsv());
    } else {
      ctx.contentType("application/x-ndjson; charset=utf-8").result(files.exportJsonLines());
    }
  }

  /** POST /api/admin/answers/import?format=jsonl|csv: all rows or none. */
  public void importFile(Context ctx) {
    String body = ctx.body();
    CuratedFiles.Imported result =
        format(ctx).equals("csv") ? files.importCsv(body) : files.importJsonLines(body);
    if (!result.errors().isEmpty()) {
      CuratedFiles.RowError first = result.errors().get(0);
      ctx.status(400)
          .json(
              Map.of(
                  "error",
                  "row " + first.row() + ": " + first.error() + " (nothing imported)",
                  "errors",
                  result.errors().stream()
                      .limit(100)
                      .map(e -> Map.of("row", e.row(), "error", e.error()))
                      .toList()));
      return;
    }
    ctx.json(
        Map.of(
            "imported",
            result.created() + result.updated(),
            "created",
            result.created(),
            "updated",
            result.updated()));
  }

  /** GET /api/admin/dashboard?days=N (1-90, default 14). */
  public void dashboard(Context ctx) {
    ctx.json(dashboard.read(intParam(ctx, "days", 14, 1, MAX_DAYS)));
  }

  private CuratedAnswer.Draft draft(JsonNode body) {
    JsonNode articleId = body.get("article_id");
    if (articleId != null && !articleId.isNull()) {
      if (!articleId.isTextual()) {
        throw new IllegalArgumentException("field 'article_id' must be a string");
      }
      Article article =
          articles
              .find(articleId.asText().strip())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "field 'article_id': no article " + articleId.asText()));
      ObjectNode filled = ((ObjectNode) body).deepCopy();
      if (!body.hasNonNull("text")) {
        filled.put("text", summary(article));
      }
      if (!body.hasNonNull("link")) {
        filled.put("link", links.of(article));
      }
      return drafts.read(filled);
    }
    return drafts.read(body);
  }

  /** What an attached article says: its title and its lead (or first paragraph), shortened. */
  private static String summary(Article article) {
    String first =
        !article.lead().isBlank()
            ? article.lead()
            : article.paragraphs().isEmpty() ? "" : article.paragraphs().get(0);
    String text = first.isBlank() ? article.title() : article.title() + "\n" + first;
    return text.length() > DraftReader.MAX_TEXT
        ? text.substring(0, DraftReader.MAX_TEXT - 1) + "…"
        : text;
  }

  /** The questions now answered leave the review queue (until they are asked again). */
  private void dismissAnswered(CuratedAnswer.Draft draft) {
    draft.questions().forEach(q -> queue.dismiss(curated.key(q)));
  }

  private JsonNode body(Context ctx) {
    JsonNode node;
    try {
      node = json.readTree(ctx.body());
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    return node;
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the id in the path must be a number");
    }
  }

  private static String format(Context ctx) {
    String format = ctx.queryParamAsClass("format", String.class).getOrDefault("jsonl");
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw new IllegalArgumentException("parameter 'format' must be \"jsonl\" or \"csv\"");
    }
    return format;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "parameter '" + name + "' must be a number from " + min + " to " + max);
  }
}
