package vn.backancity.bot.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.VietnameseText;

/**
 * A question set about numbers, made from articles' own sentences that hold a year, a range, a
 * date, a percentage or a figure: a few words around the number, with the number written in another
 * form ("2020-2025" asked as "2020 đến 2025", "6/10/2021" as "ngày 6 tháng 10 năm 2021", "15%" as
 * "15 phần trăm", "4.600" as "4,6 nghìn") or replaced by "bao nhiêu". A question is answered when
 * the top excerpt contains the sentence it was made from. Deterministic for a given random seed.
 */
final class NumberQuestions {

  /**
   * One question.
   *
   * @param kind what was rewritten: range, date, percent, thousands, year, figure
   * @param sentence the sentence that answers it, as the article has it
   */
  record Item(String question, String articleId, String sentence, String kind) {}

  static final List<String> KINDS =
      List.of("range", "date", "percent", "thousands", "year", "figure");

  private static final String YEAR = "(?:19|20)\\d\\d";
  private static final Pattern RANGE =
      Pattern.compile(
          "(?<![\\d/.,])(" + YEAR + ")(\\s*[-–—]\\s*| đến | tới )(" + YEAR + ")(?!\\d)");
  private static final Pattern DATE =
      Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?:/(" + YEAR + "))?(?![\\d/])");
  private static final Pattern DATE_WORDS =
      Pattern.compile("[Nn]gày (\\d{1,2}) tháng (\\d{1,2})(?: năm (" + YEAR + "))?(?!\\d)");
  private static final Pattern PERCENT =
      Pattern.compile("(?<![\\d.,])(\\d+(?:,\\d+)?)(\\s*%| phần trăm)");
  private static final Pattern THOUSANDS =
      Pattern.compile("(?<![\\d.,/])(\\d{1,3}(?:\\.\\d{3})+)(?![\\d.,/%])");
  private static final Pattern YEARS = Pattern.compile("(?<![\\d/.,])(" + YEAR + ")(?![\\d/.,])");
  private static final Pattern FIGURE =
      Pattern.compile("(?<=^|[\\s(“\"])(\\d+(?:[.,]\\d+)*)(?=[\\s,.:]|$)(?![.,]\\d)");
  private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?…])\\s+(?=[\\p{Lu}\\d“\"])");
  private static final Pattern SHORT_LAST_WORD = Pattern.compile(".*\\s\\p{L}{1,3}\\.$");
  private static final Pattern CAPS_HEADING =
      Pattern.compile("^((?:[\\p{Lu}\\p{N}]+[,:]?\\s+){3,}?)(?=\\p{Lu}\\p{Ll})");
  private static final Pattern WORD = Pattern.compile("\\S+");
  static final int LONG_SENTENCE = 260;
  // Enough words around the number for a question a person would ask, not a bare fragment.
  static final int BEFORE = 9;
  static final int AFTER = 7;

  private NumberQuestions() {}

  /** A rewrite of one number in a sentence. */
  private record Rewrite(String kind, int start, int end, String text) {}

  /**
   * Questions from the articles' sentences.
   *
   * @param perArticle at most this many questions from one article (sentences drawn at random)
   */
  static List<Item> from(List<Article> articles, Random random, int perArticle) {
    List<Item> items = new ArrayList<>();
    for (Article article : articles) {
      List<String> sentences = new ArrayList<>();
      for (String paragraph : article.prose()) {
        String text = paragraph.strip();
        if (text.endsWith("./.")) {
          text = text.substring(0, text.length() - 3).strip();
        }
        for (String sentence : BOUNDARY.split(text)) {
          // A heading in capitals glued to its sentence is a passage of its own.
          Matcher heading = CAPS_HEADING.matcher(sentence);
          String s = heading.find() ? sentence.substring(heading.end()).strip() : sentence;
          // Long sentences are answered by their clauses, as the excerpts cut them.
          List<String> pieces =
              s.length() > LONG_SENTENCE && s.contains(";")
                  ? List.of(s.split(";\\s*"))
                  : List.of(s);
          for (String piece : pieces) {
            if (usable(piece.strip())) {
              sentences.add(piece.strip());
            }
          }
        }
      }
      java.util.Collections.shuffle(sentences, random);
      int made = 0;
      for (String s : sentences) {
        if (made == perArticle) {
          break;
        }
        Item item = question(article.id(), s, random);
        if (item != null) {
          items.add(item);
          made++;
        }
      }
    }
    return items;
  }

  private static boolean usable(String s) {
    return s.length() >= 40
        && s.length() <= LONG_SENTENCE
        && !SHORT_LAST_WORD.matcher(s).matches()
        && s.chars().anyMatch(Character::isDigit);
  }

  /** A question about one number of the sentence, or null when it has none worth asking. */
  static Item question(String articleId, String sentence, Random random) {
    List<Rewrite> rewrites = new ArrayList<>();
    for (Matcher m = RANGE.matcher(sentence); m.find(); ) {
      String a = m.group(1);
      String b = m.group(3);
      List<String> forms =
          new ArrayList<>(
              List.of(a + "-" + b, a + " - " + b, a + "–" + b, a + " đến " + b, a + " tới " + b));
      forms.remove(m.group());
      rewrites.add(new Rewrite("range", m.start(), m.end(), pick(forms, random)));
    }
    for (Matcher m = DATE.matcher(sentence); m.find(); ) {
      boolean afterDay =
          sentence.substring(0, m.start()).toLowerCase(java.util.Locale.ROOT).endsWith("ngày ");
      if (m.group(3) == null && !afterDay) {
        continue; // "46/57" is a ratio
      }
      String words =
          number(m.group(1))
              + " tháng "
              + number(m.group(2))
              + (m.group(3) == null ? "" : " năm " + m.group(3));
      rewrites.add(new Rewrite("date", m.start(), m.end(), afterDay ? words : "ngày " + words));
    }
    for (Matcher m = DATE_WORDS.matcher(sentence); m.find(); ) {
      String slashes =
          "ngày " + m.group(1) + "/" + m.group(2) + (m.group(3) == null ? "" : "/" + m.group(3));
      rewrites.add(new Rewrite("date", m.start(), m.end(), slashes));
    }
    for (Matcher m = PERCENT.matcher(sentence); m.find(); ) {
      String other = m.group(2).strip().equals("%") ? " phần trăm" : "%";
      rewrites.add(new Rewrite("percent", m.start(), m.end(), m.group(1) + other));
    }
    for (Matcher m = THOUSANDS.matcher(sentence); m.find(); ) {
      rewrites.add(new Rewrite("thousands", m.start(), m.end(), thousands(m.group(1), random)));
    }
    if (rewrites.isEmpty()) {
      for (Matcher m = YEARS.matcher(sentence); m.find(); ) {
        rewrites.add(new Rewrite("year", m.start(), m.end(), m.group()));
      }
      for (Matcher m = FIGURE.matcher(sentence); m.find(); ) {
        if (!m.group().matches(YEAR) && !m.group().equals("0")) {
          rewrites.add(new Rewrite("figure", m.start(), m.end(), "bao nhiêu"));
        }
      }
    }
    if (rewrites.isEmpty()) {
      return null;
    }
    Rewrite r = pick(rewrites, random);
    String question = window(sentence, r);
    if (question.split("\\s+").length < 6) {
      return null;
    }
    return new Item(question, articleId, sentence, r.kind());
  }

  /** A few words either side of the number, the number rewritten, end punctuation dropped. */
  private static String window(String sentence, Rewrite r) {
    List<int[]> words = new ArrayList<>();
    for (Matcher m = WORD.matcher(sentence); m.find(); ) {
      words.add(new int[] {m.start(), m.end()});
    }
    int first = 0;
    while (first + 1 < words.size() && words.get(first)[1] <= r.start()) {
      first++;
    }
    int last = first;
    while (last + 1 < words.size() && words.get(last + 1)[0] < r.end()) {
      last++;
    }
    int start = Math.min(r.start(), words.get(Math.max(0, first - BEFORE))[0]);
    int end = Math.max(r.end(), words.get(Math.min(words.size() - 1, last + AFTER))[1]);
    String q = sentence.substring(start, r.start()) + r.text() + sentence.substring(r.end(), end);
    return q.strip().replaceAll("^[,.;:–-]+\\s*|[,.;:!?…–-]+$", "").strip();
  }

  /** "4.600" as "4,6 nghìn", "4600" or "4.600" again; "2.000.000" as "2 triệu". */
  private static String thousands(String written, Random random) {
    long value = Long.parseLong(written.replace(".", ""));
    boolean words = random.nextBoolean();
    if (!words) {
      return Long.toString(value);
    }
    long unit = value >= 1_000_000_000L ? 1_000_000_000L : value >= 1_000_000 ? 1_000_000 : 1_000;
    String name = unit == 1_000_000_000L ? " tỷ" : unit == 1_000_000 ? " triệu" : " nghìn";
    java.math.BigDecimal scaled =
        java.math.BigDecimal.valueOf(value)
            .divide(java.math.BigDecimal.valueOf(unit))
            .stripTrailingZeros();
    if (scaled.scale() < 0) {
      scaled = scaled.setScale(0);
    }
    return scaled.toPlainString().replace('.', ',') + name;
  }

  private static String number(String digits) {
    return Long.toString(Long.parseLong(digits));
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  /** Whether the excerpt holds the sentence, ignoring case, Unicode form and spacing. */
  static boolean holds(String excerpt, String sentence) {
    return normalized(excerpt).contains(normalized(sentence));
  }

  private static String normalized(String text) {
    return VietnameseText.nfc(text).toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
  }
}
