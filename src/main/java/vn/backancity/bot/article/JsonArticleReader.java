package vn.backancity.bot.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one article from a JSON object with fields {@code id, title, url, published_at, lead, body,
 * author, tags, captions}; all but {@code body} (or {@code lead}) are optional. The body may hold
 * one paragraph or sentence per line. A {@code url} must be an absolute http(s) address.
 */
public final class JsonArticleReader {
  private final ObjectMapper json;

  public JsonArticleReader(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Parses one JSON object. {@code fallbackId} names the article when the object has no id.
   *
   * @throws IllegalArgumentException with a short reason when the object is not a usable article
   */
  public Article read(String line, String fallbackId) {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    }
    return read(node, fallbackId);
  }

  /** As {@link #read(String, String)}, from a parsed object. */
  public Article read(JsonNode node, String fallbackId) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = text(node, "id");
    if (id == null) {
      id = fallbackId;
    }
    List<String> body = ArticleText.paragraphs(orEmpty(text(node, "body")));
    String lead = ArticleText.withoutDateline(ArticleText.clean(text(node, "lead")));
    if (lead.isEmpty() && body.isEmpty()) {
      throw new IllegalArgumentException("article " + id + " has neither lead nor body");
    }
    String title = ArticleText.clean(text(node, "title"));
    if (title.isEmpty()) {
      title = ArticleText.deriveTitle(lead.isEmpty() ? body.get(0) : lead);
    }
    String url = blankToNull(text(node, "url"));
    if (url != null) {
      url = url.strip();
      if (!Article.isWebAddress(url)) {
        // Shown as a link on our own origin: anything but http(s) could run script there.
        throw new IllegalArgumentException("field 'url' must be an http(s) address");
      }
    }
    String published = text(node, "published_at");
    return new Article(
        id,
        title,
        url,
        published == null ? null : PublishedDates.parse(published),
        lead,
        body,
        strings(node.get("captions"), "\\n"),
        blankToNull(ArticleText.clean(text(node, "author"))),
        strings(node.get("tags"), "[,\\n]"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return value.asText();
  }

  private static List<String> strings(JsonNode value, String separator) {
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isArray()) {
      value.forEach(v -> addClean(out, v.asText()));
    } else {
      for (String part : value.asText().split(separator)) {
        addClean(out, part);
      }
    }
    return out;
  }

  private static void addClean(List<String> out, String text) {
    String cleaned = ArticleText.clean(text);
    if (!cleaned.isEmpty()) {
      out.add(cleaned);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
