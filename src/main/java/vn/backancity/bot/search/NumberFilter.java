package vn.backancity.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Writes figures, ranges, dates and number words in one form ({@link NumberForms}), at index and
 * query time alike. Tokens it merges or drops leave no gap: "2020 đến 2025" gives the two-word term
 * "2020 2025" like "2020-2025" does.
 */
final class NumberFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final NumberForms forms;
  // Tokens read ahead (only after a figure or a number word), with their texts.
  private final List<State> states = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private boolean exhausted;

  NumberFilter(TokenStream input) {
    this(input, true);
  }

  /** See {@link NumberForms#NumberForms(boolean)}. */
  NumberFilter(TokenStream input, boolean readUnaccented) {
    super(input);
    this.forms = new NumberForms(readUnaccented);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (states.isEmpty()) {
      if (exhausted || !input.incrementToken()) {
        return false;
      }
      if (!NumberForms.mayStart(term)) {
        forms.other(term); // most tokens: no copy of their state, no read-ahead
        return true;
      }
      states.add(captureState());
      texts.add(term.toString());
    }
    NumberForms.Step step = forms.step(i -> fill(i + 1) ? texts.get(i) : null);
    restoreState(states.get(0));
    if (step.term() != null) {
      int start = offset.startOffset();
      restoreState(states.get(step.consumed() - 1));
      int end = offset.endOffset();
      restoreState(states.get(0));
      term.setEmpty().append(step.term());
      offset.setOffset(start, end);
    }
    int drop = step.consumed() + (step.skipNext() && fill(step.consumed() + 1) ? 1 : 0);
    states.subList(0, drop).clear();
    texts.subList(0, drop).clear();
    return true;
  }

  /** Reads ahead until {@code n} tokens are buffered; false at the end of the stream. */
  private boolean fill(int n) {
    try {
      while (states.size() < n) {
        if (exhausted || !input.incrementToken()) {
          exhausted = true;
          return false;
        }
        states.add(captureState());
        texts.add(term.toString());
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    states.clear();
    texts.clear();
    exhausted = false;
    forms.reset();
  }
}
