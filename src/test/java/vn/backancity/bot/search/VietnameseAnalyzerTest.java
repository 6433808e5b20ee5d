package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class VietnameseAnalyzerTest {
  final VietnameseAnalyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
  final VietnameseAnalyzer folded = new VietnameseAnalyzer(WordForm.FOLDED, false);
  final VietnameseAnalyzer bigrams = new VietnameseAnalyzer(WordForm.FOLDED, true);

  @Test
  void splitsDottedAbbreviationsButNotNumbers() {
    assertThat(folded.terms("TP.HCM và H.Chợ Đồn có 4.600 đảng viên"))
        .containsExactly("tp", "hcm", "va", "h", "cho", "don", "co", "4600", "dang", "vien");
  }

  @Test
  void hyphenatedAbbreviationsBecomeParts() {
    assertThat(folded.terms("KT-XH và 1234/QĐ-UBND"))
        .containsExactly("kt", "xh", "va", "1234", "qd", "ubnd");
  }

  @Test
  void leadingZerosAreDropped() {
    assertThat(canonical.terms("09 tháng, 05 kỳ họp, năm 2021"))
        .containsExactly("9", "tháng", "5", "kỳ", "họp", "năm", "2021");
  }

  @Test
  void decomposedTextAndOtherToneStyleGiveTheSameTerms() {
    String nfd = Normalizer.normalize("Hoà bình, thuỷ lợi", Normalizer.Form.NFD);
    assertThat(canonical.terms(nfd)).isEqualTo(canonical.terms("Hòa bình, thủy lợi"));
  }

  @Test
  void bigramsAreFoldedTwoSyllableShingles() {
    assertThat(bigrams.terms("Thành phố Bắc Kạn"))
        .containsExactly("thanh pho", "pho bac", "bac kan");
  }
}
