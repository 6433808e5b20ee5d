package vn.backancity.bot.search;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A question turned into search terms: the words that carry its content, two-word sequences, the
 * abbreviation alternates, and the kind of answer it wants. Built by {@link QuestionAnalyzer};
 * never parsed by a query syntax.
 *
 * @param key the question normalized for caching: NFC, canonical tones, lower case, no punctuation
 *     (diacritics kept: "bac kan" and "bắc kạn" are different questions)
 * @param words content words, without question words and repeats
 * @param bigrams folded two-word sequences ("bac kan"), in question order, no repeats
 * @param alternates folded terms that also stand for part of the question (abbreviations and long
 *     forms); a space inside means a two-word term
 * @param numbers digit terms the question itself contains (an answer needs another number)
 * @param qualifiers folded words that qualify the topic rather than name it: times ("năm", "ngày
 *     mai"), figures, and the home place every local article mentions ("Bắc Kạn")
 * @param now whether the question asks about now ("hôm nay", "tuần này", "tháng này", "năm nay"),
 *     and so how recent an article must be to answer it
 * @param matchKey what identifies the question for curated answers and the review queue (see {@link
 *     QuestionAnalyzer#matchKey})
 * @param foldedKey the match key of the question typed without diacritics (see {@link
 *     QuestionAnalyzer#foldedKey})
 * @param wordsReading for a question typed without diacritics whose number words may be words ("mot
 *     tram y te": "một trạm y tế" or "một trăm y tế"), the question read with them as words; null
 *     when no number word was read
 * @param names the place names of several words the question contains, each as its folded words
 *     (["hoa", "binh"]), and the long forms of its abbreviations ("hdnd": ["hoi", "dong", "nhan",
 *     "dan"]): their words count where a text writes the whole name or its abbreviation, not one by
 *     one (see {@link PlaceNames})
 */
public record QueryTerms(
    String key,
    List<Word> words,
    List<String> bigrams,
    List<String> alternates,
    List<String> numbers,
    Set<String> qualifiers,
    Now now,
    QuestionType type,
    String matchKey,
    String foldedKey,
    QueryTerms wordsReading,
    List<Name> names) {

  /** How far back an article may be published and still answer a question about now. */
  public enum Now {
    /** The question is not about now. */
    NO(null),
    /** Today, tonight, tomorrow: as recent as {@code search.fresh-for} (3 days) says. */
    DAY(Duration.ZERO),
    /** This week or the next ("tuần này", "tuần sau"): at least 7 days. */
    WEEK(Duration.ofDays(7)),
    /** This month ("tháng này"): at least 31 days. */
    MONTH(Duration.ofDays(31)),
    /** This year ("năm nay"): at least 366 days. */
    YEAR(Duration.ofDays(366));

    private final Duration lookBack;

    Now(Duration lookBack) {
      this.lookBack = lookBack;
    }

    /**
     * How far back an answer may be published, given how fresh news about today must be; only for a
     * question about now.
     */
    public Duration lookBack(Duration today) {
      if (this == NO) {
        throw new IllegalStateException("a question not about now has no look-back");
      }
      return lookBack.compareTo(today) > 0 ? lookBack : today;
    }
  }

  /**
   * A name of several words.
   *
   * @param folded its words, folded
   * @param abbreviation the one folded word that also stands for it in a text ("hdnd"), or null
   */
  public record Name(List<String> folded, String abbreviation) {
    public Name {
      folded = List.copyOf(folded);
    }
  }

  /**
   * One content word.
   *
   * @param canonical lower case, canonical tone placement
   * @param folded without diacritics
   * @param exact true when the question was typed with diacritics: then "mai" (tomorrow) means
   *     "mai", not "mại" or "mãi", and the exact form decides
   */
  public record Word(String canonical, String folded, boolean exact) {
    /** The form the word is matched in. */
    public String key() {
      return exact ? canonical : folded;
    }
  }

  public QueryTerms {
    words = List.copyOf(words);
    bigrams = List.copyOf(bigrams);
    alternates = List.copyOf(alternates);
    numbers = List.copyOf(numbers);
    qualifiers = Set.copyOf(qualifiers);
    names = List.copyOf(names);
  }

  /** True for a qualifier word, or a two-word term with one in it. */
  public boolean isQualifier(String folded) {
    int space = folded.indexOf(' ');
    if (space < 0) {
      return qualifiers.contains(folded);
    }
    return qualifiers.contains(folded.substring(0, space))
        || qualifiers.contains(folded.substring(space + 1));
  }

  /** The same terms with other match keys. */
  public QueryTerms withMatchKeys(String matchKey, String foldedKey) {
    return new QueryTerms(
        key,
        words,
        bigrams,
        alternates,
        numbers,
        qualifiers,
        now,
        type,
        matchKey,
        foldedKey,
        wordsReading,
        names);
  }

  /** True when the question was typed with diacritics. */
  public boolean accented() {
    return words.stream().anyMatch(Word::exact);
  }

  public boolean isEmpty() {
    return words.isEmpty();
  }
}
