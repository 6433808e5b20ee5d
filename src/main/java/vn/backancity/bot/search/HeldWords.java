package vn.backancity.bot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * Which of a question's folded words each candidate article holds anywhere (title, prose,
 * captions), read from the postings of the folded fields: enough to tell that an article cannot
 * cover enough of the question before it is loaded and split into sentences. A few postings lookups
 * per segment replace, for the candidates turned away, a stored-fields read and an analysis of the
 * whole article.
 *
 * <p>The passages split words where the index does not: "16h", "5m" or "covid19" are one term in
 * the index but two words in a passage ("16" and "h"). So a word that contains a digit or has at
 * most two letters is always taken as held, and a word of letters is also held where the index has
 * it with digits after it ("covid" in "covid19"). Still taken as absent: a word the index joins to
 * another with an apostrophe, an underscore or a colon and no space ("nội:ngày"); on 4,612
 * questions over 50k articles, and the whole evaluation, no answer changed.
 */
final class HeldWords {
  private static final List<String> FIELDS =
      List.of(ArticleIndex.TITLE_F, ArticleIndex.BODY_F, ArticleIndex.CAPTION_F);

  private HeldWords() {}

  /** The folded words a question's articles are judged by: its words and one-word alternates. */
  static List<String> of(QueryTerms terms) {
    Set<String> words = new LinkedHashSet<>();
    terms.words().forEach(w -> words.add(w.folded()));
    for (String alternate : terms.alternates()) {
      if (alternate.indexOf(' ') < 0) {
        words.add(alternate);
      }
    }
    return List.copyOf(words);
  }

  /** {@code docs} without those that {@code worth} turns away, in their order. */
  static List<ScoreDoc> kept(
      IndexReader reader, List<ScoreDoc> docs, List<String> words, SearchResult.Worth worth)
      throws IOException {
    ScoreDoc[] sorted = docs.toArray(ScoreDoc[]::new);
    Arrays.sort(sorted, Comparator.comparingInt(d -> d.doc));
    Set<ScoreDoc> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
    List<LeafReaderContext> leaves = reader.leaves();
    int i = 0;
    while (i < sorted.length) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[i].doc, leaves));
      List<List<PostingsEnum>> postings = postings(leaf, words);
      int end = leaf.docBase + leaf.reader().maxDoc();
      for (; i < sorted.length && sorted[i].doc < end; i++) {
        Set<String> held = held(postings, words, sorted[i].doc - leaf.docBase);
        if (!worth.test(held::contains)) {
          dropped.add(sorted[i]);
        }
      }
    }
    if (dropped.isEmpty()) {
      return docs;
    }
    List<ScoreDoc> out = new ArrayList<>(docs.size() - dropped.size());
    for (ScoreDoc d : docs) {
      if (!dropped.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /** Whether a word is held by every article, as far as this check can tell (see above). */
  static boolean alwaysHeld(String word) {
    if (word.length() <= 2) {
      return true;
    }
    for (int i = 0; i < word.length(); i++) {
      if (Character.isDigit(word.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each word's postings in the folded fields of one segment: the word's own, and those of the
   * terms that are the word with digits after it; null for a word always held.
   */
  private static List<List<PostingsEnum>> postings(LeafReaderContext leaf, List<String> words)
      throws IOException {
    List<List<PostingsEnum>> postings = new ArrayList<>(words.size());
    for (String word : words) {
      postings.add(alwaysHeld(word) ? null : new ArrayList<>(FIELDS.size()));
    }
    for (String field : FIELDS) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (int w = 0; w < words.size(); w++) {
        List<PostingsEnum> found = postings.get(w);
        if (found == null) {
          continue;
        }
        // One seek finds the word and, right after it in term order, the word with digits after
        // it ("covid19", "covid2019"); terms where a letter follows the word end the walk.
        BytesRef word = new BytesRef(words.get(w));
        if (te.seekCeil(word) == TermsEnum.SeekStatus.END) {
          continue;
        }
        for (BytesRef term = te.term(); term != null; term = te.next()) {
          if (!StringHelper.startsWith(term, word)) {
            break;
          }
          int next = term.length == word.length ? -1 : term.bytes[term.offset + word.length] & 0xff;
          if (next > '9') {
            break;
          }
          if (next == -1 || next >= '0') {
            found.add(te.postings(null, PostingsEnum.NONE));
          }
        }
      }
    }
    return postings;
  }

  /** The words document {@code doc} holds; docs must be asked for in ascending order. */
  private static Set<String> held(List<List<PostingsEnum>> postings, List<String> words, int doc)
      throws IOException {
    Set<String> held = new HashSet<>();
    for (int w = 0; w < words.size(); w++) {
      List<PostingsEnum> found = postings.get(w);
      if (found == null) {
        held.add(words.get(w));
        continue;
      }
      for (PostingsEnum p : found) {
        if ((p.docID() < doc ? p.advance(doc) : p.docID()) == doc) {
          held.add(words.get(w));
          break;
        }
      }
    }
    return held;
  }
}
