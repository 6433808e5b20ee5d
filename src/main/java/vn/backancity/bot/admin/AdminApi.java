package vn.backancity.bot.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.JsonArticleReader;

/**
 * {@code /api/admin/*}: add or replace articles (one JSON object, or JSON lines), delete one,
 * rebuild the index. Every call needs {@code Authorization: Bearer <ADMIN_TOKEN>}. A body with one
 * bad line is refused whole, naming the line: nothing is half-imported.
 */
public final class AdminApi {
  private final byte[] token;
  private final App app;
  private final ObjectMapper json;
  private final JsonArticleReader reader;

  public AdminApi(String token, App app) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.app = app;
    this.json = app.json();
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
    app.publish(articles);
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
    if (app.delete(id)) {
      ctx.status(204);
    } else {
      ctx.status(404).json(Map.of("error", "no article " + id));
    }
  }

  public void reindex(Context ctx) {
    ctx.json(Map.of("indexed", app.reindex()));
  }
}
