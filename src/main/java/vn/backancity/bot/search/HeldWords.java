package vn.backancity.bot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Which of a question's folded words each candidate article holds anywhere (title, prose,
 * captions), read from the postings of the folded fields: enough to tell how much of the question
 * an article can cover, and that it cannot cover enough, before it is loaded and split into
 * sentences. A few postings lookups per segment replace, for the candidates turned away, a
 * stored-fields read and an analysis of the whole article.
 *
 * <p>The passages split words where the index does not: "16h", "45triệu", "covid19", "H'Mông" or
 * "Nội:Ngày" are one term in the index but two words in a passage. So a word that contains a digit
 * or has at most two letters is always taken as held, and a word of letters is also held where the
 * index has a term that joins it to something else: each segment's joined terms are listed once, by
 * the letter runs a passage would split them into ({@link #warm}, when a searcher opens).
 */
final class HeldWords {
  private static final List<String> FIELDS =
      List.of(ArticleIndex.TITLE_F, ArticleIndex.BODY_F, ArticleIndex.CAPTION_F);

  // Per segment (by its core cache key), each letter run of a joined term ("trieu" of "45trieu",
  // "mong" of "h'mong") and the terms it is part of, in whichever folded field.
  private static final Map<Object, Map<String, Set<BytesRef>>> JOINED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private HeldWords() {}

  /** Lists the joined terms of every segment not seen before (called when a searcher opens). */
  static void warm(IndexReader reader) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      joined(leaf);
    }
  }

  private static Map<String, Set<BytesRef>> joined(LeafReaderContext leaf) throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return listJoined(leaf);
    }
    Map<String, Set<BytesRef>> joined = JOINED.get(helper.getKey());
    if (joined == null) {
      joined = listJoined(leaf);
      JOINED.put(helper.getKey(), joined);
    }
    return joined;
  }

  private static Map<String, Set<BytesRef>> listJoined(LeafReaderContext leaf) throws IOException {
    Map<String, Set<BytesRef>> joined = new HashMap<>();
    for (String field : FIELDS) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (BytesRef term = te.next(); term != null; term = te.next()) {
        if (!mayBeJoined(term)) {
          continue;
        }
        String text = term.utf8ToString();
        List<String> runs = letterRuns(text);
        if (runs.size() == 1 && runs.get(0).length() == text.length()) {
          continue; // letters only (not ASCII): a passage reads it as one word too
        }
        BytesRef copy = BytesRef.deepCopyOf(term);
        for (String run : runs) {
          if (!alwaysHeld(run)) {
            joined.computeIfAbsent(run, r -> new HashSet<>(2)).add(copy);
          }
        }
      }
    }
    return joined;
  }

  /** False for a term of ASCII letters only, or of no letters at all (most terms: no decoding). */
  private static boolean mayBeJoined(BytesRef term) {
    boolean letter = false;
    boolean other = false;
    for (int i = term.offset; i < term.offset + term.length; i++) {
      int b = term.bytes[i] & 0xff;
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80) {
        letter = true;
        other |= b >= 0x80;
      } else {
        other = true;
      }
    }
    return letter && other;
  }

  /** The runs of letters a passage reads as words ({@code answer/Words}). */
  private static List<String> letterRuns(String text) {
    List<String> runs = new ArrayList<>(2);
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean letter = i < text.length() && Character.isLetter(text.charAt(i));
      if (letter && start < 0) {
        start = i;
      } else if (!letter && start >= 0) {
        runs.add(text.substring(start, i));
        start = -1;
      }
    }
    return runs;
  }

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

  /** What {@code worth} makes of each of {@code docs}, in their order. */
  static double[] reach(
      IndexReader reader, List<ScoreDoc> docs, List<String> words, SearchResult.Worth worth)
      throws IOException {
    Integer[] order = new Integer[docs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> docs.get(i).doc));
    double[] reach = new double[docs.size()];
    List<LeafReaderContext> leaves = reader.leaves();
    int i = 0;
    while (i < order.length) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs.get(order[i]).doc, leaves));
      List<List<PostingsEnum>> postings = postings(leaf, words);
      int end = leaf.docBase + leaf.reader().maxDoc();
      for (; i < order.length && docs.get(order[i]).doc < end; i++) {
        Set<String> held = held(postings, words, docs.get(order[i]).doc - leaf.docBase);
        reach[order[i]] = worth.reach(held::contains);
      }
    }
    return reach;
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
   * terms that join it to something else; null for a word always held.
   */
  private static List<List<PostingsEnum>> postings(LeafReaderContext leaf, List<String> words)
      throws IOException {
    Map<String, Set<BytesRef>> joined = joined(leaf);
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
        if (te.seekExact(new BytesRef(words.get(w)))) {
          found.add(te.postings(null, PostingsEnum.NONE));
        }
        // A joined term in any folded field holds the word, wherever it was listed from.
        for (BytesRef term : joined.getOrDefault(words.get(w), Set.of())) {
          if (te.seekExact(term)) {
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
