package vn.backancity.bot.answer;

import java.time.Instant;
import java.util.List;

/**
 * One article offered as an answer.
 *
 * @param link the article's own URL, or our readable page for it
 * @param publishedAt null when unknown
 * @param excerpt one or two sentences chosen for the question
 * @param highlights the parts of {@code excerpt} that match the question, in order, not overlapping
 * @param score the ranking score (higher is better; comparable within one question only)
 * @param curated true for the city's own answer to the question (then {@code link} may be null)
 */
public record Answer(
    String articleId,
    String title,
    String link,
    Instant publishedAt,
    String excerpt,
    List<Span> highlights,
    double score,
    boolean curated) {

  public Answer {
    highlights = List.copyOf(highlights);
  }

  /** An answer found by search. */
  public Answer(
      String articleId,
      String title,
      String link,
      Instant publishedAt,
      String excerpt,
      List<Span> highlights,
      double score) {
    this(articleId, title, link, publishedAt, excerpt, highlights, score, false);
  }

  /** A range of characters, start inclusive, end exclusive. */
  public record Span(int start, int end) {}
}
