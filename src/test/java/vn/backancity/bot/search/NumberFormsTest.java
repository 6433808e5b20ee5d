package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each written form of a figure, range or date gives the same terms as the others. */
class NumberFormsTest {
  final VietnameseAnalyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
  final VietnameseAnalyzer folded = new VietnameseAnalyzer(WordForm.FOLDED, false);
  final VietnameseAnalyzer bigrams = new VietnameseAnalyzer(WordForm.FOLDED, true);

  private void alike(String... forms) {
    List<String> first = canonical.terms(forms[0]);
    List<String> firstPairs = bigrams.terms(forms[0]);
    for (String form : forms) {
      assertThat(canonical.terms(form)).as(form + " vs " + forms[0]).isEqualTo(first);
      assertThat(bigrams.terms(form)).as(form + " vs " + forms[0]).isEqualTo(firstPairs);
    }
  }

  @Test
  void aPlainFigureIsReadAndEverythingElseTurnedAwayBeforeThePattern() {
    assertThat(NumberForms.plain("4.600")).isEqualTo("4600");
    assertThat(NumberForms.plain("2020")).isEqualTo("2020");
    assertThat(NumberForms.plain("0,5")).isEqualTo("0,5");
    assertThat(NumberForms.plain("99,273")).isEqualTo("99,273"); // a decimal comma
    assertThat(NumberForms.plain("9")).isEqualTo("9");
    // Words, digits of other scripts (the pattern's \\d is ASCII), and figures glued to letters.
    for (String no : List.of("", "người", "Mot", "covid19", "10h30", "\u0663\u0664", ".5", "x1")) {
      assertThat(NumberForms.plain(no)).as(no).isNull();
    }
  }

  @Test
  void onlyFiguresNumberWordsAndDayOrMonthMayStartANumberWhateverTheirCase() {
    for (String yes :
        List.of(
            "2020", "Một", "HAI", "ba", "Mot", "TRIỆU", "ty", "Ngày", "THÁNG", "thang", "ngay")) {
      assertThat(NumberForms.mayStart(yes)).as(yes).isTrue();
    }
    for (String no : List.of("người", "Bắc", "Kạn", "tháng9", "ngayy", "thành", "nămm", "UBND")) {
      assertThat(NumberForms.mayStart(no)).as(no).isFalse();
    }
  }

  @Test
  void malformedFiguresAndRunsOfMultipliersAreWordsNotErrors() {
    // A section number before "triệu" once threw NumberFormatException: a public 500, and an
    // article that said it could not be indexed.
    assertThat(canonical.terms("mục 1.2.3 triệu đồng")).contains("1.2.3", "triệu");
    assertThat(canonical.terms("1.200.00 tỷ")).isNotEmpty();
    assertThat(canonical.terms("1,2,3 nghìn người")).isNotEmpty();
    String many = "1" + " tỷ".repeat(5_000);
    assertThat(canonical.terms(many)).allSatisfy(t -> assertThat(t.length()).isLessThan(100));
    assertThat(canonical.terms("4,6 nghìn")).startsWith("4600");
  }

  @Test
  void rangesInEveryWrittenForm() {
    alike(
        "giai đoạn 2020-2025",
        "giai đoạn 2020 - 2025",
        "giai đoạn 2020–2025",
        "giai đoạn 2020 – 2025",
        "giai đoạn 2020 đến 2025",
        "giai đoạn 2020 tới 2025",
        "Giai đoạn 2020 — 2025");
    assertThat(bigrams.terms("nhiệm kỳ 2020 đến 2025")).contains("2020 2025");
  }

  @Test
  void datesInEveryWrittenForm() {
    alike(
        "ngày 6/10/2021",
        "ngày 06/10/2021",
        "ngày 6 tháng 10 năm 2021",
        "ngày 06 tháng 10 năm 2021");
    alike("ngày 6/10", "ngày 6 tháng 10", "ngày 06/10", "Ngày 6 tháng 10");
    alike("tháng 10/2021", "tháng 10 năm 2021");
    assertThat(canonical.terms("ngày 6 tháng 10 năm 2021"))
        .containsExactly("ngày", "6", "10", "2021");
  }

  @Test
  void twoYearsAndTwoMonthsStayWords() {
    // "năm" and "tháng" are kept where they do not join a date.
    assertThat(canonical.terms("trong 2 năm 2020 và 2021")).contains("năm");
    assertThat(canonical.terms("6 tháng đầu năm 2021"))
        .containsExactly("6", "tháng", "đầu", "năm", "2021");
  }

  @Test
  void percentagesInEveryWrittenForm() {
    alike("giảm còn 1,2%", "giảm còn 1,2 %", "giảm còn 1,2 phần trăm", "giảm còn 1.2%");
    alike("đạt 15%", "đạt 15 phần trăm");
    // Typed without diacritics: "%" reads "phan tram", and the question stays unaccented.
    assertThat(canonical.terms("lai suat 180%"))
        .containsExactly("lai", "suat", "180", "phan", "tram");
  }

  @Test
  void separatorsTheVietnameseWay() {
    assertThat(canonical.terms("4.600 đảng viên")).containsExactly("4600", "đảng", "viên");
    assertThat(canonical.terms("99,273 tỷ")).containsExactly("99273000000", "tỷ");
    assertThat(canonical.terms("1,5 và 1.5 và 1.234.567 và 1,000,000"))
        .containsExactly("1,5", "và", "1,5", "và", "1234567", "và", "1000000");
  }

  @Test
  void multipliersMakeOneFigureAndStay() {
    assertThat(canonical.terms("4.600 người")).containsExactly("4600", "người");
    assertThat(canonical.terms("4,6 nghìn người")).containsExactly("4600", "nghìn", "người");
    assertThat(canonical.terms("4,6 ngàn người")).containsExactly("4600", "ngàn", "người");
    assertThat(canonical.terms("2.000.000 đồng")).containsExactly("2000000", "đồng");
    assertThat(canonical.terms("2 triệu đồng")).containsExactly("2000000", "triệu", "đồng");
    assertThat(canonical.terms("hai triệu đồng")).containsExactly("2000000", "triệu", "đồng");
    assertThat(canonical.terms("2.404 tỷ đồng")).first().isEqualTo("2404000000000");
    assertThat(canonical.terms("2,404 nghìn tỷ đồng")).first().isEqualTo("2404000000000");
    assertThat(folded.terms("4,6 nghin nguoi")).containsExactly("4600", "nghin", "nguoi");
  }

  @Test
  void numberWordsThatMakeACompound() {
    alike("hai mươi người", "20 người");
    alike("một trăm hộ", "100 hộ");
    alike("hai mươi lăm xã", "25 xã");
    alike("ba trăm linh năm", "305");
    alike("một trăm hai mươi mốt", "121");
    assertThat(canonical.terms("năm nghìn")).containsExactly("5000", "nghìn");
    assertThat(canonical.terms("ba trăm nghìn")).containsExactly("300000", "nghìn");
    alike("tháng mười hai", "tháng 12");
    alike("mười năm", "10 năm");
  }

  @Test
  void singleNumberWordsStayWords() {
    // "Ba Bể" is a lake, "năm" also a year, "hai năm" two years: not figures.
    assertThat(canonical.terms("hồ Ba Bể")).containsExactly("hồ", "ba", "bể");
    assertThat(canonical.terms("hai năm")).containsExactly("hai", "năm");
    assertThat(canonical.terms("Đỗ Mười")).containsExactly("đỗ", "mười");
    assertThat(canonical.terms("trăm năm")).containsExactly("trăm", "năm");
  }

  @Test
  void romanNumeralsInCapitalsAreFigures() {
    alike("đô thị loại 2", "đô thị loại II");
    alike("Quốc hội khóa 15", "Quốc hội khóa XV");
    alike("lần thứ 7", "lần thứ VII");
    alike("thế kỷ 21", "thế kỷ XXI");
    alike("đô thị loại 3", "đô thị loại III");
    alike("quý 3 năm 2023", "quý III năm 2023");
    // After a figure, whose rule reads the words after it ahead.
    alike("Trung ương 8 khóa 13", "Trung ương 8 khóa XIII");
    alike("thế kỉ 20", "thế kỉ XX");
    assertThat(canonical.terms("loại IV, hạng XXXIX")).containsExactly("loại", "4", "hạng", "39");
    // Elsewhere a numeral is part of a name; one letter, lower case, and letters that are no
    // numeral stay words.
    assertThat(canonical.terms("Super Bowl XXXIII, Block II"))
        .containsExactly("super", "bowl", "xxxiii", "block", "ii");
    assertThat(canonical.terms("tia X khóa X")).containsExactly("tia", "x", "khoá", "x");
    assertThat(canonical.terms("loại vi, loại mix, loại IIII, loại VX, loại XXXX"))
        .containsExactly("loại", "vi", "loại", "mix", "loại", "iiii", "loại", "vx", "loại", "xxxx");
    for (String no : List.of("I", "V", "X", "IIII", "VV", "IXI", "XXXX", "XL", "Vi", "iv")) {
      assertThat(NumberForms.roman(no)).as(no).isEqualTo(-1);
    }
  }

  @Test
  void otherTokensWithDigitsAreLeftAlone() {
    assertThat(canonical.terms("10h30 Covid-19 46/57"))
        .containsExactly("10h30", "covid", "19", "46", "57");
  }

  /** The folded terms (with and without word pairs) of each form equal those of the first. */
  private void foldedAlike(String... forms) {
    for (String form : forms) {
      assertThat(folded.terms(form)).as(form + " vs " + forms[0]).isEqualTo(folded.terms(forms[0]));
      assertThat(bigrams.terms(form))
          .as(form + " vs " + forms[0])
          .isEqualTo(bigrams.terms(forms[0]));
    }
  }

  @Test
  void numberWordsTypedWithoutAccentsBesideAnotherNumberWord() {
    foldedAlike("hai muoi nguoi", "hai mươi người", "20 người");
    foldedAlike("mot tram ho", "một trăm hộ", "100 hộ");
    foldedAlike("muoi lam xa", "mười lăm xã", "15 xã");
    foldedAlike("hai muoi lam xa", "hai mươi lăm xã", "25 xã");
    foldedAlike("hai muoi tu", "hai mươi tư", "24");
    foldedAlike("bon tram nam muoi dang vien", "bốn trăm năm mươi đảng viên", "450 đảng viên");
    foldedAlike("ba tram linh nam", "ba trăm linh năm", "305");
    foldedAlike("mot tram le bay", "một trăm lẻ bảy", "107");
    foldedAlike("ba nghin nguoi", "ba nghìn người");
    foldedAlike("bon nghin sau tram dang vien", "bốn nghìn sáu trăm đảng viên", "4.600 đảng viên");
    foldedAlike("4,6 nghin nguoi", "4,6 nghìn người");
    foldedAlike("4,6 ngan nguoi", "4,6 ngàn người");
    foldedAlike("thang muoi", "tháng mười", "tháng 10");
    foldedAlike("thang muoi hai", "tháng mười hai", "tháng 12");
    foldedAlike("muoi nam", "mười năm", "10 năm");
    foldedAlike("chin muoi chin", "chín mươi chín", "99");
    assertThat(folded.terms("ba nghin nguoi")).containsExactly("3000", "nghin", "nguoi");
  }

  @Test
  void aCompoundOfSeveralMultipliersIsOneFigure() {
    // "ba nghìn bảy trăm tỷ" is 3.700 tỷ, not 3.000 + 700 tỷ.
    alike("ba nghìn bảy trăm tỷ đồng", "3.700 tỷ đồng");
    assertThat(canonical.terms("hai triệu ba trăm nghìn")).containsExactly("2300000", "nghìn");
    foldedAlike("ba nghin bay tram ty dong", "ba nghìn bảy trăm tỷ đồng", "3.700 tỷ đồng");
  }

  @Test
  void unaccentedWordsThatAreAlsoOtherWordsStayWordsAlone() {
    // "muoi" may be "muối" (salt), "tram" "trạm" (station), "nam" "Nam" (south) or "năm" (year),
    // "ty" "tý", "sau" "sau" (after): without a number word or a figure beside them, words.
    assertThat(folded.terms("muoi")).containsExactly("muoi");
    assertThat(folded.terms("mua muoi o dau")).containsExactly("mua", "muoi", "o", "dau");
    assertThat(folded.terms("tram y te phuong")).containsExactly("tram", "y", "te", "phuong");
    assertThat(folded.terms("phuong nam")).containsExactly("phuong", "nam");
    assertThat(folded.terms("nam 2021 co gi")).containsExactly("nam", "2021", "co", "gi");
    assertThat(folded.terms("hai nam")).containsExactly("hai", "nam");
    assertThat(folded.terms("sau do ty gia")).containsExactly("sau", "do", "ty", "gia");
    assertThat(folded.terms("ngay mot")).containsExactly("ngay", "mot");
    assertThat(folded.terms("mot ti thoi")).containsExactly("mot", "ti", "thoi");
    // In accented text an unaccented word beside a number word is another word.
    assertThat(canonical.terms("Việt Nam nghìn năm văn hiến"))
        .containsExactly("việt", "nam", "nghìn", "năm", "văn", "hiến");
    assertThat(canonical.terms("sau mười năm")).containsExactly("sau", "10", "năm");
    assertThat(canonical.terms("Nam trăm")).containsExactly("nam", "trăm");
  }
}
