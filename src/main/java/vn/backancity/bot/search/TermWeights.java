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
      if (alternate.contains(" ")) {
        bigrams.put(alternate, idf(n, pairDocFreq(lookup, n, alternate)));
      } else {
        unigrams.put(alternate, idf(n, lookup.docFreq(new Term(ArticleIndex.BODY_F, alternate))));
      }
    }
    for (String b : terms.bigrams()) {
      bigrams.put(b, idf(n, pairDocFreq(lookup, n, b)));
    }
    return new TermWeights(unigrams, bigrams, idf(n, 0), n);
  }

  /**
   * The articles that write a two-word term in their prose; in a small index also those that write
   * it in a photo caption ("báo công dâng Bác" may be in a caption alone, and a pair no article
   * writes counts for nothing in a passage), an article with both counted twice, at most all of
   * them. In a large index the prose says which pairs are words (measured: counting captions there
   * cost a numbers question at 50k).
   */
  private static int pairDocFreq(TermLookup lookup, int docs, String pair) {
    int prose = lookup.docFreq(new Term(ArticleIndex.BODY_B, pair));
    if (large(docs)) {
      return prose;
    }
    return Math.min(docs, prose + lookup.docFreq(new Term(ArticleIndex.CAPTION_B, pair)));
  }

  private static double idf(int docs, int docFreq) {
    return Math.log(1 + (docs - docFreq + 0.5) / (docFreq + 0.5));
  }

  /** True when a large index has the word in more than a fifth of its articles. */
  public boolean isCommon(QueryTerms.Word word) {
    return large(docs) && word(word) < idf(docs, (int) (docs * COMMON_SHARE));
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
    return large(docs);
  }

  /** Whether an index of this many articles is large enough for its statistics to say much. */
  private static boolean large(int docs) {
    return docs >= LARGE;
  }

  /** True when no article contains the two-word term: it is likely not a word at all. */
  public boolean bigramUnseen(String folded) {
    return bigram(folded) >= unseen;
  }
}
