package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseTextTest {

  @ParameterizedTest
  @CsvSource({
    "hoà, hòa",
    "thuỷ, thủy",
    "Uỷ, Ủy",
    "khoẻ, khỏe",
    "hoá, hóa",
    "quý, quý",
    "giá, giá",
    "người, người",
    "Huỳnh, huỳnh",
    "ngoài, ngoài",
    "tuỳ, tùy"
  })
  void bothToneStylesGiveOneCanonicalWord(String oldStyle, String newStyle) {
    assertThat(VietnameseText.canonicalWord(oldStyle))
        .isEqualTo(VietnameseText.canonicalWord(newStyle));
  }

  @Test
  void canonicalWordKeepsDistinctWordsApart() {
    assertThat(VietnameseText.canonicalWord("mai"))
        .isNotEqualTo(VietnameseText.canonicalWord("mại"));
    assertThat(VietnameseText.canonicalWord("hòa")).isEqualTo("hoà");
    assertThat(VietnameseText.canonicalWord("QUÝ")).isEqualTo("quý");
  }

  @Test
  void foldingRemovesEveryDiacriticAndMapsDToD() {
    assertThat(VietnameseText.fold("Bắc Kạn")).isEqualTo("bac kan");
    assertThat(VietnameseText.fold("HĐND Đức Xuân")).isEqualTo("hdnd duc xuan");
    assertThat(VietnameseText.fold("Nà Tẳng, Phùng Chí Kiên")).isEqualTo("na tang, phung chi kien");
  }

  @Test
  void decomposedInputNormalizesToTheSameWords() {
    String nfd = Normalizer.normalize("Bắc Kạn hoà bình", Normalizer.Form.NFD);
    assertThat(nfd).isNotEqualTo("Bắc Kạn hoà bình");

    String nfc = VietnameseText.nfc(nfd);

    assertThat(nfc).isEqualTo("Bắc Kạn hoà bình");
    assertThat(VietnameseText.fold(nfd)).isEqualTo("bac kan hoa binh");
  }

  @Test
  void knowsWhenAWordCarriesDiacritics() {
    assertThat(VietnameseText.hasDiacritics("bắc")).isTrue();
    assertThat(VietnameseText.hasDiacritics("đi")).isTrue();
    assertThat(VietnameseText.hasDiacritics("bac")).isFalse();
    assertThat(VietnameseText.hasDiacritics("UBND")).isFalse();
  }
}
