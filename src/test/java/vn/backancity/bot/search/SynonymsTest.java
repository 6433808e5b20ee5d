package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editable tables of issue 13: synonyms and renamed places, and how questions use them. */
class SynonymsTest {
  static final Synonyms TABLE =
      Synonyms.parse(
          "# comment\n"
              + "tiêm chủng\ttiêm vắc xin\ttiêm phòng\n"
              + "\n"
              + "ốm\tbệnh\n"
              + "lương\tthu nhập\n");

  static List<String> alternates(Synonyms synonyms, String question) {
    return new QuestionAnalyzer(Abbreviations.none(), List.of("Bắc Kạn"), synonyms)
        .analyze(question)
        .alternates();
  }

  @Test
  void aQuestionWithOnePhraseAlsoSearchesTheOthers() {
    assertThat(alternates(TABLE, "Lịch tiêm vắc xin cho trẻ"))
        .contains("tiem chung", "tiem phong")
        .doesNotContain("vac xin");
    assertThat(alternates(TABLE, "tiêm chủng ở đâu")).contains("tiem vac", "vac xin");
    assertThat(alternates(TABLE, "lương giáo viên")).contains("thu nhap");
    assertThat(alternates(TABLE, "thu nhập bình quân")).contains("luong");
  }

  @Test
  void aQuestionTypedWithoutDiacriticsMatchesToo() {
    assertThat(alternates(TABLE, "lich tiem vac xin cho tre")).contains("tiem chung");
    assertThat(alternates(TABLE, "bi om phai lam gi")).contains("benh");
  }

  @Test
  void withDiacriticsAPhraseMatchesOnlyItsOwnWord() {
    assertThat(alternates(TABLE, "bị ốm nghỉ làm")).contains("benh");
    assertThat(alternates(TABLE, "ôm con đi khám")).doesNotContain("benh");
    assertThat(alternates(Synonyms.none(), "Lịch tiêm vắc xin cho trẻ"))
        .doesNotContain("tiem chung");
  }

  @Test
  void malformedLinesAreNamed() {
    assertThatThrownBy(() -> Synonyms.parse("tiêm chủng\ttiêm vắc xin\nchỉ một cụm\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> RenamedPlaces.parse("xã A\tphường A\txã\t1/7/2025\tNQ 1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("yyyy-MM-dd");
    assertThatThrownBy(() -> RenamedPlaces.parse("xã A\tphường A\txã\t2025-07-01\n"))
        .hasMessageContaining("line 1");
  }

  @Test
  void theShippedTablesParse() throws Exception {
    Synonyms synonyms = Synonyms.parse(Files.readAllBytes(Path.of("config/synonyms.tsv")));
    assertThat(synonyms.size()).isBetween(30, 70);
    RenamedPlaces places =
        RenamedPlaces.parse(Files.readAllBytes(Path.of("config/renamed-places.tsv")));
    assertThat(places.changes())
        .allSatisfy(c -> assertThat(c.source()).isNotBlank())
        .anySatisfy(
            c -> {
              assertThat(c.oldName()).isEqualTo("tỉnh Bắc Kạn");
              assertThat(c.newName()).isEqualTo("tỉnh Thái Nguyên");
              assertThat(c.effective()).isEqualTo(LocalDate.of(2025, 7, 1));
            })
        .anySatisfy(
            c -> {
              assertThat(c.oldName()).isEqualTo("thành phố Bắc Kạn");
              assertThat(c.newName()).as("ceased, no successor of that name").isNull();
            });
    assertThat(alternates(synonyms, "tiem vac xin cho tre o dau")).contains("tiem chung");
    assertThat(alternates(synonyms, "làm giấy khai sinh")).contains("dang ky");
  }

  @Test
  void eitherNameOfARenamedPlaceFindsTheOther() {
    RenamedPlaces places =
        RenamedPlaces.parse(
            "xã Xuất Hóa\tphường Xuất Hóa\tphường\t2015-03-11\tNQ 892/NQ-UBTVQH13\n"
                + "thị xã Bắc Kạn\tthành phố Bắc Kạn\tthành phố\t2015-03-11\tNQ 892\n"
                + "thành phố Bắc Kạn\t-\tthành phố\t2025-07-01\tNQ 202/2025/QH15\n");
    Synonyms expansion = places.asSynonyms(List.of("Bắc Kạn"));
    assertThat(expansion.groups())
        .as("the home place's own renaming is context, not topic: not expanded")
        .containsExactly(List.of("xã Xuất Hóa", "phường Xuất Hóa"));
    assertThat(alternates(expansion, "xã Xuất Hóa làm đường")).contains("phuong xuat");
    assertThat(alternates(expansion, "phuong xuat hoa")).contains("xa xuat");
    assertThat(alternates(expansion, "thành phố Bắc Kạn có mấy phường")).isEmpty();
  }
}
