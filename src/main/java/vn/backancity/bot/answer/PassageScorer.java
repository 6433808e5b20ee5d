package vn.backancity.bot.answer;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import vn.backancity.bot.search.QueryTerms;
import vn.backancity.bot.search.TermWeights;

/**
 * Scores how well a passage answers a question: the weighted share of the question's words and
 * two-word terms it contains, plus a bonus when it holds the kind of thing asked for (a number for
 * "bao nhiêu", a name for "ai", a date for "năm nào", a place for "ở đâu").
 */
final class PassageScorer {
  static final double TYPE_BONUS = 0.35;
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

  private final QueryTerms terms;
  private final TermWeights weights;

  PassageScorer(QueryTerms terms, TermWeights weights) {
    this.terms = terms;
    this.weights = weights;
  }

  /** The share of the question's words found anywhere in these words, 0..1. */
  double wordCoverage(List<Words.Word> words) {
    return share(Forms.of(words), false);
  }

  /** The share of the question's words and two-word terms in the passage, 0..1. */
  double coverage(Passage p) {
    return share(Forms.of(p.words()), true);
  }

  private double share(Forms forms, boolean withBigrams) {
    double found = 0;
    double total = 0;
    double foundCount = 0;
    double count = 0;
    for (QueryTerms.Word w : terms.words()) {
      double share = terms.isQualifier(w.folded()) ? QUALIFIER : 1;
      double weight = share * weights.word(w);
      double credit = forms.credit(w);
      found += credit * weight;
      total += weight;
      foundCount += share * credit;
      count += share;
    }
    for (String alternate : terms.alternates()) {
      boolean two = alternate.contains(" ");
      if (two ? forms.pairs.contains(alternate) : forms.folded.contains(alternate)) {
        found += two ? weights.bigram(alternate) : weights.unigram(alternate);
        foundCount++;
      }
    }
    if (withBigrams) {
      for (String b : terms.bigrams()) {
        if (weights.bigramUnseen(b)) {
          continue; // most likely two words that merely stand side by side in the question
        }
        double share = terms.isQualifier(b) ? QUALIFIER : 1;
        double weight = share * weights.bigram(b);
        total += weight;
        count += share;
        if (forms.pairs.contains(b)) {
          found += weight;
          foundCount += share;
        }
      }
    }
    if (count == 0 || total == 0) {
      return 0;
    }
    double weighted = Math.min(1, found / total);
    double uniform = Math.min(1, foundCount / count);
    return (1 - UNIFORM_SHARE) * weighted + UNIFORM_SHARE * uniform;
  }

  /** The forms of a run of words, as sets for lookups. */
  private record Forms(Set<String> canonical, Set<String> folded, Set<String> pairs) {
    static Forms of(List<Words.Word> words) {
      Set<String> canonical = new HashSet<>();
      Set<String> folded = new HashSet<>();
      Set<String> pairs = new HashSet<>();
      for (int i = 0; i < words.size(); i++) {
        canonical.add(words.get(i).canonical());
        folded.add(words.get(i).folded());
        if (i + 1 < words.size()) {
          pairs.add(words.get(i).folded() + " " + words.get(i + 1).folded());
        }
      }
      return new Forms(canonical, folded, pairs);
    }

    double credit(QueryTerms.Word w) {
      if (w.exact()) {
        return canonical.contains(w.canonical())
            ? 1
            : folded.contains(w.folded()) ? FOLDED_CREDIT : 0;
      }
      return folded.contains(w.folded()) ? 1 : 0;
    }
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
    if (p.text().equals(p.text().toUpperCase(Locale.ROOT))) {
      score *= 0.5;
    }
    return score;
  }

  private double bonus(Passage p) {
    List<Words.Word> words = p.words();
    return switch (terms.type()) {
      case NUMBER -> hasNewNumber(words) ? TYPE_BONUS : 0;
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

  private boolean hasNewNumber(List<Words.Word> words) {
    Set<String> asked = new HashSet<>();
    terms.words().forEach(w -> asked.add(w.canonical()));
    for (Words.Word w : words) {
      if (w.isNumber() && !terms.numbers().contains(w.canonical())) {
        return true;
      }
      if (NUMBER_WORDS.contains(w.canonical()) && !asked.contains(w.canonical())) {
        return true;
      }
    }
    return false;
  }

  /** A number the question does not contain, a few words after one of the question's words. */
  private boolean hasFigure(List<Words.Word> words) {
    Set<String> asked = new HashSet<>();
    terms.words().forEach(w -> asked.add(w.folded()));
    int lastMatch = -FACT_DISTANCE - 1;
    for (int i = 0; i < words.size(); i++) {
      Words.Word w = words.get(i);
      if (w.isNumber()
          && !terms.numbers().contains(w.canonical())
          && i - lastMatch <= FACT_DISTANCE) {
        return true;
      }
      if (!w.isNumber() && asked.contains(w.folded())) {
        lastMatch = i;
      }
    }
    return false;
  }

  private boolean hasDate(List<Words.Word> words) {
    for (int i = 0; i < words.size(); i++) {
      Words.Word w = words.get(i);
      if (!w.isNumber() || terms.numbers().contains(w.canonical())) {
        continue;
      }
      boolean year = YEAR.matcher(w.text()).matches();
      boolean afterDateWord =
          i > 0 && Set.of("nam", "ngay", "thang").contains(words.get(i - 1).folded());
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
    Set<String> asked = new HashSet<>();
    terms.words().forEach(w -> asked.add(w.folded()));
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
