package vn.backancity.bot.answer;

import java.util.List;

/**
 * A sentence (or, for a very long sentence, a clause) an excerpt can be made of.
 *
 * @param paragraph index of its paragraph within the article (captions follow the prose)
 * @param caption true for a photo caption rather than prose
 * @param opens true when it starts its sentence; false for a later clause
 * @param closes true when it ends its sentence; false for an earlier clause
 */
record Passage(
    String text,
    int paragraph,
    boolean caption,
    boolean opens,
    boolean closes,
    List<Words.Word> words) {

  static Passage of(String text, int paragraph, boolean caption, boolean opens, boolean closes) {
    return new Passage(text, paragraph, caption, opens, closes, Words.of(text));
  }

  /** The text as shown: "…" where a clause was cut from its sentence. */
  String display() {
    return (opens ? "" : "…") + text + (closes ? "" : "…");
  }
}
