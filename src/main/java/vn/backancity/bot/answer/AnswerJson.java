package vn.backancity.bot.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON shape of answers, shared by {@code ask --json} and {@code GET /api/ask}: {@code
 * {"question":"...","answers":[{"id","title","url","excerpt","score", ...}]}}.
 */
public final class AnswerJson {
  private AnswerJson() {}

  public static ObjectNode of(ObjectMapper json, String question, List<Answer> answers) {
    ObjectNode root = json.createObjectNode();
    root.put("question", question);
    ArrayNode list = root.putArray("answers");
    for (Answer a : answers) {
      ObjectNode node = list.addObject();
      node.put("id", a.articleId());
      node.put("title", a.title());
      node.put("url", a.link());
      node.put("excerpt", a.excerpt());
      node.put("score", Math.round(a.score() * 1000) / 1000.0);
      node.put("curated", a.curated());
      if (a.publishedAt() != null) {
        node.put("published_at", a.publishedAt().toString());
      }
      ArrayNode spans = node.putArray("highlights");
      a.highlights().forEach(s -> spans.addArray().add(s.start()).add(s.end()));
    }
    return root;
  }
}
