package vn.backancity.bot.search;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.Term;

/**
 * How much each query term says, as BM25's inverse document frequency over the prose: a word in
 * every article ("bắc kạn" on the city portal) weighs almost nothing; a word in none weighs most.
 */
public final class TermWeights {
  private final Map<String, Double> unigrams;
  private final Map<String, Double> bigrams;
  private final double unseen;
  private final int docs;

  // Only in a large index does a document frequency say a word is common.
  static final int LARGE = 1000;
  static final double COMMON_SHARE = 0.2;

  private TermWeights(
      Map<String, Double> unigrams, Map<String, Double> bigrams, double unseen, int docs) {
    this.unigrams = unigrams;
    this.bigrams = bigrams;
    this.unseen = unseen;
    this.docs = docs;
  }

  static TermWeights of(TermLookup lookup, int n, QueryTerms terms) {
    Map<String, Double> unigrams = new HashMap<>();
    Map<String, Double> bigrams = new HashMap<>();
    for (QueryTerms.Word w : terms.words()) {
      Term term =
          w.exact()
              ? new Term(ArticleIndex.BODY_C, w.canonical())
              : new Term(ArticleIndex.BODY_F, w.folded());
      unigrams.put(w.key(), idf(n, lookup.docFreq(term)));
    }
    for (String alternate : terms.alternates()) {
      boolean two = alternate.contains(" ");
      String field = two ? ArticleIndex.BODY_B : ArticleIndex.BODY_F;
      (two ? bigrams : unigrams).put(alternate, idf(n, lookup.docFreq(new Term(field, alternate))));
    }
    for (String b : terms.bigrams()) {
      bigrams.put(b, idf(n, lookup.docFreq(new Term(ArticleIndex.BODY_B, b))));
    }
    return new TermWeights(unigrams, bigrams, idf(n, 0), n);
  }

  private static double idf(int docs, int docFreq) {
    return Math.log(1 + (docs - docFreq + 0.5) / (docFreq + 0.5));
  }

  /** True when a large index has the word in more than a fifth of its articles. */
  public boolean isCommon(QueryTerms.Word word) {
    return docs >= LARGE && word(word) < idf(docs, (int) (docs * COMMON_SHARE));
  }

  public double word(QueryTerms.Word word) {
    return unigrams.getOrDefault(word.key(), unseen);
  }

  public double unigram(String folded) {
    return unigrams.getOrDefault(folded, unseen);
  }

  public double bigram(String folded) {
    return bigrams.getOrDefault(folded, unseen);
  }

  /**
   * Whether the index is large enough that a two-word term no article contains is likely no word
   * ({@link #bigramUnseen}); in a small one it may be a word its few articles do not use.
   */
  public boolean pairsKnown() {
    return docs >= LARGE;
  }

  /** True when no article contains the two-word term: it is likely not a word at all. */
  public boolean bigramUnseen(String folded) {
    return bigram(folded) >= unseen;
  }
}
