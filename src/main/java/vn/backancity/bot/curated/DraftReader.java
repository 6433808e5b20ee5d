package vn.backancity.bot.curated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import vn.backancity.bot.article.Article;

/**
 * Reads and checks a curated answer as the admin API and the import files give it: {@code
 * {"questions":[...],"text":"...","link":"https://...","expires_at":"2026-12-31T23:59:00+07:00"}}.
 * Every refusal is an {@link IllegalArgumentException} naming the field.
 */
public final class DraftReader {
  public static final int MAX_QUESTIONS = 50;
  public static final int MAX_QUESTION = 500;
  public static final int MAX_TEXT = 3000;
  public static final int MAX_LINK = 2000;

  private final CuratedAnswers answers;
  private final Clock clock;

  public DraftReader(CuratedAnswers answers, Clock clock) {
    this.answers = answers;
    this.clock = clock;
  }

  /** The draft in a JSON object; {@code text} and {@code link} may be given by the caller. */
  public CuratedAnswer.Draft read(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    return new CuratedAnswer.Draft(
        questions(node.get("questions")),
        text(node),
        link(optional(node, "link")),
        expiry(optional(node, "expires_at")));
  }

  private List<String> questions(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException(
          "field 'questions' is required: a list of 1-" + MAX_QUESTIONS + " questions");
    }
    if (node.size() > MAX_QUESTIONS) {
      throw new IllegalArgumentException(
          "field 'questions' has more than " + MAX_QUESTIONS + " questions");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode q : node) {
      if (!q.isTextual() || q.asText().isBlank()) {
        throw new IllegalArgumentException("field 'questions' must hold non-empty strings");
      }
      String question = q.asText().strip();
      if (question.length() > MAX_QUESTION) {
        throw new IllegalArgumentException(
            "field 'questions' has a question longer than " + MAX_QUESTION + " characters");
      }
      if (answers.key(question).isEmpty()) {
        throw new IllegalArgumentException(
            "field 'questions' has a question without words: \"" + question + "\"");
      }
      if (!out.contains(question)) {
        out.add(question);
      }
    }
    return out;
  }

  private static String text(JsonNode node) {
    String text = optional(node, "text");
    if (text == null) {
      throw new IllegalArgumentException("field 'text' is required and must be a non-empty string");
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("field 'text' is longer than " + MAX_TEXT + " characters");
    }
    return text;
  }

  private static String link(String link) {
    if (link != null && (link.length() > MAX_LINK || !Article.isWebAddress(link))) {
      throw new IllegalArgumentException("field 'link' must be an http(s) URL");
    }
    return link;
  }

  private Instant expiry(String value) {
    if (value == null) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field 'expires_at' must be a date-time with offset, e.g. 2026-12-31T23:59:00+07:00");
    }
    if (!at.isAfter(clock.instant())) {
      throw new IllegalArgumentException("field 'expires_at' must be in the future");
    }
    return at;
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return value.asText().isBlank() ? null : value.asText().strip();
  }
}
