package vn.backancity.bot.answer;

import java.time.Instant;
import java.time.LocalDate;
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
 * @param placesChangedOn when the article was published before a change of an administrative unit
 *     it names (config/renamed-places.tsv), the date of that change; else null
 */
public record Answer(
    String articleId,
    String title,
    String link,
    Instant publishedAt,
    String excerpt,
    List<Span> highlights,
    double score,
    boolean curated,
    LocalDate placesChangedOn) {

  public Answer {
    highlights = List.copyOf(highlights);
  }

  public Answer(
      String articleId,
      String title,
      String link,
      Instant publishedAt,
      String excerpt,
      List<Span> highlights,
      double score,
      boolean curated) {
    this(articleId, title, link, publishedAt, excerpt, highlights, score, curated, null);
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
    this(articleId, title, link, publishedAt, excerpt, highlights, score, false, null);
  }

  /** A range of characters, start inclusive, end exclusive. */
  public record Span(int start, int end) {}
}
