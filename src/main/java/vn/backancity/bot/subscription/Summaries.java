package vn.backancity.bot.subscription;

import java.util.regex.Pattern;
import vn.backancity.bot.article.Article;

/** One-sentence summaries of articles, for digests and alerts. */
final class Summaries {
  static final int MAX_CHARS = 220;
  // A sentence ends at . ! ? … followed by a space and a capital letter (or a quote).
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?…])[”\"’)]?\\s+(?=[\\p{Lu}“\"])");

  private Summaries() {}

  /** The lead's first sentence (else the first paragraph's), cut at a word near the limit. */
  static String firstSentence(Article article) {
    String text = article.prose().isEmpty() ? "" : article.prose().get(0).strip();
    String first = SENTENCE_END.split(text, 2)[0].strip();
    if (first.length() <= MAX_CHARS) {
      return first;
    }
    int cut = first.lastIndexOf(' ', MAX_CHARS - 1);
    return first.substring(0, cut > MAX_CHARS / 2 ? cut : MAX_CHARS - 1) + "…";
  }
}
