package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.App;

class PlaceNamesTest {
  final PlaceNames names = PlaceNames.parse("# comment\n\nHòa Bình\nPhùng Chí Kiên\nHuế\n");
  final QuestionAnalyzer analyzer =
      new QuestionAnalyzer(Abbreviations.none(), List.of(), Synonyms.none(), names);

  @Test
  void aQuestionNamesAPlaceWithItsDiacriticsOrWithNone() {
    assertThat(names.size()).as("one-word names are left out").isEqualTo(2);
    assertThat(analyzer.analyze("Hoà Bình có bao nhiêu đảng viên").namePairs())
        .containsExactly("hoa binh");
    assertThat(analyzer.analyze("hoa binh co bao nhieu dang vien").namePairs())
        .containsExactly("hoa binh");
    assertThat(analyzer.analyze("phường Phùng Chí Kiên ở đâu").namePairs())
        .containsExactlyInAnyOrder("phung chi", "chi kien");
    // Typed with diacritics, other words with the same letters are not the name.
    assertThat(analyzer.analyze("hóa bình xét thi đua").namePairs()).isEmpty();
    assertThat(analyzer.analyze("bình xét đảng viên").namePairs()).isEmpty();
  }

  @Test
  void theBundledListHasEveryProvinceOfTheCountry() {
    PlaceNames bundled = App.placeNames(java.nio.file.Path.of("config/abbreviations.tsv"));
    QuestionAnalyzer withBundled =
        new QuestionAnalyzer(Abbreviations.none(), List.of(), Synonyms.none(), bundled);
    assertThat(bundled.size()).isEqualTo(80);
    assertThat(withBundled.analyze("thai nguyen co bao nhieu xa").namePairs())
        .containsExactly("thai nguyen");
    assertThat(withBundled.analyze("TP Hồ Chí Minh").namePairs())
        .containsExactlyInAnyOrder("ho chi", "chi minh");
  }
}
