package vn.backancity.bot.search;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis chain for Vietnamese text: NFC, Unicode word boundaries (a Vietnamese syllable is a
 * token), dotted abbreviations split, figures, dates and ranges in one form ({@link NumberForms}),
 * then one {@link WordForm}; optionally two-syllable shingles, which stand in for a word segmenter
 * (98% of running words are one or two syllables long).
 */
public final class VietnameseAnalyzer extends Analyzer {
  private final WordForm form;
  private final boolean bigrams;
  private final int rememberedForms;
  private final boolean readUnaccentedNumbers;

  public VietnameseAnalyzer(WordForm form, boolean bigrams) {
    this(form, bigrams, 0);
  }

  /**
   * An analyzer whose filters remember up to {@code rememberedForms} tokens' forms each: for the
   * index writer, which analyzes on a few threads; a filter lives per thread, and questions are
   * analyzed on every request thread, where such memory would add up.
   */
  VietnameseAnalyzer(WordForm form, boolean bigrams, int rememberedForms) {
    this(form, bigrams, rememberedForms, true);
  }

  /**
   * @param readUnaccentedNumbers whether number words typed without diacritics make numbers ("mot
   *     tram" 100); false leaves them words ("mot tram y te": a health station)
   */
  VietnameseAnalyzer(
      WordForm form, boolean bigrams, int rememberedForms, boolean readUnaccentedNumbers) {
    this.form = form;
    this.bigrams = bigrams;
    this.rememberedForms = rememberedForms;
    this.readUnaccentedNumbers = readUnaccentedNumbers;
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    // Articles are small; normalizing the whole text once is simpler than a streaming char filter.
    try {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) != -1; ) {
        text.append(buffer, 0, n);
      }
      return new StringReader(normalize(text.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text as the tokenizer reads it: NFC, percent words in one form. */
  static String normalize(String text) {
    return NumberForms.percentWords(VietnameseText.nfc(text));
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer tokenizer = new StandardTokenizer();
    TokenStream stream =
        new WordFormFilter(
            new NumberFilter(new DotSplitFilter(tokenizer), readUnaccentedNumbers),
            form,
            rememberedForms);
    if (bigrams) {
      ShingleFilter shingles = new ShingleFilter(stream, 2, 2);
      shingles.setOutputUnigrams(false);
      stream = shingles;
    }
    return new TokenStreamComponents(tokenizer, stream);
  }

  /** The terms this analyzer makes of a text, in order. */
  public List<String> terms(String text) {
    return terms(this, text);
  }

  /** The terms any analyzer makes of a text, in order. */
  public static List<String> terms(Analyzer analyzer, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }
}
