package vn.backancity.bot.answer;

import java.util.Optional;

/** Where the city's own answers come from, looked up before search by a question's match keys. */
@FunctionalInterface
public interface CuratedSource {
  CuratedSource NONE = (exact, folded) -> Optional.empty();

  /**
   * The curated answer in force for a question: one of its variants has the question's key as
   * typed, or else (only when that is not ambiguous) the key of the question without diacritics.
   *
   * @param exact {@code QueryTerms#matchKey} of the question as asked when it has diacritics, else
   *     empty (then only the folded key can match, and only when that is not ambiguous)
   * @param folded {@code QuestionAnalyzer#foldedKey} of the question
   */
  Optional<Answer> answerFor(String exact, String folded);
}
