package vn.backancity.bot.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;

/**
 * Builds the Lucene query from analyzed terms (never from query syntax): every term is an optional
 * clause, scored by BM25 in each field it can match, titles weighing more than prose and prose more
 * than photo captions.
 */
final class QueryBuilder {
  static final float TITLE = 2.0f;
  static final float CAPTION = 0.5f;
  static final int MAX_WORDS = 10;
  static final int MAX_PAIRS = 10;

  Query build(QueryTerms terms, TermWeights weights, TermLookup lookup) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    // A long question's weakest terms cost the most (long postings) and move the candidates
    // least; re-ranking still weighs every term.
    List<QueryTerms.Word> words = new ArrayList<>();
    for (QueryTerms.Word w : terms.words()) {
      if (!weights.isCommon(w)) { // in most articles: costly, says little; its pairs stay
        words.add(w);
      }
    }
    words.sort(Comparator.comparingDouble(weights::word).reversed());
    List<String> pairs = seenPairsRarestFirst(terms, weights);
    for (QueryTerms.Word w : words.subList(0, Math.min(MAX_WORDS, words.size()))) {
      if (w.exact() && !w.canonical().equals(w.folded())) {
        add(q, ArticleIndex.TITLE_C, w.canonical(), TITLE, lookup);
        add(q, ArticleIndex.BODY_C, w.canonical(), 1f, lookup);
        add(q, ArticleIndex.CAPTION_F, w.folded(), CAPTION, lookup);
      } else {
        // No diacritics typed on this word: it may be any word with these letters.
        unigram(q, w.folded(), lookup);
      }
    }
    for (String b : pairs.subList(0, Math.min(MAX_PAIRS, pairs.size()))) {
      bigram(q, b, lookup);
    }
    for (String alternate : terms.alternates()) {
      if (alternate.contains(" ")) {
        bigram(q, alternate, lookup);
      } else {
        unigram(q, alternate, lookup);
      }
    }
    return q.build();
  }

  /**
   * One query per rarest word and per rarest two-word term of the question, each matching the
   * articles that hold it, for candidates that the full query ranks too low: an article naming "Nà
   * Pậu" once, in a caption, among articles that say "khu di tích" ten times; one that writes "bất
   * tuân dân sự" where "bất", "tuân" and "dân sự" are each everywhere. Empty when the question has
   * fewer than two words.
   */
  List<Query> rarest(
      QueryTerms terms, TermWeights weights, int words, int pairs, TermLookup lookup) {
    if (terms.words().size() < 2) {
      return List.of();
    }
    List<QueryTerms.Word> byWeight = new ArrayList<>(terms.words());
    byWeight.sort(Comparator.comparingDouble(weights::word).reversed());
    List<Query> queries = new ArrayList<>();
    for (QueryTerms.Word w : byWeight.subList(0, Math.min(words, byWeight.size()))) {
      BooleanQuery.Builder q = new BooleanQuery.Builder();
      String field = w.exact() ? w.canonical() : w.folded();
      add(q, w.exact() ? ArticleIndex.TITLE_C : ArticleIndex.TITLE_F, field, TITLE, lookup);
      add(q, w.exact() ? ArticleIndex.BODY_C : ArticleIndex.BODY_F, field, 1f, lookup);
      add(q, ArticleIndex.CAPTION_F, w.folded(), 1f, lookup);
      queries.add(q.build());
    }
    List<String> seen = seenPairsRarestFirst(terms, weights);
    for (String b : seen.subList(0, Math.min(pairs, seen.size()))) {
      BooleanQuery.Builder q = new BooleanQuery.Builder();
      bigram(q, b, lookup);
      queries.add(q.build());
    }
    return queries;
  }

  /** The question's two-word terms that some article writes, the rarest first. */
  private static List<String> seenPairsRarestFirst(QueryTerms terms, TermWeights weights) {
    List<String> pairs = new ArrayList<>();
    for (String b : terms.bigrams()) {
      if (!weights.bigramUnseen(b)) {
        pairs.add(b);
      }
    }
    pairs.sort(Comparator.comparingDouble(weights::bigram).reversed());
    return pairs;
  }

  private static void unigram(BooleanQuery.Builder q, String folded, TermLookup lookup) {
    add(q, ArticleIndex.TITLE_F, folded, TITLE, lookup);
    add(q, ArticleIndex.BODY_F, folded, 1f, lookup);
    add(q, ArticleIndex.CAPTION_F, folded, CAPTION, lookup);
  }

  private static void bigram(BooleanQuery.Builder q, String folded, TermLookup lookup) {
    add(q, ArticleIndex.TITLE_B, folded, TITLE, lookup);
    add(q, ArticleIndex.BODY_B, folded, 1f, lookup);
  }

  /** An optional clause; none for a term no article has (it could not match anyway). */
  private static void add(
      BooleanQuery.Builder q, String field, String text, float boost, TermLookup lookup) {
    Query term = lookup.query(field, text);
    if (term != null) {
      q.add(new BoostQuery(term, boost), BooleanClause.Occur.SHOULD);
    }
  }
}
