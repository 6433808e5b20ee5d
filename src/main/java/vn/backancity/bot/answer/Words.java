package vn.backancity.bot.answer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import vn.backancity.bot.search.NumberForms;
import vn.backancity.bot.search.VietnameseText;
import vn.backancity.bot.search.WordForm;

/** Splits display text into words with their positions, in the forms the index uses. */
final class Words {
  // Vietnamese has a few thousand syllables: their forms are computed once, not per occurrence.
  private static final FormTable FORMS = new FormTable(19);

  /**
   * A written word's forms, and whether a number rule may start at it ({@link
   * NumberForms#mayStart}, a pure function of the word: most syllables are short enough to need a
   * look, a tenth of an article's analysis when asked per occurrence).
   */
  record Forms(String written, int hash, String canonical, String folded, boolean mayStartNumber) {}

  /**
   * Words' forms by the words' characters, found without copying a word out of its text (a copy and
   * a hash map lookup per word of every candidate article were a seventh of an uncached answer's
   * time). Open addressing, filled at most half; readers never lock, a writer claims an empty slot
   * with one compare-and-set, and a full table is replaced by an empty one.
   */
  static final class FormTable {
    private final int bits;
    private final int mask;
    private final int capacity;
    private volatile AtomicReferenceArray<Forms> slots;
    private final AtomicInteger size = new AtomicInteger();

    FormTable(int bits) {
      this.bits = bits;
      this.mask = (1 << bits) - 1;
      this.capacity = 1 << (bits - 1);
      this.slots = new AtomicReferenceArray<>(1 << bits);
    }

    /** The forms of {@code text[start, end)}, whose {@link String#hashCode} is {@code hash}. */
    Forms get(String text, int start, int end, int hash) {
      AtomicReferenceArray<Forms> table = slots;
      int length = end - start;
      for (int i = slot(hash); ; i = (i + 1) & mask) {
        Forms f = table.get(i);
        if (f == null) {
          return null;
        }
        if (f.hash() == hash && f.written().length() == length && same(text, start, f.written())) {
          return f;
        }
      }
    }

    /**
     * Whether {@code text} holds {@code word} at {@code start}, compared char by char: for words of
     * a few letters this costs less than {@link String#regionMatches}, whose checks and array
     * comparison stub were a tenth of an uncached answer's CPU (JFR, one core).
     */
    private static boolean same(String text, int start, String word) {
      for (int k = 0; k < word.length(); k++) {
        if (text.charAt(start + k) != word.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    void put(Forms forms) {
      if (size.incrementAndGet() > capacity) {
        // Full: start again (an article archive's words fit many times over; only made-up words
        // could fill it, and they would otherwise keep the real ones out).
        slots = new AtomicReferenceArray<>(1 << bits);
        size.set(1);
      }
      AtomicReferenceArray<Forms> table = slots;
      for (int i = slot(forms.hash()); ; i = (i + 1) & mask) {
        Forms f = table.get(i);
        if (f == null && table.compareAndSet(i, null, forms)) {
          return;
        }
        f = table.get(i);
        if (f.hash() == forms.hash() && f.written().equals(forms.written())) {
          size.decrementAndGet(); // another thread put the same word first
          return;
        }
      }
    }

    int size() {
      return size.get();
    }

    private int slot(int hash) {
      return (hash * 0x9E3779B9) >>> (32 - bits);
    }
  }

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

  /** Whether the words hold these folded words one after the other. */
  static boolean containPhrase(List<Word> words, List<String> phrase) {
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      int k = 0;
      while (k < phrase.size() && words.get(i + k).folded().equals(phrase.get(k))) {
        k++;
      }
      if (k == phrase.size()) {
        return true;
      }
    }
    return false;
  }

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
      // A word's String.hashCode, made while it is read: the key of its forms.
      int hash = c;
      if (Character.isLetter(c)) {
        i++;
        for (char d; i < n && isLetterOrMark(d = text.charAt(i)); i++) {
          hash = 31 * hash + d;
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
      Forms forms = forms(text, start, i, hash);
      mayStart.set(raw.size(), forms.mayStartNumber());
      raw.add(
          new Word(
              start,
              i,
              forms.canonical(),
              forms.folded(),
              Character.isDigit(c),
              Character.isUpperCase(c)));
      written.add(forms.written());
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
        numbers.other(written.get(k));
        words.add(raw.get(k++));
        continue;
      }
      int at = k;
      NumberForms.Step step = numbers.step(j -> at + j < size ? written.get(at + j) : null);
      if (step.term() == null) {
        words.add(raw.get(k));
      } else {
        Word last = raw.get(k + step.consumed() - 1);
        // A Roman numeral stays capitalized, as written (a compound of number words does not).
        boolean capitals = step.consumed() == 1 && NumberForms.isRoman(written.get(k));
        words.add(
            new Word(raw.get(k).start(), last.end(), step.term(), step.term(), true, capitals));
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

  /**
   * The forms of the word {@code text[start, end)}; {@code hash} is its hash when a letter word.
   */
  private static Forms forms(String text, int start, int end, int hash) {
    if (Character.isDigit(text.charAt(start))) {
      String digits = text.substring(start, end);
      String canonical = WordForm.CANONICAL.apply(digits); // numbers are many: not kept
      return new Forms(digits, 0, canonical, canonical, true);
    }
    Forms forms = FORMS.get(text, start, end, hash);
    if (forms == null) {
      String word = text.substring(start, end);
      String canonical = WordForm.CANONICAL.apply(word);
      forms =
          new Forms(
              word, hash, canonical, VietnameseText.fold(canonical), NumberForms.mayStart(word));
      FORMS.put(forms);
    }
    return forms;
  }
}
