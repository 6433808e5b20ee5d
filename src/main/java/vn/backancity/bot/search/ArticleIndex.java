package vn.backancity.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.AnalyzedText.Forms;

/**
 * The Lucene index of articles, derived from the article store and rebuildable from it. One
 * long-lived {@link IndexWriter}; searches go through a {@link SearcherManager} refreshed after
 * every change, so new articles are searchable at once.
 */
public final class ArticleIndex implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ArticleIndex.class);
  // The id is a single untokenized term: it is how an update finds the document it replaces.
  static final String ID = "id";
  // The id again, as doc values: a hit whose article the caller knows is not read from the stored
  // fields (decompressing a block of them was a tenth of an uncached answer).
  private static final String ID_VALUE = "id_value";
  // Each text is indexed three ways, none stored: canonical words (exact diacritics), folded words
  // (questions typed without diacritics), folded two-word shingles (multi-syllable words, names).
  // Only the folded fields keep positions: topic previews match phrases there (newest). Canonical
  // words and shingles are only ever searched term by term, and BM25 needs frequencies and norms
  // alone, so their positions (a third of the index) bought nothing.
  static final String TITLE_C = "title_c";
  static final String TITLE_F = "title_f";
  static final String TITLE_B = "title_b";
  static final String BODY_C = "body_c";
  static final String BODY_F = "body_f";
  static final String BODY_B = "body_b";
  // Photo captions are indexed apart from the prose, to weigh them less.
  static final String CAPTION_F = "caption_f";
  static final String CAPTION_B = "caption_b";
  // Stored only: what an answer shows, so answering needs no database round trip.
  private static final String S_TITLE = "s_title";
  private static final String S_URL = "s_url";
  private static final String S_PUBLISHED = "s_published";
  private static final String S_LEAD = "s_lead";
  private static final String S_PARAGRAPH = "s_paragraph";
  private static final String S_CAPTION = "s_caption";
  private static final String S_AUTHOR = "s_author";
  private static final String S_TAG = "s_tag";
  // The sequence number of the last article change this index holds (ArticleChanges); an index
  // without it (built before the change feed) is rebuilt.
  private static final String SEQUENCE = "change_seq";
  private static final String INCOMPLETE = "incomplete";
  private static final double BUFFER_MB = 64;
  // Tokens' forms remembered per thread that indexes (a few: the feeders and a catch-up's thread).
  private static final int REMEMBERED_FORMS = 50_000;
  // A rebuild merges into two segments, as plain Lucene ends with (one segment measured slower at
  // p50 and p99). A question is searched on its own thread: the searcher has no executor.
  static final int SEGMENTS_AFTER_REBUILD = 2;
  private static final String SCHEMA = "schema";
  // Bump when fields or analysis change: an index built differently is rebuilt on open.
  private static final String SCHEMA_VERSION = "10";
  // Doc values only: the publication date, so that topic previews can ask for the newest matches.
  static final String PUBLISHED = "published";
  // Marks articles that mention a home place, so that local candidates can be asked for apart.
  static final String LOCAL = "local";
  private static final int MAX_CACHED_TERMS = 200_000;
  // Below this many documents, the calling thread indexes them itself.
  private static final int PARALLEL_FROM = 64;
  private static final int LOCAL_CANDIDATES = 5;
  // Candidates from the rarest words and two-word terms of a question, on top of the full query's:
  // of the articles that hold each, the best by the full query (measured at 50k: XQuAD excerpt
  // 0.676 with the best 3 for each of two words by that word alone; 0.703 with the best 5 by the
  // full query for each of two words and two pairs, with the rank on the excerpt; 0.701 with one
  // word, 0.699 with the best 4, 0.698 with the best 3).
  static final int RARE_WORDS = 2;
  static final int RARE_PAIRS = 2;
  static final int RARE_CANDIDATES = 5;
  // A term in more articles than this is no rare term: each of them is scored by the full query,
  // so this bounds the work (XQuAD excerpt at 50k: 0.703 with or without it).
  static final int RARE_HOLDERS = 2_000;
  // Lucene's top POOL × n hits are judged by the words they hold, and the n worth the most are
  // candidates. BM25 ranks short articles that repeat part of a question above a longer one that
  // holds all of it (measured at 50k: XQuAD top-1 article 0.737 with the top 12 alone, 0.760 with
  // the best 8 of the top 48).
  static final int POOL = 6;

  /**
   * Up to this many local articles are scored one by one (cheaper than another run of the full
   * query); beyond it, as on a city portal where nearly every article is local, the best local ones
   * come from the full query filtered to local articles, whose cost does not grow with them.
   */
  static final int LOCAL_SCORED_ONE_BY_ONE = 2_000;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final QueryBuilder queries = new QueryBuilder();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final List<String> homePlaces;
  // Each home place's folded terms, for a cheap test before analyzing a text for them.
  private final List<List<String>> homeWords;
  private final String schema;
  private final ReentrantReadWriteLock changes = new ReentrantReadWriteLock();
  private final AtomicBoolean rebuilding = new AtomicBoolean();
  // Set when a rebuild failed half-way, until the next one completes.
  private volatile boolean incomplete;
  // Terms dictionary lookups of the current reader, shared by searches until the next refresh.
  private volatile ReaderTerms readerTerms;

  private record ReaderTerms(IndexReader reader, Map<Term, TermStates> states) {}

  // The local articles of the current reader, until the next refresh.
  private volatile LocalDocs localDocs;

  private record LocalDocs(IndexReader reader, int[] docs) {}

  private Map<Term, TermStates> termStates(IndexReader reader) {
    ReaderTerms current = readerTerms;
    if (current == null || current.reader() != reader) {
      current = new ReaderTerms(reader, new java.util.concurrent.ConcurrentHashMap<>());
      readerTerms = current;
    }
    if (current.states().size() > MAX_CACHED_TERMS) {
      current.states().clear();
    }
    return current.states();
  }

  private ArticleIndex(Directory directory, List<String> homePlaces, double bufferMb)
      throws IOException {
    this.directory = directory;
    this.homePlaces =
        homePlaces.stream()
            .map(p -> " " + String.join(" ", FOLDED.terms(p)) + " ")
            .filter(p -> !p.isBlank())
            .toList();
    this.homeWords = this.homePlaces.stream().map(p -> List.of(p.strip().split(" "))).toList();
    this.schema = SCHEMA_VERSION + ":" + String.join("|", this.homePlaces);
    IndexWriterConfig config = new IndexWriterConfig(analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(bufferMb);
    // Stored fields stay LZ4 (the default): BEST_COMPRESSION made them 44% smaller but loading one
    // document 5x slower (measured on 10,000 articles), and a search loads a dozen.
    try {
      this.writer = new IndexWriter(directory, config);
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new IllegalStateException(
          "the search index is in use by another process (is the server running on this data"
              + " folder?)",
          e);
    }
    this.searchers =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous)
                  throws IOException {
                // Off the request path: a new segment's joined terms are listed once, here.
                HeldWords.warm(reader);
                return super.newSearcher(reader, previous);
              }
            });
  }

  private static final VietnameseAnalyzer FOLDED = new VietnameseAnalyzer(WordForm.FOLDED, false);

  /**
   * Opens (or creates) the index in a folder.
   *
   * @param homePlaces the place the service is for; articles that mention it are marked local
   */
  public static ArticleIndex open(Path folder, List<String> homePlaces) {
    return open(folder, homePlaces, BUFFER_MB);
  }

  /** As {@link #open(Path, List)}, flushing a segment per {@code bufferMb} of indexing buffer. */
  static ArticleIndex open(Path folder, List<String> homePlaces, double bufferMb) {
    try {
      return new ArticleIndex(FSDirectory.open(folder), homePlaces, bufferMb);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + folder, e);
    }
  }

  /**
   * The analyzer for each field, by the suffix of its name. Documents feed their text fields from
   * one {@link AnalyzedText} per text instead, term for term what these give (ArticleAnalysisTest).
   */
  static Analyzer analyzer() {
    Analyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false, REMEMBERED_FORMS);
    Analyzer folded = new VietnameseAnalyzer(WordForm.FOLDED, false, REMEMBERED_FORMS);
    Analyzer bigrams = new VietnameseAnalyzer(WordForm.FOLDED, true, REMEMBERED_FORMS);
    Map<String, Analyzer> perField = new HashMap<>();
    for (String f : List.of(TITLE_C, BODY_C)) {
      perField.put(f, canonical);
    }
    for (String f : List.of(TITLE_F, BODY_F, CAPTION_F)) {
      perField.put(f, folded);
    }
    for (String f : List.of(TITLE_B, BODY_B, CAPTION_B)) {
      perField.put(f, bigrams);
    }
    return new PerFieldAnalyzerWrapper(folded, perField);
  }

  /** Called after every change that searches can see, e.g. to drop cached answers. */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  /** A rebuild was asked for while another one is running. */
  public static final class RebuildInProgress extends IllegalStateException {
    RebuildInProgress() {
      super("the index is being rebuilt; try again when it is done");
    }
  }

  /** Adds or replaces articles, then makes them searchable (waits while a rebuild runs). */
  public void upsertAll(List<Article> articles, long sequence) {
    apply(new Batch(articles, List.of(), sequence));
  }

  /** Removes one article (waits while a rebuild runs). */
  public void delete(String id, long sequence) {
    apply(new Batch(List.of(), List.of(id), sequence));
  }

  /**
   * Changes to apply in one commit: articles to add or replace, ids to remove, and the sequence of
   * the last change they bring the index to.
   */
  public record Batch(List<Article> upserts, List<String> deletes, long sequence) {}

  private void apply(Batch batch) {
    catchUp(held -> batch);
  }

  /**
   * Applies what {@code next} reads for the sequence the index holds, in one commit, and returns
   * the sequence the index then holds. {@code next} runs while no rebuild can start, so what it
   * reads (the articles' current rows) cannot be older than a rebuild that commits after it; it
   * returns null when there is nothing to apply. Callers run one at a time (see ArticleCatalog).
   *
   * @param next given the sequence held ({@code -1} when the index must be rebuilt)
   */
  public long catchUp(LongFunction<Batch> next) {
    changes.readLock().lock();
    try {
      long held = sequence();
      Batch batch = next.apply(held);
      if (batch == null) {
        return held;
      }
      List<Article> upserts = batch.upserts();
      if (upserts.size() < PARALLEL_FROM) {
        for (Article a : upserts) {
          writer.updateDocument(new Term(ID, a.id()), document(a));
        }
      } else {
        ParallelFeed.<Article>run(
            threads(),
            upserts::forEach,
            a -> writer.updateDocument(new Term(ID, a.id()), document(a)));
      }
      for (String id : batch.deletes()) {
        writer.deleteDocuments(new Term(ID, id));
      }
      commit(batch.sequence());
      return batch.sequence();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index articles", e);
    } finally {
      changes.readLock().unlock();
    }
  }

  /**
   * Replaces the whole index with what {@code source} feeds, one rebuild at a time (another one
   * meanwhile throws {@link RebuildInProgress}). Changes wait until it is done, then apply on top:
   * none is lost, and no commit in between can mark a half-built index as current. Searches see the
   * old index until the new one is committed whole.
   *
   * @param sequence read once no change can run and before {@code source} reads anything: the
   *     sequence the index will hold (changes after it are applied again on top, harmlessly)
   */
  public int rebuild(Consumer<Consumer<Article>> source, LongSupplier sequence) {
    if (!rebuilding.compareAndSet(false, true)) {
      throw new RebuildInProgress();
    }
    changes.writeLock().lock();
    try {
      return rebuildHeld(source, sequence.getAsLong());
    } finally {
      changes.writeLock().unlock();
      rebuilding.set(false);
    }
  }

  private int rebuildHeld(Consumer<Consumer<Article>> source, long sequence) {
    try {
      incomplete = false;
      writer.deleteAll();
      // Analysis is most of the work and IndexWriter is thread-safe: one feeder per core.
      long start = System.nanoTime();
      int count = ParallelFeed.run(threads(), source, a -> writer.addDocument(document(a)));
      long fed = System.nanoTime();
      // Each feeder flushes segments of its own: merged, a question looks each of its many terms
      // up in two segments instead of about ten (p50 of search + excerpt 40% higher unmerged).
      writer.forceMerge(SEGMENTS_AFTER_REBUILD);
      commit(sequence);
      log.info(
          "Index rebuilt: {} articles analyzed and indexed in {} ms, merged and committed in {} ms",
          count,
          (fed - start) / 1_000_000,
          (System.nanoTime() - fed) / 1_000_000);
      return count;
    } catch (IOException | RuntimeException e) {
      // The writer now holds a half-built index. Whatever commits it next marks it as built from
      // no sequence of the store, so the change feed (or the next start) rebuilds it rather than
      // trusting it.
      incomplete = true;
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot rebuild the index", io)
          : (RuntimeException) e;
    }
  }

  private static int threads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** True when the index was built, the way this code builds it, up to this change sequence. */
  public boolean isCurrent(long sequence) {
    return sequence() == sequence;
  }

  /**
   * The sequence of the last article change the index holds, or {@code -1} when it must be rebuilt:
   * missing, built differently (schema, or before the change feed), or left half-built.
   */
  public long sequence() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return -1;
      }
      Map<String, String> data = new HashMap<>();
      Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
      if (live != null) {
        live.forEach(e -> data.put(e.getKey(), e.getValue()));
      }
      String held = data.get(SEQUENCE);
      if (!schema.equals(data.get(SCHEMA)) || held == null || held.equals(INCOMPLETE)) {
        return -1;
      }
      return Long.parseLong(held);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public int size() {
    return writer.getDocStats().numDocs;
  }

  /** The index's files on disk, in bytes (a file merged away while they are listed is skipped). */
  public long bytesOnDisk() {
    long total = 0;
    try {
      for (String file : directory.listAll()) {
        try {
          total += directory.fileLength(file);
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
          // deleted by a merge or commit since the listing
        }
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the search index", e);
    }
  }

  private void commit(long sequence) throws IOException {
    String held = incomplete ? INCOMPLETE : Long.toString(sequence);
    writer.setLiveCommitData(Map.of(SEQUENCE, held, SCHEMA, schema).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
    changeListeners.forEach(Runnable::run);
  }

  /**
   * The best {@code n} articles for the terms (with candidates from the rarest words and two-word
   * terms and from local articles), and the term weights of the same snapshot. Articles {@code
   * known} returns are not loaded from the index.
   */
  public SearchResult search(QueryTerms terms, int n, SearchResult.Known known) {
    return search(terms, n, known, weights -> null);
  }

  /**
   * As {@link #search(QueryTerms, int, SearchResult.Known)}, but judging Lucene's top {@link #POOL}
   * × n hits by the words they hold: those that {@code worth}, made from the question's term
   * weights, turns away are never loaded, and of the others the n worth the most are candidates
   * (see {@link #mostWorth}). {@code worth} is called once, with the result's weights, whenever the
   * question has terms and the index articles: a result with hits has been through it.
   */
  public SearchResult search(
      QueryTerms terms,
      int n,
      SearchResult.Known known,
      Function<TermWeights, SearchResult.Worth> worth) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        IndexReader reader = searcher.getIndexReader();
        TermLookup lookup = new TermLookup(searcher, termStates(reader));
        TermWeights weights = TermWeights.of(lookup, reader.numDocs(), terms);
        if (terms.isEmpty() || reader.numDocs() == 0) {
          return new SearchResult(List.of(), weights, 0);
        }
        Query query = queries.build(terms, weights, lookup);
        SearchResult.Worth filter = worth.apply(weights);
        int pool = filter == null ? n : n * POOL;
        // Exact top hits: counted only until the pool is full, then non-competitive ones skipped.
        TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(pool, pool));
        List<ScoreDoc> hitsOfQuery = List.of(top.scoreDocs);
        float topScore = hitsOfQuery.isEmpty() ? 0 : hitsOfQuery.get(0).score;
        List<ScoreDoc> extra =
            candidates(
                searcher,
                query,
                queries.rarest(terms, weights, RARE_WORDS, RARE_PAIRS, lookup),
                localDocs(reader));
        List<ScoreDoc> docs;
        if (filter == null) {
          docs = new ArrayList<>(hitsOfQuery);
          addNew(docs, extra, d -> true);
        } else {
          // The pool and the extra candidates are judged together, each doc once, in one pass
          // over the words' postings.
          List<ScoreDoc> judge = new ArrayList<>(hitsOfQuery);
          addNew(judge, extra, d -> true);
          double[] reach = HeldWords.reach(reader, judge, HeldWords.of(terms), filter);
          Map<Integer, Double> judged = new HashMap<>();
          for (int i = 0; i < reach.length; i++) {
            judged.put(judge.get(i).doc, reach[i]);
          }
          docs = mostWorth(hitsOfQuery, Arrays.copyOf(reach, hitsOfQuery.size()), topScore, n);
          addNew(docs, extra, d -> judged.get(d.doc) >= 0);
        }
        StoredFields stored = searcher.storedFields();
        List<SearchResult.Hit> hits = new ArrayList<>(docs.size());
        List<LeafReaderContext> leaves = reader.leaves();
        for (ScoreDoc sd : docs) {
          LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
          BinaryDocValues ids = leaf.reader().getBinaryDocValues(ID_VALUE);
          Article article =
              ids != null && ids.advanceExact(sd.doc - leaf.docBase)
                  ? known.get(ids.binaryValue().utf8ToString())
                  : null;
          if (article == null) {
            article = article(stored.document(sd.doc));
          }
          hits.add(new SearchResult.Hit(article, sd.score));
        }
        return new SearchResult(hits, weights, topScore);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /**
   * The newest articles (by publication date, undated ones last) whose title, prose or captions
   * contain one of {@code phrases} and none of {@code excluded}, each phrase matched as consecutive
   * folded words: a topic's matches, for its preview. Built from analyzed terms, never parsed.
   */
  public List<Article> newest(List<String> phrases, List<String> excluded, int n) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    int clauses = 0;
    for (String phrase : phrases) {
      for (Query q : phraseQueries(phrase)) {
        query.add(q, BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    if (clauses == 0) {
      return List.of();
    }
    for (String phrase : excluded) {
      for (Query q : phraseQueries(phrase)) {
        query.add(q, BooleanClause.Occur.MUST_NOT);
      }
    }
    SortField newest = new SortField(PUBLISHED, SortField.Type.LONG, true);
    newest.setMissingValue(Long.MIN_VALUE);
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(query.build(), Math.max(1, n), new Sort(newest));
        StoredFields stored = searcher.storedFields();
        List<Article> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
          out.add(article(stored.document(sd.doc)));
        }
        return out;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /** One phrase query per folded field the phrase has terms in (none for an empty phrase). */
  private static List<Query> phraseQueries(String phrase) {
    org.apache.lucene.util.QueryBuilder builder = new org.apache.lucene.util.QueryBuilder(FOLDED);
    List<Query> out = new ArrayList<>();
    for (String field : List.of(TITLE_F, BODY_F, CAPTION_F)) {
      Query q = builder.createPhraseQuery(field, phrase);
      if (q != null) {
        out.add(q);
      }
    }
    return out;
  }

  /**
   * The best local articles and, for each of the question's rarest terms, the articles that hold it
   * and that the full query ranks best, all scored by the full query so that candidates stay
   * comparable: the local ones first, then the others best first, each doc once. "Pháp kiểm soát
   * Algeria khi nào?" so finds the article that writes "Pháp giành quyền kiểm soát Algeria năm
   * 1830", which the full query ranks 56th below titles that say "kiểm soát", and "Algeria" alone
   * below news that repeat it. The terms' holders ({@link #RARE_HOLDERS} at most each) and the
   * local articles are scored together, by one scorer of the full query per segment advancing to
   * each doc: no second run of the full query, no stored ids.
   */
  private static List<ScoreDoc> candidates(
      IndexSearcher searcher, Query full, List<Query> rarest, int[] local) throws IOException {
    List<ScoreDoc> out = new ArrayList<>();
    if (local.length > LOCAL_SCORED_ONE_BY_ONE) {
      Query onlyLocal =
          new BooleanQuery.Builder()
              .add(full, BooleanClause.Occur.MUST)
              .add(new TermQuery(new Term(LOCAL, "1")), BooleanClause.Occur.FILTER)
              .build();
      TopDocs top =
          searcher.search(
              onlyLocal, new TopScoreDocCollectorManager(LOCAL_CANDIDATES, LOCAL_CANDIDATES));
      out.addAll(List.of(top.scoreDocs));
      local = new int[0];
    }
    if (rarest.isEmpty() && local.length == 0) {
      return out;
    }
    List<int[]> holders = new ArrayList<>();
    int all = local.length;
    for (Query term : rarest) {
      int[] found = holders(searcher, term, RARE_HOLDERS);
      if (found != null) { // else in too many articles to be rare: the full query's top has them
        holders.add(found);
        all += found.length;
      }
    }
    // Every doc to score, in one pass of one scorer of the full query per segment.
    int[] targets = Arrays.copyOf(local, all);
    int at = local.length;
    for (int[] found : holders) {
      System.arraycopy(found, 0, targets, at, found.length);
      at += found.length;
    }
    Arrays.sort(targets);
    float[] scores = scores(searcher, full, targets);
    // Local news first: the best local articles are candidates even among many others.
    out.addAll(best(local, targets, scores, LOCAL_CANDIDATES));
    List<ScoreDoc> rare = new ArrayList<>();
    for (int[] found : holders) {
      rare.addAll(best(found, targets, scores, RARE_CANDIDATES));
    }
    rare.sort(BEST);
    addNew(out, rare, d -> true);
    return out;
  }

  /** Adds those of {@code more} that {@code keep} and that {@code docs} does not hold yet. */
  private static void addNew(List<ScoreDoc> docs, List<ScoreDoc> more, Predicate<ScoreDoc> keep) {
    Set<Integer> have = new HashSet<>();
    docs.forEach(d -> have.add(d.doc));
    for (ScoreDoc d : more) {
      if (!have.contains(d.doc) && keep.test(d)) {
        have.add(d.doc);
        docs.add(d);
      }
    }
  }

  /**
   * Of the pool of Lucene's top hits, the {@code n} worth the most, in Lucene's order; none that
   * {@code reach} turns away. Worth is what the caller's rank takes from Lucene and from coverage
   * before it reads a sentence: half the score as a share of the best, plus half the share of the
   * question the article can cover.
   */
  private static List<ScoreDoc> mostWorth(
      List<ScoreDoc> pool, double[] reach, float topScore, int n) {
    List<Integer> worth = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      if (reach[i] >= 0) {
        worth.add(i);
      }
    }
    if (worth.size() > n) {
      worth.sort(
          Comparator.comparingDouble(i -> -(0.5 * pool.get(i).score / topScore + 0.5 * reach[i])));
      worth = worth.subList(0, n);
      worth.sort(Comparator.naturalOrder());
    }
    List<ScoreDoc> kept = new ArrayList<>(worth.size());
    worth.forEach(i -> kept.add(pool.get(i)));
    return kept;
  }

  private static final Comparator<ScoreDoc> BEST =
      Comparator.<ScoreDoc>comparingDouble(d -> -d.score).thenComparingInt(d -> d.doc);

  /**
   * The {@code k} best of {@code candidates} that the full query matched, best first; {@code
   * scores} holds the score of each of {@code sorted} (NaN where not matched), and {@code sorted}
   * every candidate. A bounded heap: a term's holders are up to {@link #RARE_HOLDERS}, not sorted.
   */
  private static List<ScoreDoc> best(int[] candidates, int[] sorted, float[] scores, int k) {
    PriorityQueue<ScoreDoc> worstFirst = new PriorityQueue<>(k + 1, BEST.reversed());
    for (int doc : candidates) {
      float score = scores[Arrays.binarySearch(sorted, doc)];
      if (Float.isNaN(score)) {
        continue;
      }
      ScoreDoc hit = new ScoreDoc(doc, score);
      if (worstFirst.size() < k) {
        worstFirst.add(hit);
      } else if (BEST.compare(hit, worstFirst.peek()) < 0) {
        worstFirst.poll();
        worstFirst.add(hit);
      }
    }
    List<ScoreDoc> best = new ArrayList<>(worstFirst);
    best.sort(BEST);
    return best;
  }

  /**
   * The live articles that {@code term} matches, as ascending doc ids; null when there are more
   * than {@code max}.
   */
  private static int[] holders(IndexSearcher searcher, Query term, int max) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(term), ScoreMode.COMPLETE_NO_SCORES, 1f);
    int[] found = new int[16];
    int n = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (n == max) {
          return null;
        }
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
        }
        found[n++] = leaf.docBase + doc;
      }
    }
    return Arrays.copyOf(found, n);
  }

  /**
   * The full query's score of each of {@code sorted} (ascending, maybe repeated), NaN where it does
   * not match.
   */
  private static float[] scores(IndexSearcher searcher, Query full, int[] sorted)
      throws IOException {
    float[] scores = new float[sorted.length];
    Arrays.fill(scores, Float.NaN);
    if (sorted.length == 0) {
      return scores;
    }
    Weight weight = searcher.createWeight(searcher.rewrite(full), ScoreMode.COMPLETE, 1f);
    int i = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      int end = leaf.docBase + leaf.reader().maxDoc();
      if (i < sorted.length && sorted[i] < end) {
        Scorer scorer = weight.scorer(leaf);
        DocIdSetIterator it = scorer == null ? null : scorer.iterator();
        for (; i < sorted.length && sorted[i] < end; i++) {
          int target = sorted[i] - leaf.docBase;
          if (i > 0 && sorted[i] == sorted[i - 1]) {
            scores[i] = scores[i - 1];
            continue;
          }
          if (it == null) {
            continue;
          }
          int at = it.docID() < target ? it.advance(target) : it.docID();
          if (at == target) {
            scores[i] = scorer.score();
          } else if (at == DocIdSetIterator.NO_MORE_DOCS) {
            it = null;
          }
        }
      }
    }
    return scores;
  }

  /** The live articles marked local, as ascending doc ids of this reader (kept per reader). */
  private int[] localDocs(IndexReader reader) throws IOException {
    LocalDocs current = localDocs;
    if (current == null || current.reader() != reader) {
      List<Integer> found = new ArrayList<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        PostingsEnum postings = leaf.reader().postings(new Term(LOCAL, "1"), PostingsEnum.NONE);
        if (postings == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          if (live == null || live.get(d)) {
            found.add(leaf.docBase + d);
          }
        }
      }
      current = new LocalDocs(reader, found.stream().mapToInt(Integer::intValue).toArray());
      localDocs = current;
    }
    return current.docs();
  }

  /** Indexed for term queries only: documents and frequencies (BM25), norms, no positions. */
  private static final FieldType TERMS_ONLY = termsOnly();

  private static FieldType termsOnly() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    type.freeze();
    return type;
  }

  /** Indexed for phrases: documents, frequencies and positions, norms. */
  private static final FieldType WITH_POSITIONS = TextField.TYPE_NOT_STORED;

  // Tokens' forms, remembered per thread that indexes (the feeders of a rebuild or an import page,
  // the thread of a small catch-up).
  private static final ThreadLocal<Forms> forms =
      ThreadLocal.withInitial(() -> new Forms(REMEMBERED_FORMS));

  private Document document(Article a) {
    Document doc = new Document();
    doc.add(new StringField(ID, a.id(), Field.Store.YES));
    doc.add(new BinaryDocValuesField(ID_VALUE, new BytesRef(a.id())));
    if (mentionsHome(a)) {
      doc.add(new StringField(LOCAL, "1", Field.Store.NO));
    }
    // Each text is analyzed once; its fields replay the tokens, each in its form.
    Forms memory = forms.get();
    AnalyzedText title = AnalyzedText.of(a.title(), memory);
    doc.add(new Field(TITLE_C, title.words(WordForm.CANONICAL), TERMS_ONLY));
    doc.add(new Field(TITLE_F, title.words(WordForm.FOLDED), WITH_POSITIONS));
    doc.add(new Field(TITLE_B, title.foldedPairs(), TERMS_ONLY));
    AnalyzedText prose = AnalyzedText.of(a.proseText(), memory);
    doc.add(new Field(BODY_C, prose.words(WordForm.CANONICAL), TERMS_ONLY));
    doc.add(new Field(BODY_F, prose.words(WordForm.FOLDED), WITH_POSITIONS));
    doc.add(new Field(BODY_B, prose.foldedPairs(), TERMS_ONLY));
    AnalyzedText captions = AnalyzedText.of(String.join("\n", a.captions()), memory);
    doc.add(new Field(CAPTION_F, captions.words(WordForm.FOLDED), WITH_POSITIONS));
    doc.add(new Field(CAPTION_B, captions.foldedPairs(), TERMS_ONLY));

    doc.add(new StoredField(S_TITLE, a.title()));
    if (a.url() != null) {
      doc.add(new StoredField(S_URL, a.url()));
    }
    if (a.publishedAt() != null) {
      doc.add(new StoredField(S_PUBLISHED, a.publishedAt().toEpochMilli()));
      doc.add(new NumericDocValuesField(PUBLISHED, a.publishedAt().toEpochMilli()));
    }
    doc.add(new StoredField(S_LEAD, a.lead()));
    a.paragraphs().forEach(p -> doc.add(new StoredField(S_PARAGRAPH, p)));
    a.captions().forEach(c -> doc.add(new StoredField(S_CAPTION, c)));
    if (a.author() != null) {
      doc.add(new StoredField(S_AUTHOR, a.author()));
    }
    a.tags().forEach(t -> doc.add(new StoredField(S_TAG, t)));
    return doc;
  }

  private boolean mentionsHome(Article a) {
    if (homePlaces.isEmpty()) {
      return false;
    }
    String raw = a.title() + "\n" + a.proseText() + "\n" + String.join("\n", a.captions());
    // Folding character by character keeps every letter a folded term has, so a text that lacks
    // one of a place's words this way cannot have it as a term: most articles are settled without
    // analyzing them a fourth time.
    String folded = VietnameseText.fold(raw);
    if (homeWords.stream().noneMatch(words -> words.stream().allMatch(folded::contains))) {
      return false;
    }
    String text = " " + String.join(" ", FOLDED.terms(raw)) + " ";
    return homePlaces.stream().anyMatch(text::contains);
  }

  private static Article article(Document doc) {
    IndexableField published = doc.getField(S_PUBLISHED);
    return new Article(
        doc.get(ID),
        doc.get(S_TITLE),
        doc.get(S_URL),
        published == null ? null : Instant.ofEpochMilli(published.numericValue().longValue()),
        doc.get(S_LEAD),
        List.of(doc.getValues(S_PARAGRAPH)),
        List.of(doc.getValues(S_CAPTION)),
        doc.get(S_AUTHOR),
        List.of(doc.getValues(S_TAG)));
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the index", e);
    }
  }
}
