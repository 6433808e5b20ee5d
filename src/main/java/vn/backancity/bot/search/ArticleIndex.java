package vn.backancity.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import vn.backancity.bot.article.Article;

/**
 * The Lucene index of articles, derived from the article store and rebuildable from it. One
 * long-lived {@link IndexWriter}; searches go through a {@link SearcherManager} refreshed after
 * every change, so new articles are searchable at once.
 */
public final class ArticleIndex implements AutoCloseable {
  // The id is a single untokenized term: it is how an update finds the document it replaces.
  static final String ID = "id";
  // Each text is indexed three ways, none stored: canonical words (exact diacritics), folded words
  // (questions typed without diacritics), folded two-word shingles (multi-syllable words, names).
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
  private static final String VERSION = "store_version";

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final QueryBuilder queries = new QueryBuilder();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

  private ArticleIndex(Directory directory) throws IOException {
    this.directory = directory;
    IndexWriterConfig config = new IndexWriterConfig(analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(64);
    try {
      this.writer = new IndexWriter(directory, config);
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new IllegalStateException(
          "the search index is in use by another process (is the server running on this data"
              + " folder?)",
          e);
    }
    this.searchers = new SearcherManager(writer, null);
  }

  /** Opens (or creates) the index in a folder. */
  public static ArticleIndex open(Path folder) {
    try {
      return new ArticleIndex(FSDirectory.open(folder));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + folder, e);
    }
  }

  /** The analyzer for each field, by the suffix of its name. */
  static Analyzer analyzer() {
    Analyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
    Analyzer folded = new VietnameseAnalyzer(WordForm.FOLDED, false);
    Analyzer bigrams = new VietnameseAnalyzer(WordForm.FOLDED, true);
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

  /** Adds or replaces articles, then makes them searchable. */
  public void upsertAll(List<Article> articles, String storeVersion) {
    try {
      for (Article a : articles) {
        writer.updateDocument(new Term(ID, a.id()), document(a));
      }
      commit(storeVersion);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index articles", e);
    }
  }

  /** Removes one article. */
  public void delete(String id, String storeVersion) {
    try {
      writer.deleteDocuments(new Term(ID, id));
      commit(storeVersion);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete from the index", e);
    }
  }

  /** Replaces the whole index with what {@code source} feeds. */
  public int rebuild(Consumer<Consumer<Article>> source, String storeVersion) {
    try {
      writer.deleteAll();
      int[] count = {0};
      source.accept(
          a -> {
            try {
              writer.addDocument(document(a));
              count[0]++;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      commit(storeVersion);
      return count[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the index", e);
    }
  }

  /** The article store version this index was last built or updated from, or "" when new. */
  public String storeVersion() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return "";
      }
      Map<String, String> data = new HashMap<>();
      Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
      if (live != null) {
        live.forEach(e -> data.put(e.getKey(), e.getValue()));
      }
      return data.getOrDefault(VERSION, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    return writer.getDocStats().numDocs;
  }

  private void commit(String storeVersion) throws IOException {
    writer.setLiveCommitData(Map.of(VERSION, storeVersion).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
    changeListeners.forEach(Runnable::run);
  }

  /** The best {@code n} articles for the terms, with the term weights of the same snapshot. */
  public SearchResult search(QueryTerms terms, int n) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        IndexReader reader = searcher.getIndexReader();
        TermWeights weights = TermWeights.of(reader, terms);
        if (terms.isEmpty() || reader.numDocs() == 0) {
          return new SearchResult(List.of(), weights);
        }
        Query query = queries.build(terms);
        TopDocs top = searcher.search(query, n);
        StoredFields stored = searcher.storedFields();
        List<SearchResult.Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
          hits.add(new SearchResult.Hit(article(stored.document(sd.doc)), sd.score));
        }
        return new SearchResult(hits, weights);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  private static Document document(Article a) {
    Document doc = new Document();
    doc.add(new StringField(ID, a.id(), Field.Store.YES));
    doc.add(new TextField(TITLE_C, a.title(), Field.Store.NO));
    doc.add(new TextField(TITLE_F, a.title(), Field.Store.NO));
    doc.add(new TextField(TITLE_B, a.title(), Field.Store.NO));
    String prose = a.proseText();
    doc.add(new TextField(BODY_C, prose, Field.Store.NO));
    doc.add(new TextField(BODY_F, prose, Field.Store.NO));
    doc.add(new TextField(BODY_B, prose, Field.Store.NO));
    String captions = String.join("\n", a.captions());
    doc.add(new TextField(CAPTION_F, captions, Field.Store.NO));
    doc.add(new TextField(CAPTION_B, captions, Field.Store.NO));

    doc.add(new StoredField(S_TITLE, a.title()));
    if (a.url() != null) {
      doc.add(new StoredField(S_URL, a.url()));
    }
    if (a.publishedAt() != null) {
      doc.add(new StoredField(S_PUBLISHED, a.publishedAt().toEpochMilli()));
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
