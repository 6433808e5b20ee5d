package vn.backancity.bot.answer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.backancity.bot.search.QueryTerms;

/** Makes the excerpt shown for an answer, and finds the words in it to highlight. */
final class Excerpts {
  static final int MAX_LENGTH = 360;
  static final double NEIGHBOUR_SHARE = 0.4;

  private Excerpts() {}

  /**
   * The best passage, joined by its neighbour in the same paragraph when that one also speaks to
   * the question and both stay short: one or two sentences.
   */
  static String around(List<Passage> passages, int best, double bestScore, PassageScorer scorer) {
    Passage p = passages.get(best);
    Passage next = neighbour(passages, best, best + 1);
    Passage previous = neighbour(passages, best, best - 1);
    double nextScore = next == null ? -1 : scorer.score(next);
    double previousScore = previous == null ? -1 : scorer.score(previous);
    boolean nextFirst = nextScore >= previousScore;
    Passage other = nextFirst ? next : previous;
    double otherScore = nextFirst ? nextScore : previousScore;
    if (other != null
        && otherScore >= NEIGHBOUR_SHARE * bestScore
        && p.text().length() + other.text().length() < MAX_LENGTH) {
      return nextFirst ? join(p, other) : join(other, p);
    }
    return p.display();
  }

  private static Passage neighbour(List<Passage> passages, int from, int at) {
    if (at < 0 || at >= passages.size()) {
      return null;
    }
    Passage n = passages.get(at);
    return n.paragraph() == passages.get(from).paragraph() ? n : null;
  }

  private static String join(Passage first, Passage second) {
    if (!first.closes() && !second.opens()) {
      return (first.opens() ? "" : "…")
          + first.text()
          + "; "
          + second.text()
          + (second.closes() ? "" : "…");
    }
    return first.display() + " " + second.display();
  }

  /**
   * Spans of the excerpt's words that match the question, adjacent ones merged. A question typed
   * without diacritics marks single syllables only inside a matched two-word term ("don" alone may
   * be any of đơn, đón, đồn...).
   */
  static List<Answer.Span> highlights(String excerpt, QueryTerms terms) {
    Set<String> folded = new HashSet<>();
    Set<String> canonical = new HashSet<>();
    boolean single = terms.words().size() == 1;
    for (QueryTerms.Word w : terms.words()) {
      if (w.exact()) {
        canonical.add(w.canonical());
      } else if (single) {
        folded.add(w.folded());
      }
    }
    for (String alternate : terms.alternates()) {
      if (!alternate.contains(" ")) {
        folded.add(alternate);
      }
    }
    // Two-word terms count when both words carry content: "Kiên có" is not worth marking.
    Set<String> content = new HashSet<>();
    terms.words().forEach(w -> content.add(w.folded()));
    Set<String> pairs = new HashSet<>();
    for (String b : terms.bigrams()) {
      String[] two = b.split(" ");
      if (content.contains(two[0]) && content.contains(two[1])) {
        pairs.add(b);
      }
    }
    terms.alternates().stream().filter(a -> a.contains(" ")).forEach(pairs::add);
    List<Words.Word> words = Words.of(excerpt);
    boolean[] marked = new boolean[words.size()];
    for (int i = 0; i < words.size(); i++) {
      Words.Word w = words.get(i);
      marked[i] |= canonical.contains(w.canonical()) || folded.contains(w.folded());
      if (i > 0 && pairs.contains(words.get(i - 1).folded() + " " + w.folded())) {
        marked[i - 1] = marked[i] = true;
      }
    }
    List<Answer.Span> spans = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (int i = 0; i < words.size(); i++) {
      if (!marked[i]) {
        continue;
      }
      Words.Word w = words.get(i);
      if (start >= 0 && (w.start() <= end || excerpt.substring(end, w.start()).isBlank())) {
        end = Math.max(end, w.end());
      } else {
        if (start >= 0) {
          spans.add(new Answer.Span(start, end));
        }
        start = w.start();
        end = w.end();
      }
    }
    if (start >= 0) {
      spans.add(new Answer.Span(start, end));
    }
    return spans;
  }
}
