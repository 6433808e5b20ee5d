package vn.backancity.bot.answer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import vn.backancity.bot.search.NumberForms;
import vn.backancity.bot.search.VietnameseText;
import vn.backancity.bot.search.WordForm;

/** Splits display text into words with their positions, in the forms the index uses. */
final class Words {
  // Vietnamese has a few thousand syllables: their forms are computed once, not per occurrence.
  private static final int MAX_CACHED = 300_000;
  private static final ConcurrentHashMap<String, Forms> FORMS = new ConcurrentHashMap<>();

  /**
   * A written word's forms, and whether a number rule may start at it ({@link
   * NumberForms#mayStart}, a pure function of the word: most syllables are short enough to need a
   * look, a tenth of an article's analysis when asked per occurrence).
   */
  private record Forms(String canonical, String folded, boolean mayStartNumber) {}

  /**
   * One word of a text: where it stands, its canonical and folded forms, and whether it is a number
   * or capitalized (Vietnamese capitalizes names inside a sentence).
   */
  record Word(
      int start,
      int end,
      String canonical,
      String folded,
      boolean isNumber,
      boolean isCapitalized) {}

  private Words() {}

  /**
   * The words of a text: runs of letters with their marks, or numbers with their thousands and
   * decimal separators ("4.600", "99,273"). Figures, ranges and dates are written in the index's
   * one form ({@link NumberForms}): "4,6 nghìn" is one word "4600", "%" reads "phần trăm".
   */
  static List<Word> of(String text) {
    List<Word> raw = new ArrayList<>(text.length() / 5);
    List<String> written = new ArrayList<>(text.length() / 5);
    BitSet mayStart = new BitSet();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int start = i;
      if (Character.isLetter(c)) {
        i++;
        while (i < n && isLetterOrMark(text.charAt(i))) {
          i++;
        }
      } else if (Character.isDigit(c)) {
        i++;
        while (i < n) {
          char d = text.charAt(i);
          if (Character.isDigit(d)) {
            i++;
          } else if ((d == '.' || d == ',') && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
            i += 2;
          } else {
            break;
          }
        }
      } else {
        i++;
        continue;
      }
      String w = text.substring(start, i);
      Forms forms = forms(w);
      mayStart.set(raw.size(), forms.mayStartNumber());
      raw.add(
          new Word(
              start,
              i,
              forms.canonical(),
              forms.folded(),
              Character.isDigit(c),
              Character.isUpperCase(c)));
      written.add(w);
      if (Character.isDigit(c)) {
        int p = i;
        while (p < n && text.charAt(p) == ' ') {
          p++;
        }
        if (p < n && text.charAt(p) == '%') {
          // Both words stand for the one "%" sign: the second is empty, after it.
          mayStart.set(raw.size(), NumberForms.mayStart("phần"));
          mayStart.set(raw.size() + 1, NumberForms.mayStart("trăm"));
          raw.add(new Word(p, p + 1, "phần", "phan", false, false));
          raw.add(new Word(p + 1, p + 1, "trăm", "tram", false, false));
          written.add("phần");
          written.add("trăm");
        }
      }
    }
    return numbersInOneForm(raw, written, mayStart);
  }

  private static List<Word> numbersInOneForm(
      List<Word> raw, List<String> written, BitSet mayStart) {
    List<Word> words = new ArrayList<>(raw.size());
    NumberForms numbers = new NumberForms();
    int size = raw.size();
    for (int k = 0; k < size; ) {
      if (!mayStart.get(k)) {
        numbers.other();
        words.add(raw.get(k++));
        continue;
      }
      int at = k;
      NumberForms.Step step = numbers.step(j -> at + j < size ? written.get(at + j) : null);
      if (step.term() == null) {
        words.add(raw.get(k));
      } else {
        Word last = raw.get(k + step.consumed() - 1);
        words.add(new Word(raw.get(k).start(), last.end(), step.term(), step.term(), true, false));
      }
      k += step.consumed() + (step.skipNext() ? 1 : 0);
    }
    return words;
  }

  private static boolean isLetterOrMark(char c) {
    if (Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  private static Forms forms(String word) {
    if (Character.isDigit(word.charAt(0))) {
      String digits = WordForm.CANONICAL.apply(word); // numbers are many and cheap: not cached
      return new Forms(digits, digits, true);
    }
    Forms forms = FORMS.get(word);
    if (forms == null) {
      String canonical = WordForm.CANONICAL.apply(word);
      forms = new Forms(canonical, VietnameseText.fold(canonical), NumberForms.mayStart(word));
      if (FORMS.size() > MAX_CACHED) {
        FORMS.clear();
      }
      FORMS.put(word, forms);
    }
    return forms;
  }
}
