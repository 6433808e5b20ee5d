package vn.backancity.bot.search;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(analyzer.analyze("thu ngân sách 9 tháng").type()).isEqualTo(QuestionType.NUMBER);
    assertThat(analyzer.analyze("nông thôn mới").type()).isEqualTo(QuestionType.OTHER);
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
  void matchKeyIsTheSameForEveryWayOfTypingOneQuestion() {
    String key =
        QuestionAnalyzer.matchKey(analyzer.analyze("Giờ làm việc của UBND TP là mấy giờ?"));
    // Question words go whatever the accents: "bạn" and "ban" fold alike, so "ban" goes too.
    assertThat(key).isEqualTo("lam viec uy nhan dan thanh pho");
    for (String form :
        java.util.List.of(
            "gio lam viec cua ubnd tp la may gio",
            "Cho hỏi giờ làm việc ủy ban nhân dân thành phố ạ",
            // decomposed Unicode and the old tone style
            java.text.Normalizer.normalize(
                "giờ làm việc Uỷ ban nhân dân thành phố", java.text.Normalizer.Form.NFD),
            "GIỜ LÀM VIỆC UBND TP?")) {
      assertThat(QuestionAnalyzer.matchKey(analyzer.analyze(form))).as(form).isEqualTo(key);
    }
    assertThat(QuestionAnalyzer.matchKey(analyzer.analyze("giờ làm việc của HĐND")))
        .isNotEqualTo(key);
    // "nay" folds like "này", yet today is not yesterday, with or without accents.
    String today = QuestionAnalyzer.matchKey(analyzer.analyze("giá vàng hôm nay"));
    assertThat(QuestionAnalyzer.matchKey(analyzer.analyze("gia vang hom nay"))).isEqualTo(today);
    assertThat(QuestionAnalyzer.matchKey(analyzer.analyze("giá vàng hôm qua"))).isNotEqualTo(today);
    // Phone and ID numbers are not kept in a key.
    assertThat(QuestionAnalyzer.matchKey(analyzer.analyze("số 0912345678 của ai")))
        .isEqualTo("so #");
  }
}
