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
   * The passages an excerpt shows: one, or two joined. {@code second} is -1 for one; {@code
   * adjacent} two are joined as one run of text, others with "…" between them.
   */
  record Shown(int first, int second, boolean adjacent) {
    static Shown one(int passage) {
      return new Shown(passage, -1, false);
    }

    /** The words of the passages shown, in order. */
    List<Words.Word> words(List<Passage> passages) {
      if (second < 0) {
        return passages.get(first).words();
      }
      List<Words.Word> words = new ArrayList<>(passages.get(first).words());
      words.addAll(passages.get(second).words());
      return words;
    }

    String text(List<Passage> passages) {
      Passage a = passages.get(first);
      if (second < 0) {
        return a.display();
      }
      Passage b = passages.get(second);
      return adjacent ? join(a, b) : a.display() + " … " + b.display();
    }
  }

  /**
   * The best passage, joined by its neighbour in the same paragraph when that one also speaks to
   * the question, or by the one before when the best opens with a pronoun, and both stay short: one
   * or two sentences. {@code words} are all the passages' words in order, {@code scores} each
   * passage's score (as the caller ranked them: not computed again).
   */
  static Shown choose(
      List<Passage> passages,
      List<Words.Word> words,
      double[] scores,
      int best,
      PassageScorer scorer) {
    double bestScore = scores[best];
    int rare = withRarest(passages, words, scores, best, scorer);
    if (rare >= 0 && scores[rare] >= bestScore) {
      // As good as the best, and it names what the question names: it is the best.
      best = rare;
    } else if (rare >= 0) {
      int first = Math.min(best, rare);
      int second = Math.max(best, rare);
      Passage a = passages.get(first);
      Passage b = passages.get(second);
      if (a.text().length() + b.text().length() < MAX_LENGTH) {
        boolean adjacent = second - first == 1 && a.paragraph() == b.paragraph() && !a.caption();
        return new Shown(first, second, adjacent);
      }
      // Too long for both: the best passage stays (measured: showing the other one alone loses
      // 0.02 of XQuAD answers).
    }
    Passage p = passages.get(best);
    Passage next = neighbour(passages, best, best + 1);
    Passage previous = neighbour(passages, best, best - 1);
    if (previous != null
        && opensWithPronoun(p)
        && p.text().length() + previous.text().length() < MAX_LENGTH) {
      // "Bà là đảng viên có tuổi đảng cao nhất": who she is, the sentence before says.
      return new Shown(best - 1, best, true);
    }
    double nextScore = next == null ? -1 : scores[best + 1];
    double previousScore = previous == null ? -1 : scores[best - 1];
    boolean nextFirst = nextScore >= previousScore;
    Passage other = nextFirst ? next : previous;
    double otherScore = nextFirst ? nextScore : previousScore;
    if (other != null
        && otherScore >= NEIGHBOUR_SHARE * bestScore
        && p.text().length() + other.text().length() < MAX_LENGTH) {
      return nextFirst ? new Shown(best, best + 1, true) : new Shown(best - 1, best, true);
    }
    return Shown.one(best);
  }

  /**
   * When the best passage lacks the question's rarest word that the article has, the best-scoring
   * passage that holds it; else -1. A question naming "Nà Pậu" must see "Nà Pậu" in its excerpt.
   * {@code words} and {@code scores} as in {@link #choose}.
   */
  static int withRarest(
      List<Passage> passages,
      List<Words.Word> words,
      double[] scores,
      int best,
      PassageScorer scorer) {
    int word = scorer.rarest(words);
    if (word < 0 || scorer.contains(passages.get(best).words(), word)) {
      return -1;
    }
    int found = -1;
    double foundScore = -1;
    for (int i = 0; i < passages.size(); i++) {
      if (scorer.contains(passages.get(i).words(), word) && scores[i] > foundScore) {
        found = i;
        foundScore = scores[i];
      }
    }
    return found;
  }

  /**
   * Whether a sentence starts with a pronoun standing for someone or something named before ("Bà
   * là…", "Anh ấy cũng…", "Họ…"), not with a title before a name ("Bà Hoàng Thị Hạnh…").
   */
  static boolean opensWithPronoun(Passage p) {
    List<Words.Word> words = p.words();
    if (!p.opens() || words.size() < 2) {
      return false;
    }
    String first = words.get(0).canonical();
    Words.Word second = words.get(1);
    if (PRONOUNS.contains(first)) {
      return !(first.equals("chúng") && WE.contains(second.canonical()));
    }
    return PERSONS.contains(first)
        && (second.canonical().equals("ấy") || !second.isCapitalized() && !second.isNumber());
  }

  // Sentence-initial words that stand for what came before: "Họ", "Nó", "Chúng" (not "chúng tôi",
  // "chúng ta": we), and a kin or title word not followed by a name ("Ông cũng mô tả…").
  private static final Set<String> PRONOUNS = Set.of("họ", "nó", "chúng", "hắn");
  private static final Set<String> WE = Set.of("tôi", "ta", "mình", "em", "con", "cháu");
  private static final Set<String> PERSONS = Set.of("ông", "bà", "anh", "chị", "cô", "em");

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
