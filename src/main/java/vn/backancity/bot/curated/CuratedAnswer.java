package vn.backancity.bot.curated;

import java.time.Instant;
import java.util.List;

/**
 * One curated answer.
 *
 * @param questions the question variants it answers, as the editor wrote them
 * @param link null when there is none
 * @param expiresAt null when it never expires
 */
public record CuratedAnswer(
    long id,
    List<String> questions,
    String text,
    String link,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt) {
  public CuratedAnswer {
    questions = List.copyOf(questions);
  }

  /** What an editor gives: questions, text, link and expiry (null: none). */
  public record Draft(List<String> questions, String text, String link, Instant expiresAt) {
    public Draft {
      questions = List.copyOf(questions);
    }
  }
}
