package vn.backancity.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The terms dictionary, looked up once per term: weights, the full query and the candidate queries
 * reuse the same lookup, and so do later searches on the same reader. Valid only with the
 * searcher's reader it was made for.
 */
final class TermLookup {
  private final IndexSearcher searcher;
  private final Map<Term, TermStates> states;

  /**
   * @param states lookups already made on this searcher's reader (shared, thread-safe)
   */
  TermLookup(IndexSearcher searcher, Map<Term, TermStates> states) {
    this.searcher = searcher;
    this.states = states;
  }

  int docFreq(Term term) {
    return states(term).docFreq();
  }

  /** A term query that reuses the lookup, or null when no article has the term. */
  Query query(String field, String text) {
    Term term = new Term(field, text);
    TermStates s = states(term);
    return s.docFreq() == 0 ? null : new TermQuery(term, s);
  }

  private TermStates states(Term term) {
    TermStates s = states.get(term);
    if (s == null) {
      try {
        s = TermStates.build(searcher, term, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      states.put(term, s);
    }
    return s;
  }
}
