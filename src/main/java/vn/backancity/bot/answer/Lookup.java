package vn.backancity.bot.answer;

/**
 * A question answered, with what the question log keeps about it.
 *
 * @param key the question's match key (empty for a blank question)
 * @param cacheHit true when the search part came from the answer cache
 * @param micros how long answering took
 */
public record Lookup(AnswerList list, String key, boolean cacheHit, long micros) {
  /** The curated answer given, or null. */
  public Answer curated() {
    return list.answers().isEmpty() || !list.answers().get(0).curated()
        ? null
        : list.answers().get(0);
  }
}
