package vn.backancity.bot.answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.backancity.bot.search.QueryTerms;
import vn.backancity.bot.search.QuestionType;
import vn.backancity.bot.search.SearchResult;
import vn.backancity.bot.search.TermWeights;

/**
 * Scores how well a passage answers a question: the weighted share of the question's words and
 * two-word terms it contains, plus a bonus when it holds the kind of thing asked for (a number for
 * "bao nhiêu", a name for "ai", a date for "năm nào", a place for "ở đâu").
 */
final class PassageScorer {
  static final double TYPE_BONUS = 0.35;
  // The share of a longer unaccented question's paired words an article must write in pairs (see
  // unaccentedPairs): as much as the default relevance floor asks of its words (min-coverage).
  static final double UNACCENTED_SHARE = 0.6;
  // Words that ask ("xã nào", "bao nhiêu"): an answer does not write them with the words they ask
  // about. ("ở đâu" is two stop words, no pair; "dau" alone is as often đầu, as in "đầu tư".)
  private static final Set<String> ASKING =
      Set.of("nao", "gi", "ai", "nhieu", "may", "sao", "khong");
  // A bare topic ("thu ngân sách 9 tháng") usually wants its figure: a new number right after it.
  static final double FACT_BONUS = 0.15;
  static final int FACT_DISTANCE = 3;

  private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
  private static final Set<String> SURNAMES =
      Set.of(
          "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
          "ho", "ngo", "duong", "ly", "dinh", "doan", "lam", "mai", "trinh", "truong", "cao",
          "luong", "ha", "ta", "trieu", "nong", "luc", "ma", "hua", "chu", "cu", "lo", "vi", "au",
          "la", "to", "thai", "kieu", "quach", "mac", "tang", "luu", "hau", "phung", "diep", "ninh",
          "than", "tong", "khong", "giap", "dam", "be", "van", "lai", "nghiem", "tieu");
  private static final Set<String> HONORIFICS =
      Set.of("ong", "ba", "anh", "chi", "dong chi", "chu tich", "bi thu", "giam doc", "truong");
  // Words after which capitalized words name a place, not a person ("phường Phùng Chí Kiên").
  private static final Set<String> PLACE_WORDS =
      Set.of(
          "thon",
          "xa",
          "phuong",
          "huyen",
          "tinh",
          "thi xa",
          "thanh pho",
          "tp",
          "to",
          "khu",
          "duong",
          "quan",
          "tai",
          "o",
          "song",
          "nui",
          "deo",
          "cau",
          "lang",
          "ap",
          "quoc gia");

  // With few articles, document frequencies are noise: the share of words found, unweighted, is
  // blended in so that one rare but incidental word cannot outweigh the question's main words.
  static final double UNIFORM_SHARE = 0.5;
  // In a question typed with diacritics, finding a word only in its folded form ("mại" for "mai").
  static final double FOLDED_CREDIT = 0.3;
  // Times, figures and the home place qualify a question's topic ("thu ngân sách 9 tháng năm
  // 2021"); the topic words identify the passage that answers, so qualifiers count for less.
  static final double QUALIFIER = 0.5;
  // A passage that states another year than the one asked about, and not the asked one.
  static final double YEAR_MISMATCH = 0.7;
  private static final int LOOKED_UP_BITS = 1024;
  private static final int ABBREVIATED = -2;

  private final QueryTerms terms;
  // The question side, computed once: passages are matched by lookups, not by building sets.
  private final List<QueryTerms.Word> words;
  private final double[] wordWeight;
  private final double[] wordShare;
  private final Map<String, Integer> wordByFolded = new HashMap<>();
  // Every folded token of a two-word term gets an id; a term is a pair of ids.
  private final Map<String, Integer> tokenId = new HashMap<>();
  private final Map<Long, Integer> pairIndex = new HashMap<>();
  private final double[] pairWeight;
  private final double[] pairShare;
  private final boolean[] pairCounted;
  // The place names of the question, as folded words and as indexes of its words: those words
  // count where the text writes the whole name ("hòa bình"), not one by one ("bình xét").
  private final List<String[]> names = new ArrayList<>();
  // The one word that also writes the name ("hdnd" for hội đồng nhân dân), or null.
  private final List<String> abbreviations = new ArrayList<>();
  private final List<int[]> nameWords = new ArrayList<>();
  private final boolean[] inName;
  private final Map<String, Double> alternateWords = new HashMap<>();
  // A bit per hash of every folded word the passages are looked up by (the question's words, its
  // alternates, the tokens of its pairs): a text word whose bit is clear is none of them and costs
  // no map lookup (the lookups were a sixteenth of an uncached answer's time; most words miss).
  private final long[] lookedUp = new long[LOOKED_UP_BITS / 64];
  private final Set<String> askedFolded = new HashSet<>();
  private final Set<String> askedCanonical = new HashSet<>();
  private final Set<String> askedYears = new HashSet<>();
  // The question's words it writes a number right after, with those numbers ("loai": 2 in "đô
  // thị loại 2").
  private final Map<String, Set<String>> numbered = new HashMap<>();
  // A short question of content words side by side is made of words of two syllables ("học phí",
  // "giá điện", "giá nước sạch"). Where the index is too small to know its two-word terms, an
  // article that writes none of its pairs together (nor an alternate: "tiền học") does not answer
  // it: "giá trị" and "điện tử" are no "giá điện". Null otherwise; else those pairs and the
  // alternates, each as its folded words.
  private final List<List<String>> phrase;
  // A longer question typed without diacritics: each of its syllables stands for many ("dang" is
  // đang, đảng, đăng, dạng...), so only words written together say what it asks: an article must
  // write together pairs of its content words side by side that hold UNACCENTED_SHARE of those
  // words. "sơ kết" and "nhiệm kỳ" are no "thu tuc dang ky ket hon"; in a large index, where the
  // pairs' statistics rank the candidates, "công chức hoàn thành xuất sắc" is still no "to chuc co
  // so dang dat hoan thanh xuat sac". The pairs are those of the question as typed, a stop word
  // included ("can cuoc": "can" is also cần), but not a word that asks. Null otherwise; else the
  // words that follow each first word of those pairs, by that word.
  private final Map<String, Set<String>> unaccentedPairs;
  // Whether each word is a content word of one of those pairs, and what it counts for in that
  // share: 1, or its share of two for the words of a name the question abbreviates ("ubnd" is one
  // word, not four).
  private final boolean[] paired;
  private final double[] pairedWeight;
  // The sum of pairedWeight over the paired words: what an article writing every pair holds.
  private double pairedTotal;
  private double wordTotal;
  private double wordCount;
  private double pairTotal;
  private double pairCount;

  PassageScorer(QueryTerms terms, TermWeights weights) {
    this.terms = terms;
    this.words = terms.words();
    wordWeight = new double[words.size()];
    wordShare = new double[words.size()];
    for (int i = 0; i < words.size(); i++) {
      QueryTerms.Word w = words.get(i);
      wordShare[i] = terms.isQualifier(w.folded()) ? QUALIFIER : 1;
      wordWeight[i] = wordShare[i] * weights.word(w);
      wordByFolded.putIfAbsent(w.folded(), i);
      wordTotal += wordWeight[i];
      wordCount += wordShare[i];
      askedFolded.add(w.folded());
      askedCanonical.add(w.canonical());
    }
    for (String n : terms.numbers()) {
      if (YEAR.matcher(n).matches()) {
        askedYears.add(n);
      }
    }
    for (String pair : terms.bigrams()) {
      int space = pair.indexOf(' ');
      String word = pair.substring(0, space);
      if (askedFolded.contains(word)
          && !Character.isDigit(pair.charAt(0))
          && Character.isDigit(pair.charAt(space + 1))) {
        numbered.computeIfAbsent(word, k -> new HashSet<>()).add(pair.substring(space + 1));
      }
    }
    List<String> pairs = new ArrayList<>(terms.bigrams());
    int firstAlternatePair = pairs.size();
    for (String alternate : terms.alternates()) {
      if (alternate.contains(" ")) {
        pairs.add(alternate);
      } else {
        alternateWords.put(alternate, weights.unigram(alternate));
      }
    }
    pairWeight = new double[pairs.size()];
    pairShare = new double[pairs.size()];
    pairCounted = new boolean[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      String pair = pairs.get(i);
      int space = pair.indexOf(' ');
      long key = pairKey(id(pair.substring(0, space)), id(pair.substring(space + 1)));
      if (pairIndex.putIfAbsent(key, i) != null) {
        continue;
      }
      boolean alternate = i >= firstAlternatePair;
      // Unseen two-word terms are most likely two words that merely stand side by side.
      pairCounted[i] = !alternate && !weights.bigramUnseen(pair);
      pairShare[i] = terms.isQualifier(pair) ? QUALIFIER : 1;
      pairWeight[i] = pairShare[i] * weights.bigram(pair);
      if (pairCounted[i]) {
        pairTotal += pairWeight[i];
        pairCount += pairShare[i];
      }
    }
    List<List<String>> pairsOfPhrase = null;
    if (!weights.pairsKnown() && (words.size() == 2 || words.size() == 3)) {
      pairsOfPhrase = new ArrayList<>();
      for (int i = 0; i + 1 < words.size(); i++) {
        String left = words.get(i).folded();
        String right = words.get(i + 1).folded();
        if (wordShare[i] < 1
            || wordShare[i + 1] < 1
            || !terms.bigrams().contains(left + " " + right)) {
          pairsOfPhrase = null; // a qualifier, or words apart in the question: coverage decides
          break;
        }
        pairsOfPhrase.add(List.of(left, right));
      }
    }
    if (pairsOfPhrase != null) {
      for (String alternate : terms.alternates()) {
        pairsOfPhrase.add(List.of(alternate.split(" ")));
      }
    }
    phrase = pairsOfPhrase;
    paired = new boolean[words.size()];
    unaccentedPairs = terms.accented() || words.size() < 4 ? null : contentPairs();
    pairedWeight = new double[words.size()];
    Arrays.fill(pairedWeight, 1);
    inName = new boolean[words.size()];
    for (QueryTerms.Name name : terms.names()) {
      List<String> folded = name.folded();
      int[] indexes = new int[folded.size()];
      for (int k = 0; k < indexes.length; k++) {
        Integer i = wordByFolded.get(folded.get(k));
        indexes[k] = i == null ? -1 : i;
      }
      if (Arrays.stream(indexes).allMatch(i -> i >= 0)) {
        names.add(folded.toArray(String[]::new));
        abbreviations.add(name.abbreviation());
        nameWords.add(indexes);
        for (int i : indexes) {
          inName[i] = true;
          pairedWeight[i] = name.abbreviation() == null ? 1 : 2.0 / indexes.length;
        }
      }
    }
    for (int i = 0; i < words.size(); i++) {
      pairedTotal += paired[i] ? pairedWeight[i] : 0;
    }
    for (Set<String> keys :
        List.of(wordByFolded.keySet(), alternateWords.keySet(), tokenId.keySet())) {
      for (String key : keys) {
        int bit = bit(key);
        lookedUp[bit >>> 6] |= 1L << bit;
      }
    }
  }

  /**
   * The question's pairs of words side by side that hold a content word and no word that asks (the
   * second words of each first word), marking those content words in {@code paired}; null for fewer
   * than two such pairs.
   */
  private Map<String, Set<String>> contentPairs() {
    Map<String, Set<String>> pairs = new HashMap<>();
    int count = 0;
    for (String pair : terms.bigrams()) {
      int space = pair.indexOf(' ');
      String first = pair.substring(0, space);
      String second = pair.substring(space + 1);
      if (ASKING.contains(first) || ASKING.contains(second)) {
        continue;
      }
      boolean content = false;
      for (String token : List.of(first, second)) {
        Integer i = wordByFolded.get(token);
        if (i != null && wordShare[i] == 1) {
          paired[i] = content = true;
        }
      }
      if (content && pairs.computeIfAbsent(first, k -> new HashSet<>()).add(second)) {
        count++;
      }
    }
    return count < 2 ? null : pairs;
  }

  /**
   * Whether {@code folded} may be one of the words passages are looked up by (false: it is not).
   */
  private boolean mayBeLookedUp(String folded) {
    int bit = bit(folded);
    return (lookedUp[bit >>> 6] & (1L << bit)) != 0;
  }

  private static int bit(String folded) {
    int h = folded.hashCode(); // kept by the string: the words' folded forms are shared
    return (h ^ (h >>> 16)) & (LOOKED_UP_BITS - 1);
  }

  private int id(String token) {
    return tokenId.computeIfAbsent(token, t -> tokenId.size());
  }

  private static long pairKey(int left, int right) {
    return ((long) left << 32) | (right & 0xffffffffL);
  }

  /** The share of the question's words found anywhere in these words, 0..1. */
  double wordCoverage(List<Words.Word> text) {
    return share(text, false);
  }

  /**
   * Whether an article's words may answer the question as far as its two-syllable words go. False
   * for a longer question typed without diacritics, asked of words that write too few of its pairs
   * (see {@code unaccentedPairs}); and in a small index, for a short question of such words (see
   * {@code phrase}), asked of words that never write one of its pairs (or an alternate) together.
   */
  boolean writesItsPhrase(List<Words.Word> text) {
    if (unaccentedPairs != null) {
      return writesItsPairs(text);
    }
    if (phrase == null) {
      return true;
    }
    for (List<String> term : phrase) {
      if (Words.containPhrase(text, term)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the words write together pairs of a longer unaccented question that hold {@link
   * #UNACCENTED_SHARE} of its paired words (see {@code unaccentedPairs}). A name the question
   * abbreviates counts as written where its abbreviation is.
   */
  private boolean writesItsPairs(List<Words.Word> text) {
    Set<String> written = new HashSet<>();
    String previous = null;
    for (Words.Word w : text) {
      String folded = w.folded();
      Set<String> next = previous == null ? null : unaccentedPairs.get(previous);
      if (next != null && next.contains(folded)) {
        written.add(previous);
        written.add(folded);
      }
      for (int n = 0; n < names.size(); n++) {
        if (folded.equals(abbreviations.get(n))) {
          written.addAll(List.of(names.get(n)));
        }
      }
      previous = folded;
    }
    double found = 0;
    for (int i = 0; i < words.size(); i++) {
      if (paired[i] && written.contains(words.get(i).folded())) {
        found += pairedWeight[i];
      }
    }
    return found >= UNACCENTED_SHARE * pairedTotal;
  }

  /**
   * The most of {@link #wordCoverage} an article that holds (anywhere, in any form) the folded
   * words {@code holds} says may reach, or -1 when that is below {@code floor}: each word held
   * counts as found in full, so the bound is never below the coverage its words will give, and a
   * candidate turned away here would have been turned away after its analysis.
   */
  SearchResult.Worth reaching(double floor) {
    return holds -> {
      double found = 0;
      double foundCount = 0;
      boolean[] abbreviated = new boolean[words.size()];
      for (int n = 0; n < names.size(); n++) {
        String abbreviation = abbreviations.get(n);
        if (abbreviation != null && holds.test(abbreviation)) {
          for (int i : nameWords.get(n)) {
            abbreviated[i] = true;
          }
        }
      }
      for (int i = 0; i < words.size(); i++) {
        if (abbreviated[i] || holds.test(words.get(i).folded())) {
          found += wordWeight[i];
          foundCount += wordShare[i];
        }
      }
      for (Map.Entry<String, Double> a : alternateWords.entrySet()) {
        if (holds.test(a.getKey())) {
          found += a.getValue();
          foundCount++;
        }
      }
      // The same sums in another order may round below the coverage they bound: a hair generous.
      double bound = shareOf(found, foundCount, wordTotal, wordCount);
      return bound >= floor - 1e-9 ? bound : -1;
    };
  }

  /** The share of the question's words and two-word terms in the passage, 0..1. */
  double coverage(Passage p) {
    return coverage(p.words());
  }

  /** The share of the question's words and two-word terms in these words, 0..1. */
  double coverage(List<Words.Word> text) {
    return share(text, true);
  }

  private double share(List<Words.Word> text, boolean withPairs) {
    double[] credit = new double[words.size()];
    boolean[] pairFound = new boolean[pairWeight.length];
    double found = 0;
    double foundCount = 0;
    Set<String> alternatesFound = null;
    // How many words of each name the text has just had in a row; -1 once it has had them all,
    // ABBREVIATED once it has had the name's abbreviation.
    int[] nameRun = names.isEmpty() ? null : new int[names.size()];
    int previous = -1;
    for (Words.Word w : text) {
      boolean mayBe = mayBeLookedUp(w.folded());
      Integer i = mayBe ? wordByFolded.get(w.folded()) : null;
      if (i != null) {
        QueryTerms.Word q = words.get(i);
        double c = !q.exact() || q.canonical().equals(w.canonical()) ? 1 : FOLDED_CREDIT;
        credit[i] = Math.max(credit[i], c);
      }
      if (mayBe && !alternateWords.isEmpty() && alternateWords.containsKey(w.folded())) {
        if (alternatesFound == null) {
          alternatesFound = new HashSet<>();
        }
        alternatesFound.add(w.folded());
      }
      if (nameRun != null) {
        for (int n = 0; n < nameRun.length; n++) {
          String[] name = names.get(n);
          if (nameRun[n] >= 0 && w.folded().equals(abbreviations.get(n))) {
            nameRun[n] = ABBREVIATED;
          } else if (nameRun[n] >= 0) {
            int run = w.folded().equals(name[nameRun[n]]) ? nameRun[n] + 1 : 0;
            if (run == 0 && w.folded().equals(name[0])) {
              run = 1;
            }
            nameRun[n] = run == name.length ? -1 : run;
          }
        }
      }
      if (withPairs) {
        Integer current = mayBe ? tokenId.get(w.folded()) : null;
        int id = current == null ? -1 : current;
        if (previous >= 0 && id >= 0) {
          Integer pair = pairIndex.get(pairKey(previous, id));
          if (pair != null) {
            pairFound[pair] = true;
          }
        }
        previous = id;
      }
    }
    if (alternatesFound != null) {
      // An abbreviation stands for words of the question: extra credit, once each.
      for (String a : alternatesFound) {
        found += alternateWords.get(a);
        foundCount++;
      }
    }
    if (nameRun != null) {
      boolean[] named = new boolean[credit.length];
      for (int n = 0; n < nameRun.length; n++) {
        if (nameRun[n] < 0) {
          for (int i : nameWords.get(n)) {
            named[i] = true;
            if (nameRun[n] == ABBREVIATED) {
              credit[i] = 1; // "HĐND" in the text says each word of hội đồng nhân dân
            }
          }
        }
      }
      for (int i = 0; i < credit.length; i++) {
        if (inName[i] && !named[i]) {
          credit[i] = 0;
        }
      }
    }
    double total = wordTotal;
    double count = wordCount;
    for (int i = 0; i < credit.length; i++) {
      found += credit[i] * wordWeight[i];
      foundCount += credit[i] * wordShare[i];
    }
    if (withPairs) {
      total += pairTotal;
      count += pairCount;
      for (int i = 0; i < pairFound.length; i++) {
        if (pairFound[i]) {
          found += pairWeight[i];
          foundCount += pairCounted[i] ? pairShare[i] : 1;
        }
      }
    }
    return shareOf(found, foundCount, total, count);
  }

  private static double shareOf(double found, double foundCount, double total, double count) {
    if (count == 0 || total == 0) {
      return 0;
    }
    double weighted = Math.min(1, found / total);
    double uniform = Math.min(1, foundCount / count);
    return (1 - UNIFORM_SHARE) * weighted + UNIFORM_SHARE * uniform;
  }

  /** Coverage plus the answer-type bonus, with small penalties for fragments and headings. */
  double score(Passage p) {
    double score = coverage(p) + bonus(p);
    int n = p.words().size();
    if (n < 4) {
      score *= 0.5;
    } else if (n > 70) {
      score *= 0.85;
    }
    if (p.caption()) {
      score *= 0.9;
    }
    if (inCapitals(p.text())) {
      score *= 0.5;
    }
    if (yearFrame(p.words()) < 0) {
      score *= YEAR_MISMATCH;
    }
    return score;
  }

  /**
   * Whether {@code text} equals its upper case (a heading in capitals), without making the upper
   * case copy for the usual text: a character that upper-cases to another one answers no. Only a
   * text that passes is compared whole, for the characters whose upper case is longer ("ß").
   */
  static boolean inCapitals(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (Character.toUpperCase(c) != c) {
        return false;
      }
      i += Character.charCount(c);
    }
    return text.equals(text.toUpperCase(Locale.ROOT));
  }

  /**
   * For a question that names a year, whether the passage is about it: the first year a passage
   * states is its time frame ("Năm 2021, ... so với năm 2020" is about 2021). 1 when that is an
   * asked year, -1 when it is another, 0 when the passage states none or the question names none.
   */
  int yearFrame(List<Words.Word> words) {
    if (askedYears.isEmpty()) {
      return 0;
    }
    for (Words.Word w : words) {
      if (w.isNumber() && YEAR.matcher(w.canonical()).matches()) {
        return askedYears.contains(w.canonical()) ? 1 : -1;
      }
    }
    return 0;
  }

  /**
   * The question's rarest word that these words contain (by document frequency; between words as
   * rare, a name before another word, then the one these words hold fewer times), when it is a
   * name, else -1. A name is a word the text writes capitalized most of the time: a place or a
   * person ("Dương Quang", "Nà Pậu"). Qualifiers (times, figures, the home place) are left out.
   */
  int rarest(List<Words.Word> text) {
    int[] found = new int[words.size()];
    int[] capitalized = new int[words.size()];
    for (Words.Word w : text) {
      int i = match(w);
      if (i >= 0) {
        found[i]++;
        capitalized[i] += w.isCapitalized() ? 1 : 0;
      }
    }
    boolean[] name = new boolean[words.size()];
    for (int i = 0; i < name.length; i++) {
      name[i] = 2 * capitalized[i] > found[i]; // capitalized most of the time
    }
    int best = -1;
    double bestWeight = 0;
    for (int i = 0; i < found.length; i++) {
      boolean rarer = wordWeight[i] > bestWeight;
      if (best >= 0 && wordWeight[i] == bestWeight) {
        // As rare: a name before another word, then the one written fewer times.
        rarer = name[i] != name[best] ? name[i] : found[i] < found[best];
      }
      if (found[i] > 0 && wordShare[i] >= 1 && rarer) {
        best = i;
        bestWeight = wordWeight[i];
      }
    }
    return best >= 0 && name[best] ? best : -1;
  }

  /** Whether the words hold question word {@code word} (see {@link #rarest}). */
  boolean contains(List<Words.Word> text, int word) {
    for (Words.Word w : text) {
      if (match(w) == word) {
        return true;
      }
    }
    return false;
  }

  /** The question word this word is, in full (a folded-only match of an accented word is not). */
  private int match(Words.Word w) {
    Integer i = wordByFolded.get(w.folded());
    if (i == null) {
      return -1;
    }
    QueryTerms.Word q = words.get(i);
    return !q.exact() || q.canonical().equals(w.canonical()) ? i : -1;
  }

  /**
   * False when the question asks how many ("bao nhiêu", "mấy") and these words give no figure other
   * than the question's own: they cannot be its answer.
   */
  boolean mayAnswer(List<Words.Word> words) {
    return terms.type() != QuestionType.NUMBER || hasNewNumber(words);
  }

  private double bonus(Passage p) {
    List<Words.Word> words = p.words();
    return switch (terms.type()) {
      case NUMBER, QUANTITY -> hasNewNumber(words) ? TYPE_BONUS : 0;
      case DATE -> hasDate(words) ? TYPE_BONUS : 0;
      case PERSON -> hasPerson(words) ? TYPE_BONUS : 0;
      case PLACE -> hasPlace(words) ? TYPE_BONUS : 0;
      case OTHER -> hasFigure(words) ? FACT_BONUS : 0;
    };
  }

  // Numbers written as words ("bốn lựa chọn", "hai đội"). Left out: "năm" (also "year"), "một"
  // and "vài" ("một số", "vài": some, not a count).
  private static final Set<String> NUMBER_WORDS =
      Set.of(
          "hai", "ba", "bốn", "tư", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm", "nghìn",
          "ngàn", "triệu", "tỷ", "tỉ", "nửa", "chục");

  // "tư" is four only after these ("hai mươi tư", "một phần tư"); else it is "tư tưởng", "đầu tư".
  private static final Set<String> FOUR_AFTER = Set.of("mười", "mươi", "phần");

  // Words after which a figure dates the sentence ("năm 2023", "tháng 9").
  private static final Set<String> DATE_WORDS = Set.of("nam", "ngay", "thang");

  private boolean hasNewNumber(List<Words.Word> words) {
    Set<String> asked = askedCanonical;
    for (int i = 0; i < words.size(); i++) {
      Words.Word w = words.get(i);
      // A Roman numeral (a figure in capitals) ranks or names ("loại II", "khóa XV"), a figure
      // after "năm" dates ("năm 2023"): no count, unless the question asks "tháng bao nhiêu".
      if (w.isNumber()
          && !w.isCapitalized()
          && !terms.numbers().contains(w.canonical())
          && !(i > 0 && dates(words.get(i - 1).folded()))) {
        return true;
      }
      if (NUMBER_WORDS.contains(w.canonical())
          && !asked.contains(w.canonical())
          && (!w.canonical().equals("tư")
              || i > 0 && FOUR_AFTER.contains(words.get(i - 1).canonical()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a figure after this word dates its sentence and the question asks no such thing. */
  private boolean dates(String folded) {
    return DATE_WORDS.contains(folded) && !askedFolded.contains(folded);
  }

  /**
   * A number the question does not contain, a few words after one of the question's words. Right
   * after a word the question gives another number it is another thing ("loại 3" where "đô thị loại
   * 2" is asked), a fact only in a passage that also writes the asked one ("oxi-16" beside
   * "oxi-18").
   */
  private boolean hasFigure(List<Words.Word> words) {
    Set<String> asked = askedFolded;
    int lastMatch = -FACT_DISTANCE - 1;
    boolean otherThing = false;
    boolean writesAsked = false;
    for (int i = 0; i < words.size(); i++) {
      Words.Word w = words.get(i);
      Set<String> asks = w.isNumber() && i > 0 ? numbered.get(words.get(i - 1).folded()) : null;
      boolean afterNumbered = asks != null;
      if (afterNumbered && asks.contains(w.canonical())) {
        writesAsked = true;
      }
      if (w.isNumber()
          && !terms.numbers().contains(w.canonical())
          && i - lastMatch <= FACT_DISTANCE) {
        if (!afterNumbered) {
          return true;
        }
        otherThing = true;
      }
      if (!w.isNumber() && asked.contains(w.folded())) {
        lastMatch = i;
      }
    }
    return otherThing && writesAsked;
  }

  private boolean hasDate(List<Words.Word> words) {
    for (int i = 0; i < words.size(); i++) {
      Words.Word w = words.get(i);
      if (!w.isNumber() || terms.numbers().contains(w.canonical())) {
        continue;
      }
      boolean year = YEAR.matcher(w.canonical()).matches();
      boolean afterDateWord = i > 0 && DATE_WORDS.contains(words.get(i - 1).folded());
      if (year || afterDateWord) {
        return true;
      }
    }
    return false;
  }

  /**
   * A name the question does not already give: a Vietnamese full name (surname first, or after
   * "ông", "bà", "đồng chí"), or any run of two capitalized words inside the sentence (Vietnamese
   * capitalizes only names there), unless a place word precedes it.
   */
  private boolean hasPerson(List<Words.Word> words) {
    Set<String> asked = askedFolded;
    for (int i = 0; i + 1 < words.size(); i++) {
      Words.Word first = words.get(i);
      Words.Word second = words.get(i + 1);
      if (!first.isCapitalized() || !second.isCapitalized() || afterPlaceWord(words, i)) {
        continue;
      }
      if (asked.contains(first.folded()) && asked.contains(second.folded())) {
        continue; // the name the question is about, not its answer
      }
      boolean named = SURNAMES.contains(first.folded()) || afterHonorific(words, i) || i > 0;
      if (named) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasPlace(List<Words.Word> words) {
    for (int i = 1; i < words.size(); i++) {
      if (words.get(i).isCapitalized() && afterPlaceWord(words, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean afterHonorific(List<Words.Word> words, int i) {
    return precededBy(words, i, HONORIFICS);
  }

  private static boolean afterPlaceWord(List<Words.Word> words, int i) {
    return precededBy(words, i, PLACE_WORDS);
  }

  private static boolean precededBy(List<Words.Word> words, int i, Set<String> set) {
    if (i >= 1 && set.contains(words.get(i - 1).folded())) {
      return true;
    }
    return i >= 2 && set.contains(words.get(i - 2).folded() + " " + words.get(i - 1).folded());
  }
}
