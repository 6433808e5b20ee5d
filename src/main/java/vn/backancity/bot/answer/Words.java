package vn.backancity.bot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.search.WordForm;

/** Splits display text into words with their positions, in the forms the index uses. */
final class Words {
  // Letters with their marks, or a number with its thousands and decimal separators (4.600;
  // 99,273).
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+|\\p{N}+(?:[.,]\\p{N}+)*");

  /** One word of a text: where it stands, and its canonical and folded forms. */
  record Word(int start, int end, String text, String canonical, String folded) {
    boolean isNumber() {
      return Character.isDigit(text.charAt(0));
    }

    boolean isCapitalized() {
      return Character.isUpperCase(text.charAt(0));
    }
  }

  private Words() {}

  static List<Word> of(String text) {
    List<Word> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group();
      words.add(
          new Word(m.start(), m.end(), w, WordForm.CANONICAL.apply(w), WordForm.FOLDED.apply(w)));
    }
    return words;
  }
}
