package vn.backancity.bot.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * One text of an article analyzed once for the three forms the index keeps of it: canonical words,
 * folded words and folded two-word shingles. The chain up to the word form (NFC, tokenizer, dotted
 * abbreviations, number forms) runs once and its tokens are replayed for each field, term for term
 * what {@link VietnameseAnalyzer} with that form makes of the text (ArticleAnalysisTest holds it to
 * that). Analysis was most of an index build, and each text went through it three times.
 *
 * <p>The streams share the attributes of one chain: consume them one after the other, as the index
 * writer does with the fields of a document.
 */
final class AnalyzedText {
  /**
   * Each token's two forms, remembered across texts by the thread that analyzes them (a news
   * archive repeats a few thousand syllables): one lookup instead of the tone and folding
   * arithmetic. Cleared when it grows past its bound.
   */
  static final class Forms {
    private final CharArrayMap<String[]> seen = new CharArrayMap<>(4096, false);
    private final int max;

    Forms(int max) {
      this.max = max;
    }

    String[] of(CharTermAttribute token) {
      String[] forms = seen.get(token.buffer(), 0, token.length());
      if (forms == null) {
        String text = token.toString();
        String canonical = WordForm.CANONICAL.apply(text);
        forms = new String[] {canonical, WordForm.FOLDED.apply(text)};
        if (seen.size() >= max) {
          seen.clear();
        }
        seen.put(text, forms);
      }
      return forms;
    }
  }

  private final AttributeSource attributes;
  private final PositionIncrementAttribute increment;
  private final PositionLengthAttribute length;
  private final OffsetAttribute offset;
  // Per token what the index and the shingles read besides the term: position increment and
  // length, start and end offsets. Set back attribute by attribute: restoring a captured state
  // looked each attribute's class up in a map, 8% of an index build.
  private int[] positions = new int[64];
  private final List<String[]> forms = new ArrayList<>();
  private final AttributeSource.State end;
  // Every token one position after the one before, one position long (no gap, nothing stacked):
  // the pairs are then each two neighbours, made here without ShingleFilter's captured states.
  private boolean consecutive = true;

  private AnalyzedText(TokenStream chain, Forms memory) throws IOException {
    this.attributes = chain;
    CharTermAttribute term = chain.addAttribute(CharTermAttribute.class);
    increment = chain.addAttribute(PositionIncrementAttribute.class);
    length = chain.addAttribute(PositionLengthAttribute.class);
    offset = chain.addAttribute(OffsetAttribute.class);
    chain.reset();
    int n = 0;
    while (chain.incrementToken()) {
      if (n + 4 > positions.length) {
        positions = Arrays.copyOf(positions, positions.length * 2);
      }
      positions[n++] = increment.getPositionIncrement();
      positions[n++] = length.getPositionLength();
      positions[n++] = offset.startOffset();
      positions[n++] = offset.endOffset();
      consecutive &= increment.getPositionIncrement() == 1 && length.getPositionLength() == 1;
      forms.add(memory.of(term));
    }
    chain.end();
    end = chain.captureState();
    chain.close();
  }

  /** Analyzes {@code text} (normalized as {@link VietnameseAnalyzer} does) up to the word form. */
  static AnalyzedText of(String text, Forms memory) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    tokenizer.setReader(new StringReader(VietnameseAnalyzer.normalize(text)));
    try {
      return new AnalyzedText(new NumberFilter(new DotSplitFilter(tokenizer)), memory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The words in one form, with their positions. */
  TokenStream words(WordForm form) {
    return new Replay(form == WordForm.CANONICAL ? 0 : 1);
  }

  /** Folded two-word shingles, as {@code VietnameseAnalyzer(FOLDED, true)} makes them. */
  TokenStream foldedPairs() {
    if (consecutive) {
      return new Pairs();
    }
    ShingleFilter shingles = new ShingleFilter(new Replay(1), 2, 2);
    shingles.setOutputUnigrams(false);
    return shingles;
  }

  /** The analyzed tokens read again from token {@code first} on, ending as the text ended. */
  private abstract class Again extends TokenStream {
    final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final int first;
    int next;

    Again(int first) {
      super(attributes);
      this.first = first;
      this.next = first;
    }

    @Override
    public final void end() {
      restoreState(end);
    }

    @Override
    public final void reset() {
      next = first;
    }
  }

  /**
   * Each two neighbouring folded words joined by a space, one position apart, spanning both words'
   * offsets: what ShingleFilter(2, 2) without unigrams makes of consecutive tokens.
   */
  private final class Pairs extends Again {
    Pairs() {
      super(1);
    }

    @Override
    public boolean incrementToken() {
      if (next >= forms.size()) {
        return false;
      }
      int at = next * 4;
      increment.setPositionIncrement(1);
      length.setPositionLength(1);
      offset.setOffset(positions[at - 2], positions[at + 3]);
      term.setEmpty().append(forms.get(next - 1)[1]).append(' ').append(forms.get(next)[1]);
      next++;
      return true;
    }
  }

  /** The tokens again, each with one of its forms as its term. */
  private final class Replay extends Again {
    private final int form;

    Replay(int form) {
      super(0);
      this.form = form;
    }

    @Override
    public boolean incrementToken() {
      if (next >= forms.size()) {
        return false;
      }
      int at = next * 4;
      increment.setPositionIncrement(positions[at]);
      length.setPositionLength(positions[at + 1]);
      offset.setOffset(positions[at + 2], positions[at + 3]);
      term.setEmpty().append(forms.get(next)[form]);
      next++;
      return true;
    }
  }
}
