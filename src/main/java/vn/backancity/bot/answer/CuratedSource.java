package vn.backancity.bot.answer;

import java.util.Optional;

/** Where the city's own answers come from, looked up before search by a question's match key. */
@FunctionalInterface
public interface CuratedSource {
  CuratedSource NONE = key -> Optional.empty();

  /**
   * The curated answer for a normalized question ({@code QuestionAnalyzer#matchKey}), if one is in
   * force.
   */
  Optional<Answer> answerFor(String key);
}
