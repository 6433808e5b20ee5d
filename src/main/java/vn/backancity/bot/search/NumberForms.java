package vn.backancity.bot.search;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharArraySet;

/**
 * One written form for numbers, shared by the index ({@link NumberFilter}) and by excerpt matching
 * (the answer package's word splitter), so that each way of writing a figure finds the others:
 *
 * <ul>
 *   <li>separators the Vietnamese way: "4.600" is 4600 and "1,5" is one and a half (term "1,5");
 *       "1.5" is read as a decimal too, since a dot before fewer than three digits is no thousands
 *       separator; several comma groups of three ("1,000,000") are thousands;
 *   <li>a figure with a multiplier word is one number: "4,6 nghìn" and "4.600" are both "4600", "2
 *       triệu" is "2000000";
 *   <li>number words that make a compound ("hai mươi", "một trăm", "ba nghìn", "mười hai") become
 *       digits; a single number word does not ("ba" is also "Ba Bể", "năm" also "year");
 *   <li>typed without diacritics ("hai muoi", "mot tram", "muoi lam"), number words make the same
 *       compounds, but only when every word of the compound lacks diacritics: "muoi" alone may be
 *       "muối", "tram" "trạm", "nam" "Nam", and "Việt Nam nghìn năm" is no 5000; a lone "muoi" is
 *       ten only beside another number word or after "tháng";
 *   <li>a range connector between two figures is dropped: "2020 đến 2025", "2020 tới 2025",
 *       "2020-2025" and "2020–2025" are all "2020 2025" (the tokenizer drops dashes);
 *   <li>dates lose the words that slashes do not have: "ngày 6 tháng 10 năm 2021" is "ngày 6 10
 *       2021", as is "ngày 06/10/2021"; "tháng 10 năm 2021" is "tháng 10 2021";
 *   <li>"%" is written out ({@link #percentWords}): "15%", "15 %" and "15 phần trăm" are alike;
 *   <li>a Roman numeral of two letters or more, in capitals, right after a word of rank or order is
 *       a figure: "đô thị loại II" is "loại 2", "khóa XV" "khóa 15", "lần thứ VII" "lần thứ 7",
 *       "quý III" "quý 3". Elsewhere it stays part of a name ("Super Bowl XXXIII", "Block II");
 *   <li>a single letter ("khóa X", "tia X") or a word in lower case ("mix", "vi") is no Roman
 *       numeral: it stays a word.
 * </ul>
 *
 * <p>Not thread-safe: it remembers the token before the current one. One instance per stream.
 */
public final class NumberForms {

  /**
   * What to do at the current token.
   *
   * @param consumed how many tokens, from the current one, become one term
   * @param term that term, or null to keep the single current token as it is
   * @param skipNext drop the token right after the consumed ones (a connector such as "đến")
   */
  public record Step(int consumed, String term, boolean skipNext) {
    static final Step KEEP = new Step(1, null, false);
  }

  private static final Pattern PERCENT = Pattern.compile("(\\d)\\s*%");
  private static final Pattern PLAIN = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern DECIMAL = Pattern.compile("\\d+(?:,\\d+)?");
  private static final int MAX_MULTIPLIERS = 3;
  // Words one compound of number words may take ("1 tỷ tỷ tỷ …" must not grow without end).
  private static final int MAX_WORDS = 12;
  private static final Pattern GROUPS_OF_THREE = Pattern.compile("\\d{1,3}(?:[.,]\\d{3})+");

  private static final Map<String, Integer> UNITS =
      Map.of(
          "một", 1, "hai", 2, "ba", 3, "bốn", 4, "năm", 5, "sáu", 6, "bảy", 7, "tám", 8, "chín", 9);
  // After "mươi"/"mười": 21 is "hai mươi mốt", 25 "hai mươi lăm" ("mười năm" is ten years).
  private static final Map<String, Integer> UNITS_AFTER_TENS =
      Map.ofEntries(
          Map.entry("một", 1),
          Map.entry("mốt", 1),
          Map.entry("hai", 2),
          Map.entry("ba", 3),
          Map.entry("bốn", 4),
          Map.entry("tư", 4),
          Map.entry("lăm", 5),
          Map.entry("sáu", 6),
          Map.entry("bảy", 7),
          Map.entry("tám", 8),
          Map.entry("chín", 9));
  private static final Map<String, BigDecimal> MULTIPLIERS =
      Map.of(
          "nghìn", BigDecimal.valueOf(1_000),
          "ngàn", BigDecimal.valueOf(1_000),
          "nghin", BigDecimal.valueOf(1_000),
          "ngan", BigDecimal.valueOf(1_000),
          "triệu", BigDecimal.valueOf(1_000_000),
          "trieu", BigDecimal.valueOf(1_000_000),
          "tỷ", BigDecimal.valueOf(1_000_000_000),
          "tỉ", BigDecimal.valueOf(1_000_000_000),
          "ty", BigDecimal.valueOf(1_000_000_000));
  private static final Set<String> NUMBER_WORDS =
      Set.of(
          "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "mốt",
          "tư", "lăm", "linh", "lẻ", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ");
  private static final Set<String> RANGE = Set.of("den", "toi");
  // Number words typed without diacritics, as the accented word they stand for. "muoi" is both
  // "mười" and "mươi": the place in the compound decides (see isTen, isTens). Not "ti" ("một tí":
  // a little), nor "tu" or "nam" after a lone ten ("muoi nam" is "mười năm", ten years).
  private static final Map<String, String> UNACCENTED =
      Map.ofEntries(
          Map.entry("mot", "một"),
          Map.entry("bon", "bốn"),
          Map.entry("nam", "năm"),
          Map.entry("sau", "sáu"),
          Map.entry("bay", "bảy"),
          Map.entry("tam", "tám"),
          Map.entry("chin", "chín"),
          Map.entry("muoi", "muoi"),
          Map.entry("tu", "tư"),
          Map.entry("lam", "lăm"),
          Map.entry("le", "lẻ"),
          Map.entry("tram", "trăm"),
          Map.entry("nghin", "nghìn"),
          Map.entry("ngan", "ngàn"),
          Map.entry("trieu", "triệu"),
          Map.entry("ty", "tỷ"));

  // Number words with and without diacritics, compared ignoring case (mayStart).
  private static final CharArraySet STARTS = starts();

  private static CharArraySet starts() {
    CharArraySet words = new CharArraySet(NUMBER_WORDS, true);
    words.addAll(UNACCENTED.keySet());
    return CharArraySet.unmodifiableSet(words);
  }

  // False to leave number words typed without diacritics as words: "mot tram y te" read as
  // "một trạm y tế" rather than "100 y tế" (see QuestionAnalyzer's words reading).
  private final boolean readUnaccented;
  private String previous = "";
  private boolean dayMonth;
  // Of the compound being read: 1 once a word with diacritics was read, -1 once an unaccented
  // stand-in was, 0 before either. The two never mix in one compound.
  private int accents;
  // Whether the token before was a word of rank or order (RANKS).
  private boolean afterRank;

  public NumberForms() {
    this(true);
  }

  /**
   * @param readUnaccented whether number words typed without diacritics ("mot tram") make numbers
   */
  public NumberForms(boolean readUnaccented) {
    this.readUnaccented = readUnaccented;
  }

  /** Forgets the tokens seen: call before a new text. */
  public void reset() {
    previous = "";
    dayMonth = false;
    afterRank = false;
  }

  /**
   * Whether a rule may apply at this token (a figure, a number word, "ngày", "tháng", a Roman
   * numeral): tokens that cannot are passed by with {@link #other}, without a look at the ones
   * after.
   */
  public static boolean mayStart(CharSequence token) {
    char first = token.charAt(0);
    if (Character.isDigit(first)) {
      return true;
    }
    if (first == 'I' || first == 'V' || first == 'X') {
      return isRoman(token);
    }
    int length = token.length();
    if (length > 5) {
      return false;
    }
    // Looked up in the token's own characters, case folded on the way: called for every token of
    // every article indexed, most of them not numbers (a copy and a lower-cased copy each were 3%
    // of an index build).
    if (STARTS.contains(token)) {
      return true;
    }
    // "ngày" and "tháng" in any tone marks or case, the only words dayOrMonth takes, begin with n
    // or t and have four or five letters: only those tokens are copied to ask it.
    return length >= 4
        && (first == 'n' || first == 'N' || first == 't' || first == 'T')
        && !dayOrMonth(token.toString().toLowerCase(Locale.ROOT)).isEmpty();
  }

  /**
   * Notes a token no rule applies to (it cannot start a number, a date or a range), and whether it
   * is a word of rank or order that a Roman numeral may follow.
   */
  public void other(CharSequence token) {
    other(isRank(token));
  }

  /**
   * As {@link #other(CharSequence)}, told whether the token {@link #isRank is a word of rank}: a
   * caller that keeps each word's forms asks that once per word, not once per occurrence.
   */
  public void other(boolean rank) {
    previous = "";
    dayMonth = false;
    afterRank = rank;
  }

  /**
   * Whether the token is a word of rank or order ("loại", "khóa", "thứ") a Roman numeral follows.
   */
  public static boolean isRank(CharSequence token) {
    int length = token.length();
    return length >= 2 && length <= 6 && RANKS.contains(token);
  }

  /** The text with "%" after a figure written as the words people also type: "15 phần trăm". */
  public static String percentWords(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    // Typed without diacritics, the question gets the words without them too.
    String words = VietnameseText.hasDiacritics(text) ? "$1 phần trăm" : "$1 phan tram";
    return PERCENT.matcher(text).replaceAll(words);
  }

  /**
   * What to do at the current token.
   *
   * @param tokens the tokens from the current one on (0 is the current one), as written; null past
   *     the end. Only as many are asked for as the rule at hand needs (at most a dozen).
   */
  public Step step(IntFunction<String> tokens) {
    String t = tokens.apply(0);
    boolean rank = afterRank;
    afterRank = false;
    int roman = rank ? roman(t) : -1;
    if (roman > 0) {
      previous = "";
      dayMonth = false;
      return new Step(1, Integer.toString(roman), false);
    }
    Step step = Character.isDigit(t.charAt(0)) ? figure(tokens, t) : words(tokens, t);
    if (step == null) {
      // A token read ahead that starts no number: what other() would have noted of it.
      previous = dayOrMonth(t);
      dayMonth = false;
      afterRank = isRank(t);
      return Step.KEEP;
    }
    return step;
  }

  // Words of rank or order a Roman numeral follows as a figure, with and without diacritics.
  private static final CharArraySet RANKS =
      CharArraySet.unmodifiableSet(
          new CharArraySet(
              Set.of(
                  "loại", "loai", "khóa", "khoá", "khoa", "thứ", "thu", "hạng", "hang", "kỳ", "kì",
                  "ky", "ki", "kỷ", "kỉ", "quý", "quí", "quy", "qui", "cấp", "cap", "đợt", "dot",
                  "đoạn", "doan", "phần", "phan", "chương", "chuong", "mục", "muc", "tập", "tap",
                  "hội", "hoi", "bậc", "bac", "vùng", "vung", "nhóm", "nhom", "độ", "do"),
              true));

  // Roman numerals up to 39 (all that "loại", "khóa", "lần thứ" and centuries need), by place.
  private static final String[] ROMAN_UNITS = {
    "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"
  };

  /** Whether the token is a Roman numeral this class reads as a figure (see {@link #roman}). */
  public static boolean isRoman(CharSequence token) {
    return roman(token) > 0;
  }

  /**
   * The value of a Roman numeral of two to seven capitals I, V and X written the standard way
   * ("IIII" and "VX" are not numerals), else -1.
   */
  static int roman(CharSequence token) {
    int length = token.length();
    if (length < 2 || length > 7) {
      return -1;
    }
    for (int i = 0; i < length; i++) {
      char c = token.charAt(i);
      if (c != 'I' && c != 'V' && c != 'X') {
        return -1; // "Việt", "Xã", "Văn": no copy of the words that merely start like one
      }
    }
    int tens = 0;
    while (tens < length && tens < 3 && token.charAt(tens) == 'X') {
      tens++;
    }
    String units = token.subSequence(tens, length).toString();
    for (int u = 0; u < ROMAN_UNITS.length; u++) {
      if (ROMAN_UNITS[u].equals(units)) {
        return 10 * tens + u;
      }
    }
    return -1;
  }

  /**
   * "ngay" or "thang" for the words "ngày" and "tháng" (however written), else "": the only words a
   * date rule looks back at. Checked by length first: most words pass here, and folding each was a
   * tenth of an answer's time.
   */
  private static String dayOrMonth(String t) {
    if (t.length() < 4 || t.length() > 5) {
      return "";
    }
    String folded = VietnameseText.fold(t.toLowerCase(Locale.ROOT));
    return folded.equals("ngay") || folded.equals("thang") ? folded : "";
  }

  private Step figure(IntFunction<String> tokens, String t) {
    String value = plain(t);
    if (value == null) {
      return null;
    }
    int n = 1;
    BigDecimal product = null;
    // Only a figure multiplies ("1.2.3 triệu" is a section number and a word), and only a few
    // multiplier words in a row ("1 tỷ tỷ tỷ …" must not grow one term without end).
    boolean figure = DECIMAL.matcher(value).matches();
    for (BigDecimal m;
        figure && n <= MAX_MULTIPLIERS && (m = multiplier(tokens.apply(n))) != null;
        n++) {
      product = (product == null ? decimal(value) : product).multiply(m);
    }
    if (product != null) {
      // The multiplier words stay: "bao nhiêu triệu đồng" still meets "30 triệu đồng".
      previous = "";
      dayMonth = false;
      return new Step(1, format(product), false);
    }
    String term = value;
    boolean wasDayMonth = dayMonth;
    dayMonth = false;
    boolean skip = false;
    String mid = tokens.apply(n);
    String after = mid == null ? null : tokens.apply(n + 1);
    String next = after == null ? null : plain(after);
    if (next != null) {
      String connector = VietnameseText.fold(mid.toLowerCase(Locale.ROOT));
      if (RANGE.contains(connector)) {
        skip = true;
      } else if (connector.equals("thang")
          && previous.equals("ngay")
          && n == 1
          && between(term, 1, 31)
          && between(next, 1, 12)) {
        skip = true;
        dayMonth = true;
      } else if (connector.equals("nam")
          && (wasDayMonth || previous.equals("thang"))
          && n == 1
          && between(term, 1, 12)
          && between(next, 1000, 2999)) {
        skip = true;
      }
    }
    previous = term;
    return new Step(n, term == null || (n == 1 && term.equals(t)) ? null : term, skip);
  }

  /** A compound of number words ("hai mươi lăm", "ba nghìn"), or lone "mười". */
  private Step words(IntFunction<String> tokens, String t) {
    if (t.length() > 5) {
      return null;
    }
    accents = 0;
    if (word(t).isEmpty()) {
      return null;
    }
    // Each group below a thousand adds to the figure; a multiplier larger than the figure so far
    // multiplies all of it ("ba nghìn bảy trăm tỷ" is 3700 tỷ), a smaller one only its group
    // ("hai triệu ba trăm nghìn" is 2300000).
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (true) {
      long[] group = group(tokens, i);
      if (group == null) {
        break;
      }
      i += (int) group[1];
      BigDecimal segment = BigDecimal.valueOf(group[0]);
      boolean multiplied = false;
      for (BigDecimal m; i < MAX_WORDS && (m = wordMultiplier(tokens.apply(i))) != null; i++) {
        if (total.compareTo(m) < 0) {
          total = total.add(segment).multiply(m);
          segment = BigDecimal.ZERO;
        } else {
          segment = segment.multiply(m);
        }
        multiplied = true;
      }
      total = total.add(segment);
      if (!multiplied) {
        break;
      }
    }
    boolean loneTen = i == 1 && isLoneTen(tokens, t);
    if (i < 2 && !loneTen) {
      return null;
    }
    if (i > 1 && wordMultiplier(tokens.apply(i - 1)) != null) {
      i--; // the multiplier word stays, as after a figure
    }
    previous = format(total);
    dayMonth = false;
    return new Step(i, previous, false);
  }

  /**
   * A lone ten: "mười" as written ("Mười" is a name), or "muoi" beside a number word or a figure,
   * or after "tháng" (else it may be "muối").
   */
  private boolean isLoneTen(IntFunction<String> tokens, String t) {
    if (t.equals("mười")) {
      return true;
    }
    if (!t.equals("muoi")) {
      return false;
    }
    String next = tokens.apply(1);
    return previous.equals("thang")
        || Character.isDigit(previous.isEmpty() ? 'x' : previous.charAt(0))
        || (next != null
            && (Character.isDigit(next.charAt(0))
                || (next.length() <= 5 && !word(next).isEmpty())));
  }

  /**
   * The number word a token stands for ("một", or "một" for "mot"; "muoi" for either ten), or ""
   * when it is none or would mix words with and without diacritics in one compound.
   */
  private String word(String token) {
    if (token == null || token.length() > 5) {
      return "";
    }
    String w = token.toLowerCase(Locale.ROOT);
    if (NUMBER_WORDS.contains(w)) {
      if (VietnameseText.hasDiacritics(w)) {
        if (accents < 0) {
          return "";
        }
        accents = 1;
      }
      return w;
    }
    String stand = readUnaccented ? UNACCENTED.get(w) : null;
    if (stand == null || accents > 0) {
      return "";
    }
    accents = -1;
    return stand;
  }

  private static boolean isTen(String w) {
    return w.equals("mười") || w.equals("muoi");
  }

  private static boolean isTens(String w) {
    return w.equals("mươi") || w.equals("muoi");
  }

  /** A number below a thousand written in words at {@code at}: {value, words used}, or null. */
  private long[] group(IntFunction<String> tokens, int at) {
    String w0 = word(tokens.apply(at));
    if (isTen(w0)) {
      Integer unit = afterTens(word(tokens.apply(at + 1)), w0);
      return unit == null ? new long[] {10, 1} : new long[] {10 + unit, 2};
    }
    Integer unit = UNITS.get(w0);
    if (unit == null) {
      return null;
    }
    String w1 = word(tokens.apply(at + 1));
    if (isTens(w1)) {
      Integer last = afterTens(word(tokens.apply(at + 2)), "mươi");
      return last == null ? new long[] {unit * 10, 2} : new long[] {unit * 10 + last, 3};
    }
    if (!"trăm".equals(w1)) {
      return new long[] {unit, 1};
    }
    long value = unit * 100L;
    String w2 = word(tokens.apply(at + 2));
    if ("linh".equals(w2) || "lẻ".equals(w2)) {
      Integer last = UNITS.get(word(tokens.apply(at + 3)));
      if (last != null) {
        return new long[] {value + last, 4};
      }
    }
    if (isTen(w2) || (UNITS.containsKey(w2) && isTens(word(tokens.apply(at + 3))))) {
      long[] tens = group(tokens, at + 2);
      return new long[] {value + tens[0], 2 + tens[1]};
    }
    return new long[] {value, 2};
  }

  /**
   * The unit after a ten or tens word, or null. After an unaccented lone ten, "tư" is not four:
   * "muoi tu" is rather "muối từ".
   */
  private static Integer afterTens(String w, String ten) {
    if (ten.equals("muoi") && w.equals("tư")) {
      return null;
    }
    return UNITS_AFTER_TENS.get(w);
  }

  /** A multiplier word inside a compound of words, as written or unaccented (not mixed). */
  private BigDecimal wordMultiplier(String token) {
    String w = word(token);
    return w.isEmpty() ? null : MULTIPLIERS.get(w);
  }

  private static String lower(String token) {
    return token == null ? "" : token.toLowerCase(Locale.ROOT);
  }

  private static BigDecimal multiplier(String token) {
    return token == null || token.length() > 5 ? null : MULTIPLIERS.get(lower(token));
  }

  /**
   * A figure as one term: thousands separators dropped, a decimal comma kept, leading zeros
   * dropped; null when the token is not a plain figure ("10h30", "covid19").
   */
  static String plain(String token) {
    // Most tokens are words: turned away before a matcher is made (a tenth of the allocations of
    // an uncached answer were this pattern's matchers). PLAIN starts with an ASCII digit.
    if (token.isEmpty() || token.charAt(0) < '0' || token.charAt(0) > '9') {
      return null;
    }
    if (!PLAIN.matcher(token).matches()) {
      return null;
    }
    int dot = token.indexOf('.');
    int comma = token.indexOf(',');
    String integer;
    String fraction = null;
    if (dot >= 0 && comma >= 0) {
      int last = Math.max(token.lastIndexOf('.'), token.lastIndexOf(','));
      integer = token.substring(0, last).replaceAll("[.,]", "");
      fraction = token.substring(last + 1);
    } else if (dot < 0 && comma < 0) {
      integer = token;
    } else {
      char sep = dot >= 0 ? '.' : ',';
      boolean thousands =
          GROUPS_OF_THREE.matcher(token).matches()
              && (sep == '.' || token.indexOf(',') != token.lastIndexOf(','));
      int last = token.lastIndexOf(sep);
      if (thousands) {
        integer = token.replace(String.valueOf(sep), "");
      } else if (token.indexOf(sep) == last) {
        integer = token.substring(0, last);
        fraction = token.substring(last + 1);
      } else {
        return token; // "1.2.3": a section number, not a figure
      }
    }
    int first = 0;
    while (first < integer.length() - 1 && integer.charAt(first) == '0') {
      first++;
    }
    integer = integer.substring(first);
    return fraction == null ? integer : integer + "," + fraction;
  }

  private static BigDecimal decimal(String term) {
    return new BigDecimal(term.replace(',', '.'));
  }

  private static String format(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.scale() < 0) {
      v = v.setScale(0);
    }
    return v.toPlainString().replace('.', ',');
  }

  private static boolean between(String term, int low, int high) {
    if (term.length() > 4 || term.indexOf(',') >= 0) {
      return false;
    }
    int v = Integer.parseInt(term);
    return v >= low && v <= high;
  }
}
