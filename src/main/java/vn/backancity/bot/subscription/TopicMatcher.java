package vn.backancity.bot.subscription;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.Abbreviations;
import vn.backancity.bot.search.VietnameseText;

/**
 * Topics are saved searches matched as phrases on folded words: "nông thôn mới", "nong thon moi"
 * and "NTM" are one topic, and an article matches when its title, prose or captions contain the
 * phrase (or its abbreviation, or the abbreviation's long form). Phrases rather than loose words,
 * because an alert that fires on every article mentioning "mới" would be noise.
 */
public final class TopicMatcher {
  private final List<String[]> pairs = new ArrayList<>();

  public TopicMatcher(Abbreviations abbreviations) {
    for (String[] pair : abbreviations.pairs()) {
      pairs.add(new String[] {key(pair[0]), key(pair[1])});
    }
  }

  /** The topic's key: folded words joined by single spaces ("Nông thôn mới!" → "nong thon moi"). */
  public static String key(String label) {
    String folded = VietnameseText.fold(VietnameseText.nfc(label));
    return String.join(" ", words(folded));
  }

  /** The article's text prepared for matching many topics. */
  public Text text(Article article) {
    StringBuilder all = new StringBuilder(article.title());
    for (String p : article.prose()) {
      all.append(" \n ").append(p);
    }
    for (String c : article.captions()) {
      all.append(" \n ").append(c);
    }
    return new Text(" " + key(all.toString()) + " ");
  }

  /** Whether an article's text contains the topic (by key). */
  public boolean matches(String topicKey, Text text) {
    for (String phrase : phrases(topicKey)) {
      if (text.folded.contains(" " + phrase + " ")) {
        return true;
      }
    }
    return false;
  }

  /** The topic and its variants with abbreviations expanded or contracted. */
  Set<String> phrases(String topicKey) {
    Set<String> out = new LinkedHashSet<>();
    out.add(topicKey);
    String padded = " " + topicKey + " ";
    for (String[] pair : pairs) {
      for (int side = 0; side < 2; side++) {
        String from = " " + pair[side] + " ";
        if (padded.contains(from)) {
          out.add(padded.replace(from, " " + pair[1 - side] + " ").strip());
        }
      }
    }
    return out;
  }

  private static List<String> words(String folded) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        w.append(c);
      } else if (!w.isEmpty()) {
        out.add(w.toString());
        w.setLength(0);
      }
    }
    if (!w.isEmpty()) {
      out.add(w.toString());
    }
    return out;
  }

  /** An article's folded words, space-padded. */
  public record Text(String folded) {}
}
