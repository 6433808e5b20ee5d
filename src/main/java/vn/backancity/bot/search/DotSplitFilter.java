package vn.backancity.bot.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits tokens that StandardTokenizer keeps whole around a dot between letters: "TP.HCM" → "TP",
 * "HCM"; "H.Chợ" → "H", "Chợ". Numbers such as "4.600" are left alone.
 */
final class DotSplitFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute position =
      addAttribute(PositionIncrementAttribute.class);
  private final Deque<int[]> pending = new ArrayDeque<>(); // [start, end] within `buffered`
  private String buffered;
  private int bufferedStartOffset;

  DotSplitFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!pending.isEmpty()) {
      int[] part = pending.poll();
      term.setEmpty().append(buffered, part[0], part[1]);
      offset.setOffset(bufferedStartOffset + part[0], bufferedStartOffset + part[1]);
      position.setPositionIncrement(1);
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    if (!hasLetterDot(term)) {
      return true;
    }
    buffered = term.toString();
    bufferedStartOffset = offset.startOffset();
    int start = 0;
    for (int i = 0; i <= buffered.length(); i++) {
      if (i == buffered.length() || buffered.charAt(i) == '.') {
        if (i > start) {
          pending.add(new int[] {start, i});
        }
        start = i + 1;
      }
    }
    int[] first = pending.poll();
    term.setEmpty().append(buffered, first[0], first[1]);
    offset.setOffset(bufferedStartOffset + first[0], bufferedStartOffset + first[1]);
    return true;
  }

  private static boolean hasLetterDot(CharTermAttribute term) {
    char[] b = term.buffer();
    for (int i = 1; i < term.length() - 1; i++) {
      if (b[i] == '.' && Character.isLetter(b[i - 1]) && Character.isLetter(b[i + 1])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
    buffered = null;
  }
}
