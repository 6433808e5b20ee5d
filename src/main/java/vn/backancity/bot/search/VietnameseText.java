package vn.backancity.bot.search;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalization of Vietnamese words shared by indexing, query building and excerpt matching.
 *
 * <p>Three forms of a word matter here:
 *
 * <ul>
 *   <li>{@link #nfc(String) NFC}: decomposed input ("a" + U+0301) becomes one precomposed letter.
 *   <li>{@link #canonicalWord(String) canonical}: lower case, with the tone mark placed by one
 *       rule, so that "hoà" and "hòa", "thuỷ" and "thủy" are the same word.
 *   <li>{@link #fold(String) folded}: no diacritics at all and đ→d, so "bac kan" meets "Bắc Kạn".
 * </ul>
 *
 * <p>Vowels are handled through a table built once from the JDK's normalizer, so the per-word work
 * is plain character arithmetic (this runs for every token of every article).
 */
public final class VietnameseText {

  private static final String VOWELS = "aăâeêioôơuưy";
  private static final String SHAPED_VOWELS = "ăâêôơư";
  // Combining tone marks: grave, acute, tilde, hook above, dot below.
  private static final char[] TONE_MARKS = {'\u0300', '\u0301', '\u0303', '\u0309', '\u0323'};

  /** For a lower-case precomposed vowel: its vowel without tone, or 0 when not a vowel. */
  private static final char[] BASE = new char[0x2000];

  /** For a lower-case precomposed vowel: its tone 1..5, 0 for none. */
  private static final byte[] TONE = new byte[0x2000];

  /** For a lower-case precomposed vowel: the plain ASCII letter. */
  private static final char[] ASCII = new char[0x2000];

  /** Precomposed vowel for [index in VOWELS][tone]. */
  private static final char[][] WITH_TONE = new char[VOWELS.length()][TONE_MARKS.length + 1];

  static {
    for (int v = 0; v < VOWELS.length(); v++) {
      char base = VOWELS.charAt(v);
      char ascii = Normalizer.normalize(String.valueOf(base), Normalizer.Form.NFD).charAt(0);
      for (int t = 0; t <= TONE_MARKS.length; t++) {
        String composed =
            t == 0
                ? String.valueOf(base)
                : Normalizer.normalize(
                    base + String.valueOf(TONE_MARKS[t - 1]), Normalizer.Form.NFC);
        if (composed.length() != 1) {
          throw new IllegalStateException("no precomposed form for " + base + " tone " + t);
        }
        char c = composed.charAt(0);
        BASE[c] = base;
        TONE[c] = (byte) t;
        ASCII[c] = ascii;
        WITH_TONE[v][t] = c;
      }
    }
  }

  private VietnameseText() {}

  /** Text in Unicode NFC; cheap when it already is. */
  public static String nfc(String text) {
    return Normalizer.isNormalized(text, Normalizer.Form.NFC)
        ? text
        : Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  /**
   * A word in lower case with its tone mark on the vowel chosen by one fixed rule (the modern one:
   * hoà, khoẻ, thuỷ), whatever style it was written in. Expects NFC input.
   */
  public static String canonicalWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    int tone = 0;
    int toneAt = -1;
    char[] chars = null;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c < BASE.length && TONE[c] != 0) {
        if (chars == null) {
          chars = lower.toCharArray();
        }
        if (tone == 0) {
          tone = TONE[c];
          toneAt = i;
        }
        chars[i] = BASE[c];
      }
    }
    if (chars == null) {
      return lower;
    }
    int target = toneTarget(chars);
    if (target < 0) {
      target = toneAt;
    }
    chars[target] = WITH_TONE[VOWELS.indexOf(chars[target])][tone];
    return new String(chars);
  }

  /** Where the tone mark goes in a toneless lower-case syllable, or -1 when it has no vowel. */
  static int toneTarget(char[] s) {
    int start = 0;
    while (start < s.length && !isVowel(s[start])) {
      start++;
    }
    if (start == s.length) {
      return -1;
    }
    // "qu" and "gi" (before another vowel) are consonants: quý, giá.
    if (start == 1 && start + 1 < s.length && isVowel(s[start + 1])) {
      if ((s[0] == 'q' && s[1] == 'u') || (s[0] == 'g' && s[1] == 'i')) {
        start++;
      }
    }
    int end = start;
    while (end < s.length && isVowel(s[end])) {
      end++;
    }
    int length = end - start;
    for (int i = end - 1; i >= start; i--) {
      if (SHAPED_VOWELS.indexOf(s[i]) >= 0) {
        return i;
      }
    }
    if (length == 1) {
      return start;
    }
    if (end < s.length) {
      return end - 1; // closed syllable: hoàng, toán, huỳnh
    }
    if (length == 2) {
      String pair = new String(s, start, 2);
      boolean secondTakesTone = pair.equals("oa") || pair.equals("oe") || pair.equals("uy");
      return secondTakesTone ? start + 1 : start;
    }
    return start + 1; // three vowels, open: ngoài, khuya, xoáy
  }

  private static boolean isVowel(char c) {
    return VOWELS.indexOf(c) >= 0;
  }

  /**
   * Lower case without any diacritics, đ→d: "Bắc Kạn" → "bac kan". Letters of other alphabets with
   * marks (é, ñ) lose them too. Expects NFC input; decomposed marks are dropped as well.
   */
  public static String fold(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char folded = foldChar(c);
      if (folded != c && out == null) {
        out = new StringBuilder(text.length());
        out.append(text, 0, i);
      }
      if (out != null && folded != 0) {
        out.append(folded);
      }
    }
    return out == null ? text : out.toString();
  }

  /** The folded character, or 0 for a combining mark that folding removes. */
  private static char foldChar(char c) {
    if (c < 'A') {
      return c;
    }
    if (c <= 'Z') {
      return (char) (c + 32);
    }
    if (c < 0x80) {
      return c;
    }
    char lower = Character.toLowerCase(c);
    if (lower == 'đ') {
      return 'd';
    }
    if (lower < ASCII.length && ASCII[lower] != 0) {
      return ASCII[lower];
    }
    if (Character.getType(c) == Character.NON_SPACING_MARK) {
      return 0;
    }
    String decomposed = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
    return decomposed.charAt(0);
  }

  /** True when the word carries any Vietnamese diacritic (so its exact form says more). */
  public static boolean hasDiacritics(String word) {
    return !fold(word).equals(word.toLowerCase(Locale.ROOT));
  }
}
