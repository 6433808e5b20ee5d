package vn.backancity.bot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;
import vn.backancity.bot.search.NumberForms;
import vn.backancity.bot.search.VietnameseText;
import vn.backancity.bot.search.WordForm;

/** Splits display text into words with their positions, in the forms the index uses. */
final class Words {
  // Vietnamese has a few thousand syllables: their forms are computed once, not per occurrence.
  private static final FormTable FORMS = new FormTable(19);

  /**
   * A written word's forms, whether a number rule may start at it ({@link NumberForms#mayStart}),
   * and whether it is a word of rank ({@link NumberForms#isRank}): pure functions of the word, a
   * tenth and a twentieth of an article's analysis when asked per occurrence. {@code chars} are the
   * written word's, which the table compares (not to be changed; null for a figure, not kept).
   */
  record Forms(
      String written,
      char[] chars,
      int hash,
      String canonical,
      String folded,
      boolean mayStartNumber,
      boolean rank) {
    static Forms of(String word, int hash) {
      String canonical = WordForm.CANONICAL.apply(word);
      return new Forms(
          word,
          word.toCharArray(),
          hash,
          canonical,
          VietnameseText.fold(canonical),
          NumberForms.mayStart(word),
          NumberForms.isRank(word));
    }
  }

  // The two words a "%" after a figure reads as.
  private static final Forms PHAN = Forms.of("phần", "phần".hashCode());
  private static final Forms TRAM = Forms.of("trăm", "trăm".hashCode());

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
    Forms get(char[] text, int start, int end, int hash) {
      AtomicReferenceArray<Forms> table = slots;
      int length = end - start;
      for (int i = slot(hash); ; i = (i + 1) & mask) {
        Forms f = table.get(i);
        if (f == null) {
          return null;
        }
        if (f.hash() == hash && f.chars().length == length && same(text, start, f.chars())) {
          return f;
        }
      }
    }

    /**
     * Whether {@code text} holds {@code word} at {@code start}, compared char by char: for words of
     * a few letters this costs less than {@link String#regionMatches}, whose checks and array
     * comparison stub were a tenth of an uncached answer's CPU (JFR, one core).
     */
    private static boolean same(char[] text, int start, char[] word) {
      for (int k = 0; k < word.length; k++) {
        if (text[start + k] != word[k]) {
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
  static List<Word> of(String string) {
    // Read from an array: a String's charAt checks its coding and bounds at every char.
    char[] text = string.toCharArray();
    List<Word> raw = new ArrayList<>(text.length / 5);
    List<Forms> written = new ArrayList<>(text.length / 5);
    int n = text.length;
    int i = 0;
    while (i < n) {
      char c = text[i];
      int start = i;
      // A word's String.hashCode, made while it is read: the key of its forms.
      int hash = c;
      if (in(LETTERS, c)) {
        i++;
        for (char d; i < n && in(LETTERS_AND_MARKS, d = text[i]); i++) {
          hash = 31 * hash + d;
        }
      } else if (Character.isDigit(c)) {
        i++;
        while (i < n) {
          char d = text[i];
          if (Character.isDigit(d)) {
            i++;
          } else if ((d == '.' || d == ',') && i + 1 < n && Character.isDigit(text[i + 1])) {
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
      raw.add(
          new Word(
              start,
              i,
              forms.canonical(),
              forms.folded(),
              Character.isDigit(c),
              Character.isUpperCase(c)));
      written.add(forms);
      if (Character.isDigit(c)) {
        int p = i;
        while (p < n && text[p] == ' ') {
          p++;
        }
        if (p < n && text[p] == '%') {
          // Both words stand for the one "%" sign: the second is empty, after it.
          raw.add(new Word(p, p + 1, PHAN.canonical(), PHAN.folded(), false, false));
          raw.add(new Word(p + 1, p + 1, TRAM.canonical(), TRAM.folded(), false, false));
          written.add(PHAN);
          written.add(TRAM);
        }
      }
    }
    return numbersInOneForm(raw, written);
  }

  private static List<Word> numbersInOneForm(List<Word> raw, List<Forms> written) {
    List<Word> words = new ArrayList<>(raw.size());
    NumberForms numbers = new NumberForms();
    int size = raw.size();
    for (int k = 0; k < size; ) {
      Forms forms = written.get(k);
      if (!forms.mayStartNumber()) {
        numbers.other(forms.rank());
        words.add(raw.get(k++));
        continue;
      }
      int at = k;
      NumberForms.Step step =
          numbers.step(j -> at + j < size ? written.get(at + j).written() : null);
      if (step.term() == null) {
        words.add(raw.get(k));
      } else {
        Word last = raw.get(k + step.consumed() - 1);
        // A Roman numeral stays capitalized, as written (a compound of number words does not).
        boolean capitals = step.consumed() == 1 && NumberForms.isRoman(forms.written());
        words.add(
            new Word(raw.get(k).start(), last.end(), step.term(), step.term(), true, capitals));
      }
      k += step.consumed() + (step.skipNext() ? 1 : 0);
    }
    return words;
  }

  // Which chars are letters, and letters or combining marks, one bit each: a word's every char is
  // looked up (Character's own lookups were a tenth of the time spent splitting words).
  private static final long[] LETTERS = bits(Character::isLetter);
  private static final long[] LETTERS_AND_MARKS = bits(Words::isLetterOrMark);

  private static long[] bits(IntPredicate test) {
    long[] bits = new long[(Character.MAX_VALUE + 1) / 64];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (test.test(c)) {
        bits[c >>> 6] |= 1L << c;
      }
    }
    return bits;
  }

  private static boolean in(long[] bits, char c) {
    return (bits[c >>> 6] & (1L << c)) != 0;
  }

  private static boolean isLetterOrMark(int c) {
    if (Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /**
   * The forms of the word {@code text[start, end)}; {@code hash} is its hash when a letter word.
   */
  private static Forms forms(char[] text, int start, int end, int hash) {
    if (Character.isDigit(text[start])) {
      String digits = new String(text, start, end - start);
      String canonical = WordForm.CANONICAL.apply(digits); // numbers are many: not kept
      return new Forms(digits, null, 0, canonical, canonical, true, false);
    }
    Forms forms = FORMS.get(text, start, end, hash);
    if (forms == null) {
      forms = Forms.of(new String(text, start, end - start), hash);
      FORMS.put(forms);
    }
    return forms;
  }
}
