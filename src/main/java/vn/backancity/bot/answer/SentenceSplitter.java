package vn.backancity.bot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.article.Article;

/**
 * Splits an article into passages: sentences, with photo captions kept apart and very long
 * sentences cut into clauses at semicolons (portal reports pack a dozen figures into one sentence).
 */
final class SentenceSplitter {
  static final int LONG_SENTENCE = 260;
  static final int MAX_WORDS = 1500;

  private static final String CLOSERS = "”\"’»)";
  private static final java.util.function.IntPredicate OPENERS =
      ch -> Character.isUpperCase(ch) || Character.isDigit(ch) || "“\"«(".indexOf(ch) >= 0;
  // Words that end with a dot without ending the sentence: "TP. Bắc Kạn", "ThS. Nguyễn".
  private static final Set<String> DOTTED =
      Set.of(
          "tp", "tx", "q", "p", "h", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "st", "mr", "dr");
  // A heading in capitals glued to the sentence after it: "MỘT SỐ CHỈ TIÊU ... KẾ HOẠCH Tổng mức".
  private static final Pattern CAPS_HEADING =
      Pattern.compile("^((?:[\\p{Lu}\\p{N}]+[,:]?\\s+){3,}?)(?=\\p{Lu}\\p{Ll})");

  private SentenceSplitter() {}

  /**
   * The passages of an article: its prose up to about {@link #MAX_WORDS} words (the answer to a
   * question is rarely deep in a very long report, and analyzing it all would make a few questions
   * slow for everyone), then its captions.
   */
  static List<Passage> passages(Article article) {
    List<Passage> out = new ArrayList<>();
    List<String> prose = article.prose();
    int words = 0;
    for (int p = 0; p < prose.size() && words < MAX_WORDS; p++) {
      int before = out.size();
      addParagraph(out, prose.get(p), p, false);
      for (int i = before; i < out.size(); i++) {
        words += out.get(i).words().size();
      }
    }
    for (int c = 0; c < article.captions().size(); c++) {
      addParagraph(out, article.captions().get(c), prose.size() + c, true);
    }
    return out;
  }

  private static void addParagraph(
      List<Passage> out, String paragraph, int index, boolean caption) {
    for (String sentence : sentences(withoutEndMarker(paragraph))) {
      if (sentence.length() <= LONG_SENTENCE || !sentence.contains(";")) {
        out.add(Passage.of(sentence, index, caption, true, true));
        continue;
      }
      List<String> clauses = clauses(sentence);
      for (int k = 0; k < clauses.size(); k++) {
        if (!clauses.get(k).isBlank()) {
          String text = clauses.get(k).strip();
          out.add(Passage.of(text, index, caption, k == 0, k == clauses.size() - 1));
        }
      }
    }
  }

  /**
   * A sentence cut at its semicolons, except those inside brackets: "Amazon (tiếng Bồ Đào Nha:
   * Floresta Amazônica; tiếng Pháp: Forêt amazonienne), là…" lists names inside one clause.
   */
  static List<String> clauses(String sentence) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < sentence.length(); i++) {
      char c = sentence.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
      } else if (c == ';' && depth == 0) {
        out.add(sentence.substring(start, i));
        start = i + 1;
      }
    }
    out.add(sentence.substring(start));
    return out;
  }

  /**
   * Sentences of a paragraph: a boundary is end punctuation (. ! ? …), maybe closing quotes or
   * brackets, then white space and something that can open a sentence (a capital, a digit, an
   * opening quote). "TP. Bắc Kạn" and initials are not boundaries.
   */
  /** The paragraph without the portal's "./." end-of-article marker. */
  private static String withoutEndMarker(String paragraph) {
    String p = paragraph.stripTrailing();
    return p.endsWith("./.") ? p.substring(0, p.length() - 3).stripTrailing() : p;
  }

  static List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    int n = paragraph.length();
    int start = 0;
    int i = 0;
    while (i < n) {
      char c = paragraph.charAt(i);
      if (c != '.' && c != '!' && c != '?' && c != '…') {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < n && CLOSERS.indexOf(paragraph.charAt(end)) >= 0) {
        end++;
      }
      int next = end;
      while (next < n && Character.isWhitespace(paragraph.charAt(next))) {
        next++;
      }
      boolean boundary =
          next > end
              && next < n
              && OPENERS.test(paragraph.charAt(next))
              && !(c == '.' && endsWithDottedWord(paragraph, i + 1));
      if (boundary) {
        addSentence(out, paragraph.substring(start, end));
        start = next;
      }
      i = Math.max(end, i + 1);
    }
    addSentence(out, paragraph.substring(start));
    return out;
  }

  /** True when the dot ending at {@code end} closes an abbreviation or an initial: "TP.", "H.". */
  private static boolean endsWithDottedWord(String text, int end) {
    if (end == 0 || text.charAt(end - 1) != '.') {
      return false;
    }
    int s = end - 1;
    while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    String word = text.substring(s, end - 1).toLowerCase(java.util.Locale.ROOT);
    return word.length() == 1 || DOTTED.contains(word);
  }

  private static void addSentence(List<String> out, String sentence) {
    String s = sentence.strip();
    if (s.isEmpty()) {
      return;
    }
    Matcher heading = CAPS_HEADING.matcher(s);
    if (heading.find()) {
      out.add(heading.group(1).strip());
      s = s.substring(heading.end()).strip();
    }
    out.add(s);
  }
}
