package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.App;

class PlaceNamesTest {
  final PlaceNames names =
      PlaceNames.parse(
          "# comment\n\nHòa Bình\nPhùng Chí Kiên\nCần Thơ\nHà Nội\nphường Xuất Hóa\nHuế\n");
  final QuestionAnalyzer analyzer =
      new QuestionAnalyzer(Abbreviations.none(), List.of(), Synonyms.none(), names);

  List<List<String>> namesIn(String question) {
    return analyzer.analyze(question).names().stream().map(QueryTerms.Name::folded).toList();
  }

  @Test
  void aQuestionNamesAPlaceWithItsDiacriticsOrWithNone() {
    assertThat(names.size()).as("one-word names are left out").isEqualTo(5);
    assertThat(namesIn("Hoà Bình có bao nhiêu đảng viên")).containsExactly(List.of("hoa", "binh"));
    assertThat(namesIn("hoa binh co bao nhieu dang vien")).containsExactly(List.of("hoa", "binh"));
    assertThat(namesIn("phường Phùng Chí Kiên ở đâu"))
        .containsExactly(List.of("phung", "chi", "kien"));
    // Typed with diacritics, other words with the same letters are not the name.
    assertThat(namesIn("hóa bình xét thi đua")).isEmpty();
    assertThat(namesIn("bình xét đảng viên")).isEmpty();
  }

  @Test
  void aNamesWordsAreContentEvenWhenOneIsAQuestionWord() {
    // "cần" and, typed without diacritics, "ha" are question words ("cần", "hả") elsewhere.
    assertThat(analyzer.analyze("Cần Thơ có bao nhiêu quận").words())
        .extracting(QueryTerms.Word::folded)
        .containsExactly("can", "tho", "quan");
    assertThat(analyzer.analyze("ha noi co bao nhieu quan").words())
        .extracting(QueryTerms.Word::folded)
        .containsExactly("ha", "noi", "quan");
    assertThat(analyzer.analyze("cần làm gì").words())
        .extracting(QueryTerms.Word::folded)
        .containsExactly("lam");
  }

  @Test
  void aNameThatIsAlsoACommonPhraseNeedsItsKind() {
    assertThat(namesIn("cách xuất hóa đơn điện tử")).isEmpty();
    assertThat(namesIn("phường Xuất Hóa có bao nhiêu hộ")).containsExactly(List.of("xuat", "hoa"));
    assertThat(namesIn("phuong xuat hoa co bao nhieu ho")).containsExactly(List.of("xuat", "hoa"));
  }

  @Test
  void aWordTheQuestionAlsoHasOutsideTheNameCountsByItself() {
    assertThat(namesIn("Hòa Bình có bình xét thi đua không")).isEmpty();
  }

  @Test
  void theBundledListHasEveryProvinceOfTheCountry() {
    PlaceNames bundled = App.placeNames(Path.of("config/abbreviations.tsv"));
    QuestionAnalyzer withBundled =
        new QuestionAnalyzer(Abbreviations.none(), List.of(), Synonyms.none(), bundled);
    // 1 country, 64 lines for the 63 provinces (Bà Rịa and Vũng Tàu apart), 7 districts (Chợ Mới
    // twice, by kind), 8 wards and communes (Xuất Hóa twice).
    assertThat(bundled.size()).isEqualTo(82);
    assertThat(withBundled.analyze("thai nguyen co bao nhieu xa").names())
        .containsExactly(new QueryTerms.Name(List.of("thai", "nguyen"), null));
    assertThat(withBundled.analyze("TP Hồ Chí Minh").names())
        .containsExactly(new QueryTerms.Name(List.of("ho", "chi", "minh"), null));
    assertThat(withBundled.analyze("chợ mới xây ở đâu").names()).isEmpty();
  }
}
