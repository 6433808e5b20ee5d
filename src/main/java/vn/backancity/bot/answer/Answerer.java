package vn.backancity.bot.answer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.search.ArticleIndex;
import vn.backancity.bot.search.QueryTerms;
import vn.backancity.bot.search.QuestionAnalyzer;
import vn.backancity.bot.search.RenamedPlaces;
import vn.backancity.bot.search.SearchResult;

/**
 * Answers a question with the articles that answer it, each with the sentence that does. Lucene
 * finds candidates; they are re-ranked by their best passage, and a relevance floor turns away
 * questions the articles do not answer ("giá vàng hôm nay") instead of offering a random article.
 */
public final class Answerer {
  private static final Logger log = LoggerFactory.getLogger(Answerer.class);
  // A question that is (nearly) an article's title looks for that article: from 60% of the
  // question found in the title, the bonus grows to its full size at 100%. Partial overlap with
  // a title says little (many titles share a topic's words).
  static final double TITLE_WEIGHT = 0.6;
  static final long PASSAGE_CACHE_WORDS = 400_000;
  static final double TITLE_FROM = 0.6;
  private final ArticleIndex index;
  private final QuestionAnalyzer analyzer;
  private final Links links;
  private final AnswerCache cache;
  private final Tuning tuning;
  private final Clock clock;
  private final CuratedSource curated;
  private final List<List<String>> homePhrases;
  private final List<OldName> renamed;

  /** A unit's old name as folded words, and when it changed. */
  private record OldName(List<String> folded, LocalDate date, Instant since) {}

  // Articles split into analyzed passages: popular articles are candidates again and again.
  private final Cache<String, Analyzed> analyzed =
      Caffeine.newBuilder()
          .maximumWeight(PASSAGE_CACHE_WORDS)
          .<String, Analyzed>weigher((id, a) -> a.words().size() + 1)
          .build();

  // The analysis of questions asked again word for word (a public chat's frequent questions): a
  // pure function of the text, so that a cached answer costs a map lookup, not a second analysis.
  // Bounded by characters held: an analysis holds its words, pairs, alternates and keys, about 20
  // times the question's length in bytes, so 256k characters are some 10 MB at most (long made-up
  // questions cannot fill the heap); Caffeine keeps the frequent ones.
  private final Cache<String, QueryTerms> recentTerms =
      Caffeine.newBuilder()
          .maximumWeight(1 << 18)
          .<String, QueryTerms>weigher(
              (question, terms) ->
                  (question.length() + 16) * (terms.wordsReading() == null ? 1 : 2))
          .build();

  /** An article with its title and passages analyzed, and all its words (title first). */
  private record Analyzed(
      Article article, Passage title, List<Passage> passages, List<Words.Word> words) {
    static Analyzed of(Article article) {
      Passage title = Passage.of(article.title(), -1, false, true, true);
      List<Passage> passages = SentenceSplitter.passages(article);
      List<Words.Word> words = new ArrayList<>(title.words());
      passages.forEach(p -> words.addAll(p.words()));
      return new Analyzed(article, title, passages, words);
    }
  }

  /**
   * The knobs of ranking and the relevance floor.
   *
   * @param candidates how many of Lucene's hits are re-ranked, chosen among six times as many
   * @param maxAnswers how many answers a question may have in all (pages of "Xem thêm" included)
   * @param minCoverage the weighted share of the question's words an article must contain
   * @param minPassage the share of the question its best passage must cover
   * @param relativeFloor later answers must rank at least this fraction of the first
   * @param minLaterPassage the share of the question a later answer's best passage must cover
   * @param homePlaces the place the service is for ("Bắc Kạn"): its articles come first
   * @param localBonus what mentioning a home place adds to an article's rank
   * @param freshFor how recent an article must be to answer a question about now ("hôm nay")
   * @param suggestCoverage the lower floor of {@code minCoverage} for "possibly related"
   *     suggestions
   * @param suggestPassage the lower floor of {@code minPassage} for suggestions
   * @param askRatio from this ratio of the second answer's rank to the first's, two answers about
   *     different things are offered as a choice
   * @param askOverlap at most this share of title words in common makes two answers "different
   *     things" (Jaccard of their folded title words)
   */
  public record Tuning(
      int candidates,
      int maxAnswers,
      double minCoverage,
      double minPassage,
      double relativeFloor,
      double minLaterPassage,
      List<String> homePlaces,
      double localBonus,
      Duration freshFor,
      double suggestCoverage,
      double suggestPassage,
      double askRatio,
      double askOverlap) {
    public Tuning {
      homePlaces = List.copyOf(homePlaces);
    }

    /** The tuning with the default floors for suggestions and asking back. */
    public Tuning(
        int candidates,
        int maxAnswers,
        double minCoverage,
        double minPassage,
        double relativeFloor,
        double minLaterPassage,
        List<String> homePlaces,
        double localBonus,
        Duration freshFor) {
      this(
          candidates,
          maxAnswers,
          minCoverage,
          minPassage,
          relativeFloor,
          minLaterPassage,
          homePlaces,
          localBonus,
          freshFor,
          SUGGEST_COVERAGE,
          SUGGEST_PASSAGE,
          ASK_RATIO,
          ASK_OVERLAP);
    }
  }

  // Measured on the seeds with 30 off-topic and 30 paraphrased questions (README, Evaluation): from
  // coverage 0.5 / passage 0.25 down, off-topic questions ("bitcoin", "thi đại học") got
  // suggestions. Asking back from a rank ratio of 0.92 did so for 5 of the 15 dev questions among
  // the 50k corpus, mostly where the first answer was right; from 0.95, for 3.
  static final double SUGGEST_COVERAGE = 0.55;
  static final double SUGGEST_PASSAGE = 0.25;
  static final double ASK_RATIO = 0.95;
  static final double ASK_OVERLAP = 0.25;

  /** How many "possibly related" articles a question may get. */
  public static final int MAX_SUGGESTIONS = 2;

  public Answerer(
      ArticleIndex index,
      QuestionAnalyzer analyzer,
      Links links,
      AnswerCache cache,
      Tuning tuning,
      Clock clock) {
    this(index, analyzer, links, cache, tuning, clock, CuratedSource.NONE);
  }

  /**
   * @param curated the city's own answers, shown before what search finds
   */
  public Answerer(
      ArticleIndex index,
      QuestionAnalyzer analyzer,
      Links links,
      AnswerCache cache,
      Tuning tuning,
      Clock clock,
      CuratedSource curated) {
    this(index, analyzer, links, cache, tuning, clock, curated, RenamedPlaces.none());
  }

  /**
   * @param renamed administrative units renamed or merged: an answer from an article published
   *     before such a change, naming the old unit, says so
   */
  public Answerer(
      ArticleIndex index,
      QuestionAnalyzer analyzer,
      Links links,
      AnswerCache cache,
      Tuning tuning,
      Clock clock,
      CuratedSource curated,
      RenamedPlaces renamed) {
    this.renamed =
        renamed.changes().stream()
            .map(
                c ->
                    new OldName(
                        Words.of(c.oldName()).stream().map(Words.Word::folded).toList(),
                        c.effective(),
                        c.effective().atStartOfDay(PublishedDates.VIETNAM).toInstant()))
            .filter(o -> !o.folded().isEmpty())
            .toList();
    this.curated = curated;
    this.index = index;
    this.analyzer = analyzer;
    this.links = links;
    this.cache = cache;
    this.tuning = tuning;
    this.clock = clock;
    index.onChange(analyzed::invalidateAll);
    index.onChange(recentTerms::invalidateAll);
    this.homePhrases =
        tuning.homePlaces().stream()
            .map(p -> Words.of(p).stream().map(Words.Word::folded).toList())
            .filter(p -> !p.isEmpty())
            .toList();
  }

  /** The answers to a question, from the cache when it was asked before. */
  public AnswerList ask(String question) {
    return lookup(question).list();
  }

  /**
   * The answers to a question with what the question log keeps: the city's curated answer first
   * when one matches, then what search finds (from the cache when it was asked before).
   */
  public Lookup lookup(String question) {
    long start = System.nanoTime();
    QueryTerms terms = recentTerms.get(question, analyzer::analyze);
    if (terms.isEmpty()) {
      return new Lookup(new AnswerList(question, List.of(), true), "", true, 0);
    }
    boolean[] searched = {false};
    AnswerList found =
        cache.get(
            terms.key(),
            () -> {
              searched[0] = true;
              return compute(question, terms);
            });
    return finish(question, terms, found, !searched[0], start);
  }

  /**
   * The answers when they cost no search: cached, or a question with no searchable word. Lets a
   * caller that must not queue (the public web) refuse a search it has no room for, yet still serve
   * what is already known.
   */
  public Optional<Lookup> cached(String question) {
    return known(question, false);
  }

  /**
   * The city's curated answer alone, when one matches: what a caller with no room for a search can
   * still give.
   */
  public Optional<Lookup> curatedOnly(String question) {
    return known(question, true);
  }

  private Optional<Lookup> known(String question, boolean curatedOnly) {
    long start = System.nanoTime();
    QueryTerms terms = recentTerms.get(question, analyzer::analyze);
    if (terms.isEmpty()) {
      return Optional.of(new Lookup(new AnswerList(question, List.of(), true), "", true, 0));
    }
    AnswerList found =
        curatedOnly ? new AnswerList(question, List.of(), false) : cache.getIfPresent(terms.key());
    if (found == null) {
      return Optional.empty();
    }
    Lookup lookup = finish(question, terms, found, !curatedOnly, start);
    return curatedOnly && lookup.curated() == null ? Optional.empty() : Optional.of(lookup);
  }

  /** Puts the curated answer, if any, before the found ones (and drops the article it links). */
  private Lookup finish(
      String question, QueryTerms terms, AnswerList found, boolean cacheHit, long start) {
    boolean accented = terms.accented();
    String exact = accented ? terms.matchKey() : "";
    String key = terms.foldedKey();
    AnswerList list = found;
    Answer official = curated.answerFor(exact, key).orElse(null);
    if (official != null) {
      List<Answer> answers = new ArrayList<>(tuning.maxAnswers());
      answers.add(official);
      for (Answer a : found.answers()) {
        if (answers.size() == tuning.maxAnswers()) {
          break;
        }
        if (!a.link().equals(official.link())) {
          answers.add(a);
        }
      }
      list = new AnswerList(question, answers, false);
    }
    // Unless the curated answer made a new list, it is the answer cache's own.
    return new Lookup(list, key, cacheHit, (System.nanoTime() - start) / 1000, list == found);
  }

  private AnswerList compute(String question, QueryTerms terms) {
    Found found = find(question, terms);
    if (terms.wordsReading() == null) {
      return found.list();
    }
    // "mot tram y te": 100 and "y tế", or "một trạm y tế"? The reading the articles answer better.
    Found asWords = find(question, terms.wordsReading());
    return asWords.beats(found) ? asWords.list() : found.list();
  }

  /**
   * What one reading of a question found, and how well it answers: whether confidently, and the
   * share of the reading's words and two-word terms its first excerpt holds (a share of each
   * reading's own terms, so comparable between readings where ranks are not).
   */
  private record Found(AnswerList list, boolean confident, double best) {
    boolean beats(Found other) {
      return confident != other.confident ? confident : best > other.best;
    }
  }

  private Found find(String question, QueryTerms terms) {
    // The scorer built from the question's term weights to judge the candidates is the one that
    // ranks them: the same terms and weights, built once.
    PassageScorer[] judge = new PassageScorer[1];
    SearchResult result =
        index.search(
            terms,
            tuning.candidates(),
            id -> {
              Analyzed a = analyzed.getIfPresent(id);
              return a == null ? null : a.article();
            },
            // Candidates that cannot reach the coverage floor (rank() would turn them away) are
            // neither loaded nor analyzed: most candidates of an uncached question at 50k.
            weights -> {
              judge[0] = new PassageScorer(terms, weights);
              return judge[0].reaching(coverageFloor());
            });
    if (result.hits().isEmpty()) {
      return new Found(new AnswerList(question, List.of(), false), false, Double.NEGATIVE_INFINITY);
    }
    PassageScorer scorer = judge[0];
    float top = result.topScore();
    Instant freshSince =
        terms.now() == QueryTerms.Now.NO
            ? null
            : clock.instant().minus(terms.now().lookBack(tuning.freshFor()));
    List<Ranked> ranked = new ArrayList<>();
    List<Ranked> weak = new ArrayList<>();
    for (SearchResult.Hit hit : result.hits()) {
      Instant published = hit.article().publishedAt();
      if (freshSince != null && (published == null || published.isBefore(freshSince))) {
        continue; // "hôm nay" asks about now: an old or undated article cannot answer it
      }
      Ranked r = rank(hit, top, scorer);
      if (r != null) {
        (r.confident() ? ranked : weak).add(r);
      }
    }
    ranked.sort(Comparator.comparingDouble(Ranked::rank).reversed());
    if (ranked.isEmpty()) {
      weak.sort(Comparator.comparingDouble(Ranked::rank).reversed());
      List<Answer> suggestions = new ArrayList<>();
      for (Ranked r : weak) {
        if (suggestions.size() == MAX_SUGGESTIONS
            || r.rank() < tuning.relativeFloor() * weak.get(0).rank()) {
          break; // a second suggestion far below the first is noise
        }
        suggestions.add(answer(r, terms));
      }
      return new Found(
          new AnswerList(question, List.of(), false, suggestions, false),
          false,
          weak.isEmpty() ? Double.NEGATIVE_INFINITY : weak.get(0).passageCoverage());
    }
    List<Answer> answers = new ArrayList<>();
    List<Ranked> kept = new ArrayList<>();
    for (Ranked r : ranked) {
      if (answers.size() == tuning.maxAnswers()) {
        break;
      }
      boolean first = answers.isEmpty();
      if (first
          || (r.rank() >= tuning.relativeFloor() * ranked.get(0).rank()
              && r.passageCoverage() >= tuning.minLaterPassage())) {
        answers.add(answer(r, terms));
        kept.add(r);
      }
    }
    boolean choices =
        kept.size() >= 2
            && kept.get(1).rank() >= tuning.askRatio() * kept.get(0).rank()
            && titleOverlap(kept.get(0), kept.get(1)) <= tuning.askOverlap();
    return new Found(
        new AnswerList(question, answers, false, List.of(), choices),
        true,
        ranked.get(0).passageCoverage());
  }

  /** The share of title words two articles have in common (Jaccard, folded words). */
  private double titleOverlap(Ranked a, Ranked b) {
    java.util.Set<String> left = titleWords(a.article());
    java.util.Set<String> right = titleWords(b.article());
    if (left.isEmpty() || right.isEmpty()) {
      return 0;
    }
    java.util.Set<String> common = new java.util.HashSet<>(left);
    common.retainAll(right);
    return (double) common.size() / (left.size() + right.size() - common.size());
  }

  private java.util.Set<String> titleWords(Article article) {
    Analyzed a = analyzed.get(article.id(), id -> Analyzed.of(article));
    java.util.Set<String> words = new java.util.HashSet<>();
    for (Words.Word w : a.title().words()) {
      words.add(w.folded());
    }
    return words;
  }

  /** The article coverage under which a candidate is neither an answer nor a suggestion. */
  private double coverageFloor() {
    return Math.min(tuning.minCoverage(), tuning.suggestCoverage());
  }

  /** One candidate's standing, or null when it falls under the relevance floor. */
  private Ranked rank(SearchResult.Hit hit, float top, PassageScorer scorer) {
    Article article = hit.article();
    Analyzed a = analyzed.get(article.id(), id -> Analyzed.of(article));
    List<Passage> passages = a.passages();
    List<Words.Word> all = a.words();
    double coverage = scorer.wordCoverage(all);
    log.debug("{}: lucene {} coverage {}", article.id(), hit.score(), coverage);
    if (coverage < coverageFloor() || passages.isEmpty() || !scorer.writesItsPhrase(all)) {
      return null;
    }
    int best = 0;
    double[] scores = new double[passages.size()];
    for (int i = 0; i < passages.size(); i++) {
      scores[i] = scorer.score(passages.get(i));
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    double bestScore = scores[best];
    log.debug("{}: best passage {}: {}", article.id(), bestScore, passages.get(best).text());
    // A question that is (nearly) the title asks for that article, even when no sentence of the
    // body repeats the title's words.
    double titleCoverage = scorer.coverage(a.title());
    // What the citizen reads is the excerpt: the best passage, with the sentence that names what
    // the question names or a neighbour that speaks to it. The question's share is the excerpt's.
    List<Words.Word> passageWords = all.subList(a.title().words().size(), all.size());
    Excerpts.Shown shown = Excerpts.choose(passages, passageWords, scores, best, scorer);
    List<Words.Word> shownWords = shown.words(passages);
    double passageCoverage = Math.max(scorer.coverage(shownWords), titleCoverage);
    if (passageCoverage < Math.min(tuning.minPassage(), tuning.suggestPassage())) {
      return null;
    }
    // "Có bao nhiêu…" is not answered by an excerpt that gives no figure, however well it covers.
    boolean confident =
        coverage >= tuning.minCoverage()
            && passageCoverage >= tuning.minPassage()
            && scorer.mayAnswer(shownWords);
    double titleMatch = Math.max(0, (titleCoverage - TITLE_FROM) / (1 - TITLE_FROM));
    // Ranked by what the citizen reads: how much of the question the excerpt covers, not the whole
    // article, where a long one holds every word somewhere (measured at 50k: XQuAD excerpt +0.005,
    // lead fragments +0.006, numbers +0.007).
    double rank =
        0.5 * hit.score() / top + bestScore + 0.5 * passageCoverage + TITLE_WEIGHT * titleMatch;
    if (mentionsHome(all)) {
      rank += tuning.localBonus();
    }
    log.debug(
        "{}: rank {} (lucene share {}, best passage {}, coverage {}, title {}), excerpt covers {},"
            + " confident {}",
        article.id(),
        rank,
        hit.score() / top,
        bestScore,
        coverage,
        titleMatch,
        passageCoverage,
        confident);
    return new Ranked(article, passages, shown, passageCoverage, rank, confident);
  }

  private boolean mentionsHome(List<Words.Word> words) {
    for (List<String> phrase : homePhrases) {
      if (Words.containPhrase(words, phrase)) {
        return true;
      }
    }
    return false;
  }

  private Answer answer(Ranked r, QueryTerms terms) {
    String excerpt = r.shown().text(r.passages());
    return new Answer(
        r.article().id(),
        r.article().title(),
        links.of(r.article()),
        r.article().publishedAt(),
        excerpt,
        Excerpts.highlights(excerpt, terms),
        r.rank(),
        false,
        placesChangedOn(r.article()));
  }

  /**
   * The latest change of an administrative unit that the article names by its old name and was
   * published before; null when none (or the article is undated).
   */
  private LocalDate placesChangedOn(Article article) {
    Instant published = article.publishedAt();
    if (published == null || renamed.isEmpty()) {
      return null;
    }
    List<Words.Word> words = null;
    LocalDate latest = null;
    for (OldName old : renamed) {
      if (!published.isBefore(old.since()) || (latest != null && !old.date().isAfter(latest))) {
        continue;
      }
      if (words == null) {
        words = analyzed.get(article.id(), id -> Analyzed.of(article)).words();
      }
      if (Words.containPhrase(words, old.folded())) {
        latest = old.date();
      }
    }
    return latest;
  }

  private record Ranked(
      Article article,
      List<Passage> passages,
      Excerpts.Shown shown,
      double passageCoverage,
      double rank,
      boolean confident) {}
}
