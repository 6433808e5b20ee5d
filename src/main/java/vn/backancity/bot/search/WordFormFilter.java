package vn.backancity.bot.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Rewrites each token to the {@link WordForm} a field indexes: canonical tone placement or fully
 * folded. Digit-only tokens lose leading zeros ("09 tháng" meets "9 tháng").
 */
final class WordFormFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final WordForm form;

  WordFormFilter(TokenStream input, WordForm form) {
    super(input);
    this.form = form;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    String rewritten = form.apply(term.toString());
    term.setEmpty().append(rewritten);
    return true;
  }
}
