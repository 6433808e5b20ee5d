package vn.backancity.bot.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON shape of answers, shared by {@code ask --json} and {@code GET /api/ask}: {@code
 * {"question":"...","answers":[{"id","title","url","excerpt","score","tier", ...}]}}. With {@link
 * #of(ObjectMapper, AnswerList, int)} also {@code "suggestions"} (the "possibly related" tier,
 * {@code "tier":"related"}, when no answer is confident) and {@code "ask_back"} (true when the
 * first two answers are about different things with close scores: show them as a choice).
 */
public final class AnswerJson {
  private AnswerJson() {}

  /** The first {@code limit} answers of a list, its suggestions, and whether to ask back. */
  public static ObjectNode of(ObjectMapper json, AnswerList list, int limit) {
    ObjectNode root = of(json, list.question(), list.page(0, limit));
    add(root.putArray("suggestions"), list.suggestions(), RELATED);
    root.put("ask_back", list.choices());
    return root;
  }

  /** The tier of a confident answer. */
  public static final String CONFIDENT = "confident";

  /** The tier of a "possibly related" suggestion. */
  public static final String RELATED = "related";

  public static ObjectNode of(ObjectMapper json, String question, List<Answer> answers) {
    ObjectNode root = json.createObjectNode();
    root.put("question", question);
    add(root.putArray("answers"), answers, CONFIDENT);
    return root;
  }

  private static void add(ArrayNode list, List<Answer> answers, String tier) {
    for (Answer a : answers) {
      ObjectNode node = list.addObject();
      node.put("tier", tier);
      node.put("id", a.articleId());
      node.put("title", a.title());
      node.put("url", a.link());
      node.put("excerpt", a.excerpt());
      node.put("score", Math.round(a.score() * 1000) / 1000.0);
      node.put("curated", a.curated());
      if (a.publishedAt() != null) {
        node.put("published_at", a.publishedAt().toString());
      }
      if (a.placesChangedOn() != null) {
        node.put("places_changed_on", a.placesChangedOn().toString());
      }
      ArrayNode spans = node.putArray("highlights");
      a.highlights().forEach(s -> spans.addArray().add(s.start()).add(s.end()));
    }
  }
}
