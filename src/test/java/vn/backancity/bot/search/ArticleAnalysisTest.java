package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.junit.jupiter.api.Test;

/**
 * An article's text is analyzed once and replayed for its three fields: each replay must give term
 * for term, position for position, what the field's own analyzer gives.
 */
class ArticleAnalysisTest {
  private static final List<String> TRICKY =
      List.of(
          "",
          "   ",
          "TP.HCM và H.Chợ Đồn: KT-XH năm 2020 đến 2025 tăng 5,5 phần trăm; 1234/QĐ-UBND",
          "ngày 09/3/2024, từ 2020-2025, hơn 1.200 tỷ đồng, 50% kế hoạch, hai mươi lăm người",
          Normalizer.normalize("Hòa Bình, thuỷ điện, Bắc Kạn (NFD)", Normalizer.Form.NFD),
          "Một. Hai! Ba?\n\nBốn, năm 09 tháng 007");

  @Test
  void eachFieldOfOneAnalysisHasTheTermsAndPositionsOfItsAnalyzer() throws IOException {
    List<String> texts = new ArrayList<>(TRICKY);
    try (Stream<Path> seeds = Files.list(Path.of("data/articles"))) {
      for (Path seed : seeds.sorted().toList()) {
        texts.add(Files.readString(seed));
      }
    }
    assertThat(texts).hasSizeGreaterThan(TRICKY.size());
    AnalyzedText.Forms memory = new AnalyzedText.Forms(50);
    for (String text : texts) {
      AnalyzedText once = AnalyzedText.of(text, memory);
      for (WordForm form : WordForm.values()) {
        assertThat(tokens(once.words(form)))
            .as(form + " words of: " + text)
            .isEqualTo(tokens(new VietnameseAnalyzer(form, false).tokenStream("f", text)));
      }
      assertThat(tokens(once.foldedPairs()))
          .as("folded pairs of: " + text)
          .isEqualTo(tokens(new VietnameseAnalyzer(WordForm.FOLDED, true).tokenStream("f", text)));
    }
  }

  @Test
  void aReplayCanBeReadAgainAfterItWasClosed() throws IOException {
    AnalyzedText once = AnalyzedText.of("Khánh thành cầu Bắc Kạn", new AnalyzedText.Forms(10));
    List<String> first = tokens(once.foldedPairs());
    assertThat(first).startsWith("khanh thanh 1/1 0-11", "thanh cau 1/1 6-15", "cau bac 1/1 12-19");
    assertThat(tokens(once.foldedPairs())).isEqualTo(first);
  }

  /** Term, position increment and length of every token, then the end's offset and increment. */
  private static List<String> tokens(TokenStream stream) throws IOException {
    List<String> out = new ArrayList<>();
    try (stream) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(
            term
                + " "
                + increment.getPositionIncrement()
                + "/"
                + length.getPositionLength()
                + " "
                + offset.startOffset()
                + "-"
                + offset.endOffset());
      }
      stream.end();
      out.add("end " + offset.endOffset() + " " + increment.getPositionIncrement());
    }
    return out;
  }
}
