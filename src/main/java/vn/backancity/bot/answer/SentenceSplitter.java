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

  // End punctuation, optional closing quotes/brackets, space, then what can open a sentence.
  private static final Pattern BOUNDARY =
      Pattern.compile("(?<=[.!?…][”\"’»)]?)\\s+(?=[\\p{Lu}\\p{N}“\"«(])");
  // Words that end with a dot without ending the sentence: "TP. Bắc Kạn", "ThS. Nguyễn".
  private static final Set<String> DOTTED =
      Set.of(
          "tp", "tx", "q", "p", "h", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "st", "mr", "dr");
  // A heading in capitals glued to the sentence after it: "MỘT SỐ CHỈ TIÊU ... KẾ HOẠCH Tổng mức".
  private static final Pattern CAPS_HEADING =
      Pattern.compile("^((?:[\\p{Lu}\\p{N}]+[,:]?\\s+){3,}?)(?=\\p{Lu}\\p{Ll})");
  private static final Pattern END_MARKER = Pattern.compile("\\s*\\./\\.\\s*$");

  private SentenceSplitter() {}

  static List<Passage> passages(Article article) {
    List<Passage> out = new ArrayList<>();
    List<String> prose = article.prose();
    for (int p = 0; p < prose.size(); p++) {
      addParagraph(out, prose.get(p), p, false);
    }
    for (int c = 0; c < article.captions().size(); c++) {
      addParagraph(out, article.captions().get(c), prose.size() + c, true);
    }
    return out;
  }

  private static void addParagraph(
      List<Passage> out, String paragraph, int index, boolean caption) {
    for (String sentence : sentences(END_MARKER.matcher(paragraph).replaceFirst(""))) {
      if (sentence.length() <= LONG_SENTENCE || !sentence.contains(";")) {
        out.add(Passage.of(sentence, index, caption, true, true));
        continue;
      }
      String[] clauses = sentence.split(";\\s*");
      for (int k = 0; k < clauses.length; k++) {
        if (!clauses[k].isBlank()) {
          String text = clauses[k].strip();
          out.add(Passage.of(text, index, caption, k == 0, k == clauses.length - 1));
        }
      }
    }
  }

  static List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    Matcher m = BOUNDARY.matcher(paragraph);
    int start = 0;
    while (m.find()) {
      if (endsWithDottedWord(paragraph, m.start())) {
        continue;
      }
      addSentence(out, paragraph.substring(start, m.start()));
      start = m.end();
    }
    addSentence(out, paragraph.substring(start));
    return out;
  }

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
