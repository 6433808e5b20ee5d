package vn.backancity.bot.answer;

/**
 * A question answered, with what the question log keeps about it.
 *
 * @param key the question's match key without diacritics (empty for a blank question): the review
 *     queue's group
 * @param cacheHit true when the search part came from the answer cache
 * @param micros how long answering took
 * @param shared true when the list is the answer cache's own, the same object on every ask of this
 *     question until the cache drops it: only such a list is worth keeping anything for by identity
 *     (a curated answer or a question with no word is a new list each time)
 */
public record Lookup(AnswerList list, String key, boolean cacheHit, long micros, boolean shared) {
  /** A list made for this ask alone. */
  public Lookup(AnswerList list, String key, boolean cacheHit, long micros) {
    this(list, key, cacheHit, micros, false);
  }

  /** The curated answer given, or null. */
  public Answer curated() {
    return list.answers().isEmpty() || !list.answers().get(0).curated()
        ? null
        : list.answers().get(0);
  }
}
