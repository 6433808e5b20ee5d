package vn.backancity.bot.search;

import java.io.IOException;
import org.apache.lucene.analysis.CharArrayMap;
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
  // Token text to its form: a news archive uses a few thousand syllables over and over, so most
  // tokens are rewritten by one lookup instead of the tone and folding arithmetic (a filter is
  // used by one thread at a time; cleared when it grows past the bound; none when the bound is 0).
  private final CharArrayMap<String> seen;
  private final int maxSeen;

  WordFormFilter(TokenStream input, WordForm form, int maxSeen) {
    super(input);
    this.form = form;
    this.maxSeen = maxSeen;
    this.seen = maxSeen > 0 ? new CharArrayMap<>(1024, false) : null;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (seen == null) {
      String rewritten = form.apply(term.toString());
      term.setEmpty().append(rewritten);
      return true;
    }
    String rewritten = seen.get(term.buffer(), 0, term.length());
    if (rewritten == null) {
      String token = term.toString();
      rewritten = form.apply(token);
      if (seen.size() >= maxSeen) {
        seen.clear();
      }
      seen.put(token, rewritten);
    }
    term.setEmpty().append(rewritten);
    return true;
  }
}
