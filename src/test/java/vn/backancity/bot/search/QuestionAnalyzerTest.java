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
}
