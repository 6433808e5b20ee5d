package vn.backancity.bot.subscription;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.Abbreviations;
import vn.backancity.bot.search.VietnameseText;

/**
 * Topics are saved searches matched as phrases on folded words: "nông thôn mới", "nong thon moi"
 * and "NTM" are one topic, and an article matches when its title, prose or captions contain the
 * phrase (or its abbreviation, or the abbreviation's long form). Phrases rather than loose words,
 * because an alert that fires on every article mentioning "mới" would be noise. Phrases after a
 * minus rule an article out ("nông thôn mới -bóng đá"): the same folded words, never a pattern the
 * citizen writes.
 */
public final class TopicMatcher {
  // A minus (or a dash phones put in its place) at the start of a word starts an exclusion;
  // one inside a word ("KT-XH") does not.
  private static final Pattern EXCLUSION = Pattern.compile("(?:^|\\s)[-–—]\\s*");
  private static final String SEPARATOR = "|";

  private final List<String[]> pairs = new ArrayList<>();

  public TopicMatcher(Abbreviations abbreviations) {
    for (String[] pair : abbreviations.pairs()) {
      pairs.add(new String[] {key(pair[0]), key(pair[1])});
    }
  }

  /** The topic's key: folded words joined by single spaces ("Nông thôn mới!" → "nong thon moi"). */
  public static String key(String label) {
    String folded = VietnameseText.fold(VietnameseText.nfc(label));
    return String.join(" ", split(folded));
  }

  /**
   * A topic as typed, read into its words: "Nông thôn mới -bóng đá -xổ số" → key "nong thon moi",
   * excluded "bong da", "xo so". The key of a topic typed without a minus is {@link #key}'s.
   */
  public static Words words(String typed) {
    String[] parts = EXCLUSION.split(typed, -1);
    List<String> excluded = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String e = key(parts[i]);
      if (!e.isEmpty() && !excluded.contains(e)) {
        excluded.add(e);
      }
    }
    return new Words(key(parts[0]), excluded);
  }

  /** The excluded phrases as the citizen typed them ("bóng đá"), for confirmations. */
  public static List<String> excludedAsTyped(String typed) {
    String[] parts = EXCLUSION.split(typed, -1);
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String e = parts[i].strip();
      if (!key(e).isEmpty()) {
        out.add(e);
      }
    }
    return out;
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

  /** Whether an article's text contains the topic and none of its excluded phrases. */
  public boolean matches(Words words, Text text) {
    if (!matches(words.key(), text)) {
      return false;
    }
    for (String excluded : words.excluded()) {
      if (matches(excluded, text)) {
        return false;
      }
    }
    return true;
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

  private static List<String> split(String folded) {
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

  /**
   * What a topic matches: the folded phrase to find, and folded phrases that rule an article out.
   */
  public record Words(String key, List<String> excluded) {
    public Words {
      excluded = List.copyOf(excluded);
    }

    /** The excluded phrases as stored: joined by '|' ('' for none). */
    public String excludedColumn() {
      return String.join(SEPARATOR, excluded);
    }

    /** The excluded phrases of a stored column. */
    public static List<String> excludedOf(String column) {
      if (column == null || column.isBlank()) {
        return List.of();
      }
      return List.of(column.split(Pattern.quote(SEPARATOR)));
    }

    /** As a citizen could type it again: "nong thon moi -bong da" (read back by words()). */
    public String spec() {
      StringBuilder out = new StringBuilder(key);
      excluded.forEach(e -> out.append(" -").append(e));
      return out.toString();
    }
  }
}
