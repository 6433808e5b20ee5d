package vn.backancity.bot.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the Lucene query from analyzed terms (never from query syntax): every term is an optional
 * clause, scored by BM25 in each field it can match, titles weighing more than prose and prose more
 * than photo captions.
 */
final class QueryBuilder {
  static final float TITLE = 2.0f;
  static final float CAPTION = 0.5f;
  // In a question typed with diacritics, a word matched only once folded is likely another word.
  static final float FOLDED_ONLY = 0.4f;

  Query build(QueryTerms terms) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (QueryTerms.Word w : terms.words()) {
      if (w.exact()) {
        add(q, ArticleIndex.TITLE_C, w.canonical(), TITLE);
        add(q, ArticleIndex.BODY_C, w.canonical(), 1f);
        add(q, ArticleIndex.TITLE_F, w.folded(), TITLE * FOLDED_ONLY);
        add(q, ArticleIndex.BODY_F, w.folded(), FOLDED_ONLY);
        add(q, ArticleIndex.CAPTION_F, w.folded(), CAPTION);
      } else {
        unigram(q, w.folded());
      }
    }
    for (String b : terms.bigrams()) {
      bigram(q, b);
    }
    for (String alternate : terms.alternates()) {
      if (alternate.contains(" ")) {
        bigram(q, alternate);
      } else {
        unigram(q, alternate);
      }
    }
    return q.build();
  }

  /**
   * One query per rarest word of the question, for candidates that the full query ranks too low: an
   * article naming "Nà Pậu" once, in a caption, among articles that say "khu di tích" ten times.
   * Empty when the question has fewer than two words.
   */
  List<Query> rarest(QueryTerms terms, TermWeights weights, int howMany) {
    if (terms.words().size() < 2) {
      return List.of();
    }
    List<QueryTerms.Word> byWeight = new ArrayList<>(terms.words());
    byWeight.sort(Comparator.comparingDouble(weights::word).reversed());
    List<Query> queries = new ArrayList<>();
    for (QueryTerms.Word w : byWeight.subList(0, Math.min(howMany, byWeight.size()))) {
      BooleanQuery.Builder q = new BooleanQuery.Builder();
      String field = w.exact() ? w.canonical() : w.folded();
      add(q, w.exact() ? ArticleIndex.TITLE_C : ArticleIndex.TITLE_F, field, TITLE);
      add(q, w.exact() ? ArticleIndex.BODY_C : ArticleIndex.BODY_F, field, 1f);
      add(q, ArticleIndex.CAPTION_F, w.folded(), 1f);
      queries.add(q.build());
    }
    return queries;
  }

  private static void unigram(BooleanQuery.Builder q, String folded) {
    add(q, ArticleIndex.TITLE_F, folded, TITLE);
    add(q, ArticleIndex.BODY_F, folded, 1f);
    add(q, ArticleIndex.CAPTION_F, folded, CAPTION);
  }

  private static void bigram(BooleanQuery.Builder q, String folded) {
    add(q, ArticleIndex.TITLE_B, folded, TITLE);
    add(q, ArticleIndex.BODY_B, folded, 1f);
    add(q, ArticleIndex.CAPTION_B, folded, CAPTION);
  }

  private static void add(BooleanQuery.Builder q, String field, String text, float boost) {
    q.add(new BoostQuery(new TermQuery(new Term(field, text)), boost), BooleanClause.Occur.SHOULD);
  }
}
