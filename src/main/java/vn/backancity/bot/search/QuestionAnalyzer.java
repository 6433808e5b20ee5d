package vn.backancity.bot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a question as people type it (with or without diacritics, either tone style, decomposed
 * Unicode, abbreviations) into {@link QueryTerms}.
 */
public final class QuestionAnalyzer {
  /** Longer questions are cut: the first words carry the question, and queries stay small. */
  public static final int MAX_WORDS = 40;

  public static final int MAX_CHARS = 500;

  /** Phone and ID numbers: 9 digits or more, maybe grouped by spaces, dots or dashes. */
  private static final Pattern LONG_NUMBER = Pattern.compile("\\d(?:[ .-]?\\d){8,}");

  // Question words and particles: they say what is asked, not what about.
  private static final Set<String> STOP =
      Set.of(
          "có", "không", "bao", "nhiêu", "mấy", "ai", "gì", "nào", "đâu", "là", "thế", "sao", "ạ",
          "à", "ư", "nhỉ", "nhé", "vậy", "ơi", "hả", "hỏi", "xin", "cho", "biết", "của", "và",
          "các", "những", "được", "thì", "mà", "với", "về", "ở", "tại", "bị", "này", "đó", "kia",
          "khi", "giờ", "lúc", "hãy", "giúp", "em", "tôi", "mình", "bạn", "muốn", "cần", "xem",
          "tìm", "như");
  // The same for questions typed without any diacritics, where "co" may be "có" or "cơ": only
  // unigrams are dropped, two-word terms such as "co so" (cơ sở) still count.
  private static final Set<String> STOP_FOLDED =
      Set.of(
          "co", "khong", "bao", "nhieu", "may", "ai", "gi", "nao", "dau", "la", "the", "sao", "a",
          "u", "nhi", "nhe", "vay", "oi", "ha", "hoi", "xin", "cho", "biet", "cua", "va", "cac",
          "nhung", "duoc", "thi", "ma", "voi", "ve", "o", "tai", "bi", "nay", "do", "kia", "khi",
          "gio", "luc", "hay", "giup", "em", "toi", "minh", "ban", "muon", "can", "xem", "tim",
          "nhu");

  // Words of time: they qualify what is asked ("thu ngân sách 9 tháng năm 2021").
  private static final Set<String> TIME_WORDS =
      Set.of("nam", "thang", "ngay", "quy", "tuan", "gio", "hom", "sang", "chieu", "toi", "dem");
  // Words that make a time phrase after a time word: "ngày mai", "hôm qua", "năm nay".
  private static final Set<String> TIME_TAILS = Set.of("nay", "mai", "qua", "sau", "truoc", "toi");
  // Questions about now: an old article cannot answer "giá vàng hôm nay", nor one from last
  // year "lịch cắt điện tháng này". Today's phrases, folded:
  private static final Set<String> TODAY =
      Set.of(
          "hom nay",
          "ngay mai",
          "toi nay",
          "sang nay",
          "chieu nay",
          "dem nay",
          "bay gio",
          "hien gio",
          "luc nay");
  // The week, month and year phrases as written with diacritics; typed with them, only as written
  // ("tuấn sau", "thằng này" fold alike). "Tới" is left out: "những năm tới" is the coming years,
  // "thang toi" also "thẳng tới".
  private static final Map<String, QueryTerms.Now> CALENDAR =
      Map.of(
          "tuần này", QueryTerms.Now.WEEK,
          "tuần sau", QueryTerms.Now.WEEK,
          "tháng này", QueryTerms.Now.MONTH,
          "năm nay", QueryTerms.Now.YEAR);
  private static final Map<String, QueryTerms.Now> CALENDAR_FOLDED =
      CALENDAR.entrySet().stream()
          .collect(
              Collectors.toUnmodifiableMap(
                  e -> VietnameseText.fold(e.getKey()), Map.Entry::getValue));
  // Before a week, month or year phrase, a length of time: "nhiều năm nay", "hai tháng nay". As
  // typed: "bà năm nay" (she, this year) is not "ba năm nay" (these three years).
  private static final Set<String> QUANTITIES =
      Set.of(
          "nhiều", "nhiêu", "mấy", "bao", "những", "các", "vài", "hàng", "chục", "trăm", "cả",
          "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi");
  private static final Set<String> QUANTITIES_FOLDED =
      QUANTITIES.stream().map(VietnameseText::fold).collect(Collectors.toUnmodifiableSet());

  private final VietnameseAnalyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
  private final VietnameseAnalyzer numberWordsAsWords =
      new VietnameseAnalyzer(WordForm.CANONICAL, false, 0, false);
  private final Abbreviations abbreviations;
  private final List<List<String>> homePhrases;
  private final Synonyms synonyms;
  private final PlaceNames places;
  private final Set<String> homePairs;

  public QuestionAnalyzer(Abbreviations abbreviations) {
    this(abbreviations, List.of());
  }

  /**
   * @param homePlaces names of the place the service is for ("Bắc Kạn"): in a question they are
   *     context, not topic
   */
  public QuestionAnalyzer(Abbreviations abbreviations, List<String> homePlaces) {
    this(abbreviations, homePlaces, Synonyms.none());
  }

  /**
   * @param synonyms phrases citizens use for the same thing, and renamed places: a question with
   *     one also searches for the others
   */
  public QuestionAnalyzer(Abbreviations abbreviations, List<String> homePlaces, Synonyms synonyms) {
    this(abbreviations, homePlaces, synonyms, PlaceNames.none());
  }

  /**
   * @param places names of several words that a question names as one thing ("Hòa Bình")
   */
  public QuestionAnalyzer(
      Abbreviations abbreviations, List<String> homePlaces, Synonyms synonyms, PlaceNames places) {
    this.abbreviations = abbreviations;
    this.synonyms = synonyms;
    this.places = places;
    this.homePhrases =
        homePlaces.stream()
            .map(p -> canonical.terms(p).stream().map(VietnameseText::fold).toList())
            .filter(p -> !p.isEmpty())
            .toList();
    this.homePairs = RenamedPlaces.pairsOf(homePhrases);
  }

  public QueryTerms analyze(String question) {
    QueryTerms terms = terms(question);
    String masked = maskNumbers(question);
    if (masked.equals(question)) {
      return terms;
    }
    // A phone or ID number is searched for, but not kept in the key that is logged.
    QueryTerms unmasked = terms(masked);
    return terms.withMatchKeys(unmasked.matchKey(), unmasked.foldedKey());
  }

  private QueryTerms terms(String question) {
    String text = question.length() > MAX_CHARS ? question.substring(0, MAX_CHARS) : question;
    List<String> typed = limited(canonical.terms(text));
    boolean accented = typed.stream().anyMatch(VietnameseText::hasDiacritics);
    QueryTerms wordsReading = null;
    if (!accented) {
      // Without diacritics "mot tram" may be 100 or "một trạm": the answerer tries both readings.
      List<String> asWords = limited(numberWordsAsWords.terms(text));
      if (!asWords.equals(typed)) {
        wordsReading = terms(asWords, false, null);
      }
    }
    return terms(typed, accented, wordsReading);
  }

  /**
   * The narrowest time phrase about now in the question. A week, month or year phrase after a
   * number or a quantity is a length of time ("10 năm nay", "nhiều năm nay": these years), not now.
   */
  private static QueryTerms.Now now(List<String> canonical, List<String> folded, boolean accented) {
    QueryTerms.Now now = QueryTerms.Now.NO;
    for (int i = 0; i + 1 < folded.size(); i++) {
      String pair = folded.get(i) + " " + folded.get(i + 1);
      QueryTerms.Now phrase = TODAY.contains(pair) ? QueryTerms.Now.DAY : CALENDAR_FOLDED.get(pair);
      if (phrase == null) {
        continue;
      }
      if (phrase != QueryTerms.Now.DAY) {
        boolean lengthOfTime =
            i > 0
                && (Character.isDigit(canonical.get(i - 1).charAt(0))
                    || (accented
                        ? QUANTITIES.contains(canonical.get(i - 1))
                        : QUANTITIES_FOLDED.contains(folded.get(i - 1))));
        boolean asWritten =
            !accented || CALENDAR.containsKey(canonical.get(i) + " " + canonical.get(i + 1));
        if (lengthOfTime || !asWritten) {
          continue;
        }
      }
      if (now == QueryTerms.Now.NO || phrase.compareTo(now) < 0) {
        now = phrase;
      }
    }
    return now;
  }

  private static List<String> limited(List<String> typed) {
    return typed.size() > MAX_WORDS ? typed.subList(0, MAX_WORDS) : typed;
  }

  private QueryTerms terms(List<String> typed, boolean accented, QueryTerms wordsReading) {
    // A question with two readings is not the one that reads as its first ("mot tram y te" is not
    // "100 y te"): the answer cache keys it by both.
    String key = String.join(" ", typed) + (wordsReading == null ? "" : " | " + wordsReading.key());
    List<String> typedFolded = typed.stream().map(VietnameseText::fold).toList();
    QuestionType type = QuestionTypes.detect(typed, typedFolded, accented);

    Set<String> alternates = new LinkedHashSet<>();
    List<Expansion> expansions = new ArrayList<>();
    List<String> expanded = expand(typed, typedFolded, alternates, expansions);
    List<String> folded = expanded.stream().map(VietnameseText::fold).toList();
    addShortForms(folded, alternates);
    synonyms.addAlternates(expanded, folded, accented, homePairs, alternates);

    // A place name's words are content even where one is a question word ("Cần Thơ", "ha noi").
    List<PlaceNames.Found> named = places.in(expanded, folded, accented);
    boolean[] inName = new boolean[expanded.size()];
    for (PlaceNames.Found f : named) {
      Arrays.fill(inName, f.start(), f.start() + f.folded().size(), true);
    }
    // So are an abbreviation's long form's: "hoi" in "hdnd" is hội, not "hỏi".
    boolean[] inLongForm = new boolean[expanded.size()];
    for (Expansion e : expansions) {
      Arrays.fill(inLongForm, e.start(), e.start() + e.entry().longFolded().size(), true);
    }
    boolean[] questionWord = new boolean[expanded.size()];
    boolean[] stop = new boolean[expanded.size()];
    for (int i = 0; i < stop.length; i++) {
      questionWord[i] =
          STOP.contains(expanded.get(i)) || (!accented && STOP_FOLDED.contains(folded.get(i)));
      stop[i] = questionWord[i] && !inName[i] && !inLongForm[i];
    }
    Set<QueryTerms.Word> words = new LinkedHashSet<>();
    Set<String> numbers = new LinkedHashSet<>();
    for (int i = 0; i < stop.length; i++) {
      if (!stop[i]) {
        String w = expanded.get(i);
        words.add(new QueryTerms.Word(w, folded.get(i), accented));
        if (Character.isDigit(w.charAt(0))) {
          numbers.add(w);
        }
      }
    }
    if (words.isEmpty()) {
      for (int i = 0; i < stop.length; i++) {
        String w = expanded.get(i);
        words.add(new QueryTerms.Word(w, folded.get(i), accented));
      }
    }
    Set<String> bigrams = new LinkedHashSet<>();
    for (int i = 0; i + 1 < folded.size(); i++) {
      String pair = folded.get(i) + " " + folded.get(i + 1);
      if (!(stop[i] && stop[i + 1])) {
        bigrams.add(pair);
      }
    }
    return new QueryTerms(
        key,
        new ArrayList<>(words),
        new ArrayList<>(bigrams),
        new ArrayList<>(alternates),
        new ArrayList<>(numbers),
        qualifiers(folded),
        now(expanded, folded, accented),
        type,
        // The keys curated answers are stored by stay as they were.
        matchKey(folded, questionWord),
        foldedKey(folded),
        wordsReading,
        names(named, expansions, folded, inName, inLongForm));
  }

  /** An abbreviation of the question replaced by its long form, from {@code start} on. */
  private record Expansion(int start, Abbreviations.Entry entry) {}

  /**
   * The names whose words count only as the name: not a name one of whose words the question also
   * has outside any name ("Hòa Bình có bình xét thi đua": that "bình" counts by itself).
   */
  private static List<QueryTerms.Name> names(
      List<PlaceNames.Found> named,
      List<Expansion> expansions,
      List<String> folded,
      boolean[] inName,
      boolean[] inLongForm) {
    Set<QueryTerms.Name> names = new LinkedHashSet<>();
    Set<String> alone = outside(folded, inName);
    for (PlaceNames.Found f : named) {
      if (f.folded().stream().noneMatch(alone::contains)) {
        names.add(new QueryTerms.Name(f.folded(), null));
      }
    }
    // An abbreviation's long form ("HĐND": hội đồng nhân dân) is one thing: "nhân dân" alone in a
    // text is not it, and the abbreviation in a text is all of it.
    Set<String> outsideLongForms = outside(folded, inName, inLongForm);
    for (Expansion e : expansions) {
      List<String> longForm = e.entry().longFolded();
      if (longForm.size() >= 2
          && e.entry().shortFolded().size() == 1
          && longForm.stream().noneMatch(outsideLongForms::contains)) {
        names.add(new QueryTerms.Name(longForm, e.entry().shortFolded().get(0)));
      }
    }
    return new ArrayList<>(names);
  }

  /** The words at positions that none of {@code inside} marks. */
  private static Set<String> outside(List<String> folded, boolean[]... inside) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < folded.size(); i++) {
      boolean marked = false;
      for (boolean[] mask : inside) {
        marked |= mask[i];
      }
      if (!marked) {
        out.add(folded.get(i));
      }
    }
    return out;
  }

  /**
   * The match key the question would have typed without diacritics, from its folded words: there
   * every word that folds like a question word is one (the same rule as {@code questionWord} for a
   * question typed without accents, as STOP_FOLDED holds every STOP word folded).
   */
  private static String foldedKey(List<String> folded) {
    boolean[] stop = new boolean[folded.size()];
    for (int i = 0; i < stop.length; i++) {
      stop[i] = STOP_FOLDED.contains(folded.get(i));
    }
    return matchKey(folded, stop);
  }

  /** The longest normalized form kept: long enough for any real question's content words. */
  public static final int MAX_KEY = 300;

  /**
   * The match key of a question as typed (see {@link #matchKey(List, boolean[])}).
   *
   * @see QueryTerms#matchKey()
   */
  public String matchKey(String question) {
    return analyze(question).matchKey();
  }

  /**
   * The match key of the question with its diacritics removed: the same for every way of typing it,
   * accents or not, hence the review queue's groups and the key a question typed without accents is
   * matched by.
   */
  public String foldedKey(String question) {
    return analyze(question).foldedKey();
  }

  /**
   * What identifies a question for the city's curated answers: its content words without
   * diacritics, abbreviations expanded, in the order asked; question words and particles dropped as
   * the analysis drops them (by their accented form when the question has accents: "sổ đỏ" keeps
   * both words, "so do" neither), except the tail of a time phrase ("hôm nay" is not "hôm qua").
   * Phone and ID numbers are left out of it (see {@link #maskNumbers}).
   */
  static String matchKey(List<String> folded, boolean[] stop) {
    List<String> kept = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int i = 0; i < folded.size(); i++) {
      String w = folded.get(i);
      boolean tail = i > 0 && TIME_WORDS.contains(folded.get(i - 1)) && TIME_TAILS.contains(w);
      if (!stop[i] || tail) {
        add(kept, w);
      }
      add(all, w);
    }
    String key = String.join(" ", kept.isEmpty() ? all : kept);
    return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
  }

  /** The text with phone and ID numbers replaced by "•••": what logs and keys may keep. */
  public static String maskNumbers(String text) {
    return LONG_NUMBER.matcher(text).replaceAll("•••");
  }

  private static void add(List<String> list, String word) {
    if (!list.contains(word)) {
      list.add(word);
    }
  }

  /** Figures, times and the home place's name. */
  private Set<String> qualifiers(List<String> folded) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < folded.size(); i++) {
      String w = folded.get(i);
      if ((Character.isDigit(w.charAt(0)) && !specificFigure(w)) || TIME_WORDS.contains(w)) {
        out.add(w);
      } else if (i > 0 && TIME_WORDS.contains(folded.get(i - 1)) && TIME_TAILS.contains(w)) {
        out.add(w);
      }
    }
    for (List<String> home : homePhrases) {
      for (int i = 0; i + home.size() <= folded.size(); i++) {
        if (startsWith(folded, i, home)) {
          out.addAll(home);
        }
      }
    }
    return out;
  }

  /**
   * A figure that names what is asked rather than qualifying it: "4600 đảng viên", "1,2%", not a
   * year, a day or a small count ("9 tháng năm 2021").
   */
  private static boolean specificFigure(String w) {
    if (w.indexOf(',') >= 0) {
      return true;
    }
    for (int i = 0; i < w.length(); i++) {
      if (!Character.isDigit(w.charAt(i))) {
        return false;
      }
    }
    return w.length() >= 3 && !(w.length() == 4 && (w.startsWith("19") || w.startsWith("20")));
  }

  /** Abbreviations replaced by their long forms; the abbreviation itself kept as an alternate. */
  private List<String> expand(
      List<String> typed, List<String> folded, Set<String> alternates, List<Expansion> expansions) {
    List<String> out = new ArrayList<>(typed.size() + 8);
    int i = 0;
    while (i < typed.size()) {
      Abbreviations.Entry match = null;
      for (Abbreviations.Entry e : abbreviations.entries()) {
        if (startsWith(folded, i, e.shortFolded())
            && (match == null || e.shortFolded().size() > match.shortFolded().size())) {
          match = e;
        }
      }
      if (match == null) {
        out.add(typed.get(i));
        i++;
      } else {
        expansions.add(new Expansion(out.size(), match));
        out.addAll(match.longCanonical());
        addAlternate(alternates, match.shortFolded());
        i += match.shortFolded().size();
      }
    }
    return out;
  }

  /** For long forms in the question ("ủy ban nhân dân"), their abbreviation as an alternate. */
  private void addShortForms(List<String> folded, Set<String> alternates) {
    for (Abbreviations.Entry e : abbreviations.entries()) {
      for (int i = 0; i + e.longFolded().size() <= folded.size(); i++) {
        if (startsWith(folded, i, e.longFolded())) {
          addAlternate(alternates, e.shortFolded());
          break;
        }
      }
    }
  }

  private static void addAlternate(Set<String> alternates, List<String> terms) {
    if (terms.size() <= 2) {
      alternates.add(String.join(" ", terms));
    }
  }

  private static boolean startsWith(List<String> list, int at, List<String> prefix) {
    if (at + prefix.size() > list.size()) {
      return false;
    }
    for (int k = 0; k < prefix.size(); k++) {
      if (!list.get(at + k).equals(prefix.get(k))) {
        return false;
      }
    }
    return true;
  }
}
