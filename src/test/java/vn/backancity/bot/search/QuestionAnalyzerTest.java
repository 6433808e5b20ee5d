package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuestionAnalyzerTest {
  final QuestionAnalyzer analyzer =
      new QuestionAnalyzer(
          Abbreviations.parse(
              "# test\nUBND\tỦy ban nhân dân\nTP\tthành phố\nKT-XH\tkinh tế - xã hội\nNTM\tnông thôn mới\n"));

  @Test
  void abbreviationIsExpandedAndKeptAsAlternate() {
    QueryTerms terms = analyzer.analyze("UBND tp Bắc Kạn");

    assertThat(terms.words())
        .extracting(QueryTerms.Word::folded)
        .containsSubsequence("uy", "ban", "nhan", "dan", "thanh", "pho", "bac", "kan");
    assertThat(terms.alternates()).contains("ubnd", "tp");
  }

  @Test
  void anExpandedLongFormIsANameWhoseWordsAreContent() {
    QueryTerms terms =
        new QuestionAnalyzer(Abbreviations.parse("HĐND\tHội đồng nhân dân\n"))
            .analyze("hdnd hop may ky");
    // "hoi" alone is "hỏi" (a question word); in the long form it is "hội".
    assertThat(terms.words())
        .extracting(QueryTerms.Word::folded)
        .containsSubsequence("hoi", "dong", "nhan", "dan");
    assertThat(terms.names())
        .containsExactly(
            new QueryTerms.Name(java.util.List.of("hoi", "dong", "nhan", "dan"), "hdnd"));
    // A long form word the question also has by itself counts by itself.
    assertThat(analyzer.analyze("ubnd và nhân dân").names()).isEmpty();
  }

  @Test
  void longFormBringsItsAbbreviation() {
    assertThat(analyzer.analyze("xây dựng nông thôn mới").alternates()).contains("ntm");
  }

  @Test
  void multiTokenAbbreviationExpands() {
    assertThat(analyzer.analyze("phát triển KT-XH").words())
        .extracting(QueryTerms.Word::folded)
        .contains("kinh", "te", "xa", "hoi");
  }

  @Test
  void questionWordsAreNotContentWords() {
    QueryTerms terms = analyzer.analyze("Đảng bộ có bao nhiêu đảng viên?");

    assertThat(terms.words())
        .extracting(QueryTerms.Word::canonical)
        .containsExactly("đảng", "bộ", "viên");
    assertThat(terms.type()).isEqualTo(QuestionType.NUMBER);
  }

  @Test
  void withoutDiacriticsWordsAreMatchedFolded() {
    QueryTerms terms = analyzer.analyze("co so dang");

    assertThat(terms.words()).allMatch(w -> !w.exact());
    assertThat(terms.bigrams()).contains("co so");
  }

  @Test
  void questionTypesAreRead() {
    assertThat(analyzer.analyze("ai chu tri hoi nghi").type()).isEqualTo(QuestionType.PERSON);
    assertThat(analyzer.analyze("Thị xã được công nhận năm nào?").type())
        .isEqualTo(QuestionType.DATE);
    assertThat(analyzer.analyze("Khu di tích Nà Pậu ở đâu?").type()).isEqualTo(QuestionType.PLACE);
    // A count asked ("bao nhiêu", "mấy") wants a figure in the answer; a quantity named, or
    // "may" without diacritics (also "máy bay"), only makes one likely.
    assertThat(analyzer.analyze("thu ngân sách 9 tháng").type()).isEqualTo(QuestionType.QUANTITY);
    assertThat(analyzer.analyze("co bao nhieu dang vien").type()).isEqualTo(QuestionType.NUMBER);
    assertThat(analyzer.analyze("HĐND họp mấy kỳ").type()).isEqualTo(QuestionType.NUMBER);
    assertThat(analyzer.analyze("may bay roi o dau").type()).isEqualTo(QuestionType.PLACE);
    assertThat(analyzer.analyze("hdnd hop may ky").type()).isEqualTo(QuestionType.QUANTITY);
    assertThat(analyzer.analyze("Máy bay hạ cánh an toàn").type()).isEqualTo(QuestionType.OTHER);
    // Which one, not how many: the answer may be a rank ("đô thị loại III", "khóa XV").
    assertThat(analyzer.analyze("Bắc Kạn là đô thị loại mấy?").type())
        .isEqualTo(QuestionType.QUANTITY);
    assertThat(analyzer.analyze("Đại hội Đảng bộ lần thứ mấy").type())
        .isEqualTo(QuestionType.QUANTITY);
    assertThat(analyzer.analyze("đại biểu khóa bao nhiêu").type()).isEqualTo(QuestionType.QUANTITY);
    assertThat(analyzer.analyze("Chương trình không mấy hiệu quả").type())
        .isEqualTo(QuestionType.OTHER);
    // A person named by what they do: "cầu thủ nào", "ca sĩ nào", "nghệ sĩ nào" ask for a name.
    assertThat(analyzer.analyze("Cầu thủ nào ghi bàn thắng quyết định?").type())
        .isEqualTo(QuestionType.PERSON);
    assertThat(analyzer.analyze("ca si nao hat quoc ca").type()).isEqualTo(QuestionType.PERSON);
    assertThat(analyzer.analyze("Nữ diễn viên nào đóng vai chính?").type())
        .isEqualTo(QuestionType.PERSON);
    assertThat(analyzer.analyze("nông thôn mới").type()).isEqualTo(QuestionType.OTHER);
    assertThat(analyzer.analyze("Vị nào chủ trì hội nghị?").type()).isEqualTo(QuestionType.PERSON);
    assertThat(analyzer.analyze("Ví nào dùng để thanh toán điện tử?").type())
        .as("a wallet, not a person")
        .isEqualTo(QuestionType.OTHER);
  }

  @Test
  void cacheKeyKeepsDiacriticsButNotToneStyleOrCase() {
    assertThat(analyzer.analyze("Bắc Kạn").key()).isNotEqualTo(analyzer.analyze("bac kan").key());
    assertThat(analyzer.analyze("Hoà bình?").key()).isEqualTo(analyzer.analyze("hòa  BÌNH").key());
  }

  @Test
  void emptyAndPunctuationOnlyQuestionsHaveNoWords() {
    assertThat(analyzer.analyze("").isEmpty()).isTrue();
    assertThat(analyzer.analyze(" ?!... ").isEmpty()).isTrue();
  }

  @Test
  void matchKeysAreTheSameForEveryWayOfTypingOneQuestion() {
    String asked = "Giờ làm việc của UBND TP là mấy giờ?";
    String exact = analyzer.matchKey(asked);
    String folded = analyzer.foldedKey(asked);
    assertThat(exact).isEqualTo("lam viec uy ban nhan dan thanh pho");
    // Without accents "ban" may be "bạn" (a question word) and goes, as search drops it.
    assertThat(folded).isEqualTo("lam viec uy nhan dan thanh pho");
    for (String accented :
        java.util.List.of(
            "Cho hỏi giờ làm việc ủy ban nhân dân thành phố ạ",
            // decomposed Unicode and the old tone style
            java.text.Normalizer.normalize(
                "giờ làm việc Uỷ ban nhân dân thành phố", java.text.Normalizer.Form.NFD),
            "GIỜ LÀM VIỆC UBND TP?")) {
      assertThat(analyzer.matchKey(accented)).as(accented).isEqualTo(exact);
      assertThat(analyzer.foldedKey(accented)).as(accented).isEqualTo(folded);
    }
    assertThat(analyzer.matchKey("gio lam viec cua ubnd tp la may gio")).isEqualTo(folded);
    assertThat(analyzer.matchKey("giờ làm việc của HĐND")).isNotEqualTo(exact);
  }

  @Test
  void accentedWordsThatFoldLikeQuestionWordsStayInTheKey() {
    assertThat(analyzer.matchKey("cấp sổ đỏ ở đâu")).isEqualTo("cap so do");
    assertThat(analyzer.matchKey("cấp sổ đỏ ở đâu"))
        .isNotEqualTo(analyzer.matchKey("cấp sổ ở đâu"));
    assertThat(analyzer.matchKey("mã số thuế")).isNotEqualTo(analyzer.matchKey("số thuế"));
    assertThat(analyzer.matchKey("chợ Bắc Kạn mở cửa mấy giờ")).contains("cho").contains("cua");
    // "nay" folds like "này", yet today is not yesterday, with or without accents.
    String today = analyzer.foldedKey("giá vàng hôm nay");
    assertThat(analyzer.matchKey("gia vang hom nay"))
        .isEqualTo(today)
        .isEqualTo("gia vang hom nay");
    assertThat(analyzer.foldedKey("giá vàng hôm qua")).isNotEqualTo(today);
  }

  @Test
  void phoneAndIdNumbersAreNotKeptInAKey() {
    for (String q :
        java.util.List.of(
            "số 0912345678 của ai", "số 0912 345 678 của ai", "số 0912.345.678 của ai")) {
      assertThat(analyzer.matchKey(q)).as(q).isEqualTo("so");
      // ... while search still looks for it
      assertThat(analyzer.analyze(q).words()).extracting(QueryTerms.Word::folded).isNotEmpty();
    }
    assertThat(analyzer.foldedKey("CCCD 001 203 004 567 cấp ở đâu")).doesNotContain("567");
    assertThat(analyzer.matchKey("kế hoạch năm 2025")).contains("2025");
  }

  @Test
  void theFoldedKeyIsTheKeyOfTheQuestionTypedWithoutDiacritics() {
    for (String q :
        java.util.List.of(
            "Giờ làm việc của UBND TP là mấy giờ?",
            "cấp sổ đỏ ở đâu",
            "giá vàng hôm nay",
            "mã số thuế của HTX là gì",
            "Chợ Bắc Kạn mở cửa mấy giờ?",
            "ai là chủ tịch HĐND",
            "có không",
            "số 0912 345 678 của ai")) {
      assertThat(analyzer.foldedKey(q)).as(q).isEqualTo(analyzer.matchKey(VietnameseText.fold(q)));
    }
  }

  @Test
  void aQuestionAboutThisWeekMonthOrYearSaysHowRecentItsAnswerMustBe() {
    assertThat(analyzer.analyze("giá vàng hôm nay").now()).isEqualTo(QueryTerms.Now.DAY);
    assertThat(analyzer.analyze("lịch cắt điện tuần này").now()).isEqualTo(QueryTerms.Now.WEEK);
    assertThat(analyzer.analyze("giá điện tháng này").now()).isEqualTo(QueryTerms.Now.MONTH);
    assertThat(analyzer.analyze("gia dien thang nay").now()).isEqualTo(QueryTerms.Now.MONTH);
    assertThat(analyzer.analyze("chỉ tiêu năm nay").now()).isEqualTo(QueryTerms.Now.YEAR);
    // The narrowest phrase decides.
    assertThat(analyzer.analyze("năm nay hôm nay có mưa không").now())
        .isEqualTo(QueryTerms.Now.DAY);
    // A length of time, and words that only fold like a time phrase, are not now.
    assertThat(analyzer.analyze("10 năm nay thành phố thay đổi thế nào").now())
        .isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("mac nhieu nam nay khan gia van thay").now())
        .isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("hai năm nay thành phố làm được gì").now())
        .isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("suốt bao nhiêu năm nay cô bị bệnh").now())
        .isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("bà năm nay bao nhiêu tuổi").now()).isEqualTo(QueryTerms.Now.YEAR);
    // Typed with diacritics, only as written: "thằng này", "tuần nay" fold like the phrases.
    assertThat(analyzer.analyze("thằng này là ai").now()).isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("giá vàng tuần nay").now()).isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("Nga trong những năm tới").now()).isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("mo duong bay thang toi My").now()).isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("Lý Minh Thắng: Tôi muốn áo bà ba lên ngôi").now())
        .isEqualTo(QueryTerms.Now.NO);
    assertThat(analyzer.analyze("thu ngân sách 9 tháng năm 2021").now())
        .isEqualTo(QueryTerms.Now.NO);
    // Today's freshness is configured; the calendar phrases look back at least their length.
    Duration today = Duration.ofDays(3);
    assertThat(QueryTerms.Now.DAY.lookBack(today)).isEqualTo(today);
    assertThat(QueryTerms.Now.MONTH.lookBack(today)).isEqualTo(Duration.ofDays(31));
    assertThat(QueryTerms.Now.WEEK.lookBack(Duration.ofDays(10))).isEqualTo(Duration.ofDays(10));
  }
}
