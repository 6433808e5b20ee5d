package vn.backancity.bot.chat;

import java.util.List;

/** Reading typed commands word by word ("dang ky chu de …", "gio yen lang …"). */
public final class TypedWords {
  private TypedWords() {}

  /** How many words at {@code from} spell one of the phrases (folded), 0 when none does. */
  public static int prefix(List<String> folded, int from, String... phrases) {
    for (String phrase : phrases) {
      String[] p = phrase.split(" ");
      if (from + p.length <= folded.size()
          && String.join(" ", folded.subList(from, from + p.length)).equals(phrase)) {
        return p.length;
      }
    }
    return 0;
  }

  /** The words from {@code from} on, as typed, joined by single spaces. */
  public static String rest(List<String> words, int from) {
    return from >= words.size() ? "" : String.join(" ", words.subList(from, words.size())).strip();
  }
}
