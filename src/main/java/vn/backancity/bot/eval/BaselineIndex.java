package vn.backancity.bot.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.VietnameseAnalyzer;

/**
 * The baseline the project is measured against: plain Lucene {@code StandardAnalyzer}, BM25, one
 * field for the title and one for the body, every question word an optional term in both. Its
 * excerpt is the sentence sharing the most words with the question.
 */
public final class BaselineIndex implements Retriever, AutoCloseable {
  private final Analyzer analyzer = new StandardAnalyzer();
  private final FSDirectory directory;
  private final IndexWriter writer;
  private DirectoryReader reader;
  private IndexSearcher searcher;

  public BaselineIndex(Path folder) {
    try {
      directory = FSDirectory.open(folder);
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setRAMBufferSizeMB(64);
      writer = new IndexWriter(directory, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return "baseline";
  }

  boolean isEmpty() {
    return writer.getDocStats().numDocs == 0;
  }

  public void add(Article a) {
    Document doc = new Document();
    doc.add(new StringField("id", a.id(), Field.Store.YES));
    doc.add(new TextField("title", a.title(), Field.Store.NO));
    String body = a.proseText() + "\n" + String.join("\n", a.captions());
    doc.add(new TextField("body", body, Field.Store.NO));
    doc.add(new StoredField("text", body));
    try {
      writer.updateDocument(new Term("id", a.id()), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void commit() {
    try {
      writer.commit();
      if (reader != null) {
        reader.close();
      }
      reader = DirectoryReader.open(directory);
      searcher = new IndexSearcher(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Hit> search(String question) {
    Set<String> words = new LinkedHashSet<>(tokens(question));
    if (words.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String w : words) {
      q.add(new TermQuery(new Term("title", w)), BooleanClause.Occur.SHOULD);
      q.add(new TermQuery(new Term("body", w)), BooleanClause.Occur.SHOULD);
    }
    try {
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q.build(), 10).scoreDocs) {
        Document doc = searcher.storedFields().document(sd.doc);
        hits.add(new Hit(doc.get("id"), bestSentence(doc.get("text"), words)));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String bestSentence(String text, Set<String> words) {
    String best = "";
    int bestCount = -1;
    for (String sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
      int count = 0;
      for (String t : new LinkedHashSet<>(tokens(sentence))) {
        if (words.contains(t)) {
          count++;
        }
      }
      if (count > bestCount) {
        bestCount = count;
        best = sentence;
      }
    }
    return best;
  }

  private List<String> tokens(String text) {
    return VietnameseAnalyzer.terms(analyzer, text);
  }

  public long sizeBytes() {
    try {
      long total = 0;
      for (String f : directory.listAll()) {
        total += directory.fileLength(f);
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
    writer.close();
    directory.close();
  }
}
