package vn.backancity.bot.eval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways people mistype a title when they look for an article: without diacritics, in decomposed
 * Unicode, with the other tone-mark style, with abbreviations for long forms.
 */
final class QueryVariants {
  // Tone marks: grave, acute, tilde, hook above, dot below.
  private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
  private static final Pattern CLUSTER =
      Pattern.compile("(?i)(o)(\\p{M}?)(a|e)(\\p{M}?)$|(u)(\\p{M}?)(y)(\\p{M}?)$");

  private final List<String[]> abbreviations;

  /**
   * @param abbreviations pairs {abbreviation, long form}
   */
  QueryVariants(List<String[]> abbreviations) {
    // Longest long forms first: "thành phố Hồ Chí Minh" before "thành phố".
    this.abbreviations = new ArrayList<>(abbreviations);
    this.abbreviations.sort((a, b) -> b[1].length() - a[1].length());
  }

  static String noDiacritics(String text) {
    StringBuilder out = new StringBuilder();
    String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
    for (int i = 0; i < nfd.length(); i++) {
      char c = nfd.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      out.append(c == 'đ' ? 'd' : c == 'Đ' ? 'D' : c);
    }
    return out.toString();
  }

  static String nfd(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD);
  }

  /**
   * The title with the other tone placement on "oa", "oe", "uy" at the end of a syllable: "hoà" ↔
   * "hòa", "thuỷ" ↔ "thủy". Words without such a cluster are unchanged.
   */
  static String otherToneStyle(String text) {
    Matcher words = WORD.matcher(Normalizer.normalize(text, Normalizer.Form.NFD));
    StringBuilder out = new StringBuilder();
    while (words.find()) {
      words.appendReplacement(out, Matcher.quoteReplacement(swapTone(words.group())));
    }
    words.appendTail(out);
    return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
  }

  private static String swapTone(String nfdWord) {
    Matcher m = CLUSTER.matcher(nfdWord);
    if (!m.find()) {
      return nfdWord;
    }
    boolean oa = m.group(1) != null;
    String first = oa ? m.group(1) : m.group(5);
    String firstMark = oa ? m.group(2) : m.group(6);
    String second = oa ? m.group(3) : m.group(7);
    String secondMark = oa ? m.group(4) : m.group(8);
    boolean firstTone = !firstMark.isEmpty() && TONES.contains(firstMark);
    boolean secondTone = !secondMark.isEmpty() && TONES.contains(secondMark);
    if (firstTone == secondTone) {
      return nfdWord;
    }
    String tone = firstTone ? firstMark : secondMark;
    String swapped = firstTone ? first + second + tone : first + tone + second;
    return nfdWord.substring(0, m.start()) + swapped;
  }

  /** Long forms replaced by their abbreviations: "Ủy ban nhân dân tỉnh" → "UBND tỉnh". */
  String abbreviated(String text) {
    String out = text;
    for (String[] pair : abbreviations) {
      Pattern longForm =
          Pattern.compile(
              "(?<![\\p{L}\\p{M}])" + Pattern.quote(pair[1]) + "(?![\\p{L}\\p{M}])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      out = longForm.matcher(out).replaceAll(Matcher.quoteReplacement(pair[0]));
    }
    return out;
  }

  /** Up to ten lower-case words from the lead, starting at its third word. */
  static String leadFragment(String lead) {
    List<String> words = new ArrayList<>(List.of(lead.strip().split("\\s+")));
    if (words.size() < 6) {
      return lead.toLowerCase(Locale.ROOT);
    }
    int from = Math.min(2, words.size() - 4);
    return String.join(" ", words.subList(from, Math.min(words.size(), from + 10)))
        .toLowerCase(Locale.ROOT);
  }
}
