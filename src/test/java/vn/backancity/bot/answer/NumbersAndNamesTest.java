package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.Articles;
import vn.backancity.bot.testing.TestApps;

/**
 * On the real seed articles: the year asked about decides between sentences on the same thing,
 * every written form of a number finds it, and the excerpt holds the place the question names.
 */
class NumbersAndNamesTest {
  static final String NTM = "004_c117ae27e64cf347";
  @TempDir static Path data;
  static App app;

  @BeforeAll
  static void open() throws Exception {
    app = TestApps.withSeeds(data);
  }

  @AfterAll
  static void close() {
    app.close();
  }

  static Answer top(String question) {
    return app.answerer().ask(question).answers().get(0);
  }

  /** The first answer to {@code question} from an app of its own over {@code articles} only. */
  static Answer top(Path dir, List<Article> articles, String question) {
    try (App own = App.open(TestApps.settings(dir, Map.of()), Clock.systemUTC())) {
      own.publish(articles);
      return own.answerer().ask(question).answers().get(0);
    }
  }

  @Test
  void anAbbreviationIsOneThingNotItsLongFormsWordsOneByOne() {
    // Typed as citizens type: "hdnd" is hội đồng nhân dân. The sentence that answers writes
    // "HĐND thành phố đã tổ chức 05 kỳ họp"; another sentence of the same article has "Nhân dân"
    // and "xã hội", two of the long form's words, which counted as much before.
    for (String q : List.of("hdnd tp hop may ky", "ubnd tp bac kan hop hdnd ky may")) {
      assertThat(top(q).excerpt()).as(q).contains("05 kỳ họp");
    }
    Answer typed = top("HĐND thành phố tổ chức mấy kỳ họp năm 2023");
    assertThat(typed.excerpt()).contains("05 kỳ họp");
    // "BK" is how citizens write Bắc Kạn (config/abbreviations.tsv).
    assertThat(top("tp bk co bao nhieu dang vien").excerpt()).contains("4.600 đảng viên");
  }

  @Test
  void aSentenceAboutAnotherYearRanksBelowOnesThatDoNotContradictTheQuestion() {
    // Seed 004 says "Năm 2020, toàn tỉnh Bắc Kạn đã có 2 xã đạt tiêu chí nông thôn mới nâng
    // cao..." and "Năm 2021, tỉnh Bắc Kạn phấn đấu ... 2 xã đạt chuẩn nông thôn mới nâng cao ...
    // so với năm 2020": the second shares more words with the question (it was the excerpt) but
    // is about 2021.
    Answer about2020 =
        top("Năm 2020 tỉnh Bắc Kạn có bao nhiêu xã đạt chuẩn nông thôn mới nâng cao?");
    assertThat(about2020.articleId()).isEqualTo(NTM);
    assertThat(about2020.excerpt()).doesNotContain("Năm 2021");
    assertThat(
            top("Năm 2020 toàn tỉnh có bao nhiêu xã đạt tiêu chí nông thôn mới nâng cao").excerpt())
        .contains("Năm 2020, toàn tỉnh Bắc Kạn");

    Answer about2021 =
        top("Năm 2021 tỉnh Bắc Kạn có bao nhiêu xã đạt chuẩn nông thôn mới nâng cao?");
    assertThat(about2021.excerpt()).contains("Năm 2021, tỉnh Bắc Kạn phấn đấu");
  }

  @Test
  void everyWrittenFormOfARangeFindsTheSameSentence() {
    // Seed 004: "Trong giai đoạn từ 2020 - 2025, ... thành phố Bắc Kạn tập trung nâng cao..."
    for (String range : new String[] {"2020-2025", "2020 – 2025", "2020–2025", "2020 đến 2025"}) {
      Answer a = top("giai đoạn " + range + " thành phố Bắc Kạn tập trung vào gì");
      assertThat(a.excerpt()).as(range).contains("Trong giai đoạn từ 2020 - 2025");
    }
  }

  @Test
  void otherWrittenFormsOfFiguresFindTheirSentences() {
    // Seed 000: "với trên 4.600 đảng viên"; seed 004: "giảm xuống còn 1,2%".
    assertThat(top("thành phố có 4,6 nghìn đảng viên").excerpt()).contains("4.600 đảng viên");
    assertThat(top("tỷ lệ hộ nghèo giảm xuống còn 1,2 phần trăm").excerpt()).contains("1,2%");
    // Seed 001: "Ngày 06/10, Ban Thường vụ Thành ủy tổ chức hội nghị..."
    assertThat(top("ngày 6 tháng 10 Ban Thường vụ Thành ủy tổ chức hội nghị gì").excerpt())
        .contains("Ngày 06/10");
  }

  @Test
  void numberWordsTypedWithoutAccentsFindTheFigure() {
    // Seed 000: "với trên 4.600 đảng viên"; seed 004: "kết nạp 450 đảng viên", "thu ngân sách
    // đạt 200 tỷ đồng". Asked in words, with and without diacritics.
    assertThat(top("thanh pho co bon nghin sau tram dang vien").excerpt())
        .contains("4.600 đảng viên");
    assertThat(top("thành phố có bốn nghìn sáu trăm đảng viên").excerpt())
        .contains("4.600 đảng viên");
    assertThat(top("ket nap bon tram nam muoi dang vien").excerpt()).contains("450 đảng viên");
    assertThat(top("thu ngan sach dat hai tram ty dong").excerpt()).contains("200 tỷ đồng");
  }

  @Test
  void numberWordsTypedWithoutAccentsThatAlsoNameAThingAreReadBothWays(@TempDir Path other) {
    // "mot tram y te" is "một trạm y tế" (a health station), not "một trăm" (100) "y tế"; typed
    // without accents the two cannot be told apart, so the reading the articles answer better
    // wins. Seed 004 has "100% thôn đạt chuẩn NTM" and, elsewhere, "y tế".
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(
          Articles.titled(
              "ntm-" + i,
              "Xây dựng nông thôn mới ở thôn " + i,
              "Năm 2021, thôn " + i + " có 100% hộ dùng nước sạch."));
    }
    articles.add(
        Articles.titled(
            "ntm",
            "Thành phố Bắc Kạn: Tích cực đưa Nghị quyết của Đảng vào cuộc sống",
            "Đến nay 100% thôn đạt chuẩn NTM. Lĩnh vực giáo dục, y tế tiếp tục được quan tâm."));
    articles.add(
        Articles.titled(
            "tram",
            "Khánh thành công trình mới ở xã Nông Thượng",
            "Trạm y tế xã Nông Thượng được xây mới với 8 phòng khám và 12 giường bệnh."));

    assertThat(top(other, articles, "mot tram y te").articleId()).isEqualTo("tram");
    // Asked after "100 y te" (whose analysis is the first reading), it is not that question's
    // cached answer.
    try (App own =
        App.open(TestApps.settings(other.resolve("cache"), Map.of()), Clock.systemUTC())) {
      own.publish(articles);
      assertThat(own.answerer().ask("100 y te").answers().get(0).articleId()).isEqualTo("ntm");
      assertThat(own.answerer().ask("mot tram y te").answers().get(0).articleId())
          .isEqualTo("tram");
    }
  }

  @Test
  void aPlaceNameInTheQuestionIsOneThingNotItsWordsOneByOne(@TempDir Path other) {
    // The seeds name no "Hòa Bình", but seed 001 has "đảng viên" and "bình xét": it was the
    // confident answer (and, typed without accents, seed 003 with "hóa" and "đảng viên"). A name of
    // config/place-names.txt counts where an article writes it, not word by word.
    for (String q : List.of("hoà bình có bao nhiêu đảng viên", "hoa binh co bao nhieu dang vien")) {
      assertThat(app.answerer().ask(q).answers()).as(q).isEmpty();
    }
    // Where an article names it, that article answers.
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(
          Articles.titled(
              "dang-" + i,
              "Bình xét thi đua năm " + (2000 + i),
              "Chi bộ số " + i + " bình xét đảng viên hoàn thành tốt nhiệm vụ."));
    }
    articles.add(
        Articles.titled(
            "hoa-binh",
            "Đại hội Đảng bộ tỉnh lần thứ XVII",
            "Đảng bộ tỉnh Hòa Bình hiện có hơn 70.000 đảng viên sinh hoạt tại 1.200 chi bộ."));
    for (String q : List.of("hoà bình có bao nhiêu đảng viên", "hoa binh co bao nhieu dang vien")) {
      Answer a = top(other.resolve(q.substring(0, 3)), articles, q);
      assertThat(a.articleId()).as(q).isEqualTo("hoa-binh");
      assertThat(a.excerpt()).as(q).contains("70.000 đảng viên");
    }
  }

  @Test
  void aNameIsFoundWholeAndACommonPhraseStaysWords(@TempDir Path other) {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(
          Articles.titled(
              "ho-" + i,
              "Giảm nghèo bền vững năm " + (2000 + i),
              "Thôn " + i + " còn 12 hộ nghèo."));
    }
    // The words of "Nguyễn Thị Minh Khai", but not the name: a person and a village.
    articles.add(
        Articles.titled(
            "words",
            "Gương sáng giảm nghèo ở thôn Minh Khai",
            "Bà Nguyễn Thị Hoa ở thôn Minh Khai giúp 30 hộ nghèo thoát nghèo."));
    articles.add(
        Articles.titled(
            "invoice",
            "Hướng dẫn hóa đơn điện tử cho hộ kinh doanh",
            "Hóa đơn điện tử được xuất ngay khi bán hàng, qua phần mềm của cơ quan thuế."));
    String ward = "phường Nguyễn Thị Minh Khai còn bao nhiêu hộ nghèo";
    try (App own =
        App.open(TestApps.settings(other.resolve("no-ward"), Map.of()), Clock.systemUTC())) {
      own.publish(articles);
      assertThat(own.answerer().ask(ward).answers())
          .extracting(Answer::articleId)
          .doesNotContain("words");
    }
    articles.add(
        Articles.titled(
            "ward",
            "Phường Nguyễn Thị Minh Khai rà soát hộ nghèo",
            "Toàn phường hiện còn 17 hộ nghèo, giảm 9 hộ so với năm trước."));
    assertThat(top(other.resolve("ward"), articles, ward).articleId()).isEqualTo("ward");
    // "Xuất Hóa" is a ward only after "phường" or "xã" (config/place-names.txt).
    assertThat(top(other.resolve("invoice"), articles, "cách xuất hóa đơn điện tử").articleId())
        .isEqualTo("invoice");
  }

  @Test
  void theExcerptHoldsThePlaceTheQuestionNames(@TempDir Path other) {
    // Sentences of seed 004, in an article among others on the same topic: the passage that
    // matches most words names Quang Thuận and Kim Lư; the question names Dương Quang.
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(
          Articles.titled(
              "ntm-" + i,
              "Xây dựng nông thôn mới " + i,
              "Năm 2020, xã số " + i + " đạt chuẩn nông thôn mới nâng cao."));
    }
    articles.add(
        new Article(
            "ntm",
            "Thành phố Bắc Kạn: Tích cực đưa Nghị quyết của Đảng vào cuộc sống",
            null,
            null,
            "Năm 2020, toàn tỉnh Bắc Kạn đã có 2 xã đạt tiêu chí nông thôn mới nâng cao là xã Quang"
                + " Thuận (Bạch Thông) và xã Kim Lư (Na Rì).",
            List.of(
                "Các phong trào thi đua được đẩy mạnh.",
                "Với việc đưa 2 xã Nông Thượng, Dương Quang được công nhận đạt chuẩn nông thôn"
                    + " mới, thành phố đang chuẩn bị hồ sơ."),
            List.of(),
            null,
            List.of()));
    Answer a = top(other, articles, "xã Dương Quang đạt tiêu chí nông thôn mới nâng cao chưa");

    assertThat(a.articleId()).isEqualTo("ntm");
    assertThat(a.excerpt()).contains("Dương Quang");
  }

  @Test
  void theExcerptNamesTheRelicSiteAskedForOnTheBundledSeeds() {
    // Seed 003 has two captions on relic sites: "Khu Di tích lịch sử quốc gia Nà Pậu, thôn Nà
    // Tẳng, ..." and "Khu di tích lịch sử Khuổi Linh, xã Nghĩa Tá, ...". Among five articles every
    // word of the question but the site's name is in that one article alone too, and "khu" (in
    // both captions) counted as the rarest name: the excerpt was Nà Pậu's.
    for (String q : List.of("khu di tich khuoi linh o dau", "Khu di tích Khuổi Linh ở đâu?")) {
      assertThat(top(q).excerpt()).as(q).contains("Khuổi Linh");
    }
  }

  @Test
  void aQuestionAboutThisMonthIsNotAnsweredByTheSeedsOfPastYears() {
    // "giá điện tháng này" got seed 001's "trong 3 tháng cuối năm 2021 ... đánh giá" (2021), as a
    // confident answer: "tháng này" was not read as a question about now.
    for (String q : List.of("giá điện tháng này", "gia dien thang nay")) {
      assertThat(app.answerer().ask(q).answers()).as(q).isEmpty();
    }
  }

  @Test
  void aFigureAskedForFindsTheRomanNumeralTheArticleWrites() {
    // Seed 004: "xây dựng thành phố Bắc Kạn cơ bản đạt các tiêu chí đô thị loại II" and "thị xã
    // Bắc Kạn được công nhận là đô thị loại III"; asked as "loại 2", the "loại III" sentence came.
    for (String q : List.of("do thi loai 2", "đô thị loại 2")) {
      assertThat(top(q).excerpt()).as(q).contains("đô thị loại II.");
    }
    assertThat(top("do thi loai 3").excerpt()).contains("đô thị loại III");
    // "Quốc hội khóa XV" asked as citizens type it.
    assertThat(top("bau cu quoc hoi khoa 15").excerpt()).contains("Quốc hội khóa XV");
  }

  @Test
  void aCountIsNotTheYearOfASentence() {
    // Seed 004: "thành phố Bắc Kạn với 8 đơn vị hành chính (gồm 6 phường và 2 xã)". Seed 002's
    // "phát triển kinh tế - xã hội năm 2023" came first: "2023" counted as the figure asked for.
    for (String q : List.of("thanh pho co bao nhieu xa", "Thành phố có bao nhiêu xã?")) {
      AnswerList list = app.answerer().ask(q);
      assertThat(list.answers()).as(q).isNotEmpty();
      assertThat(list.answers().get(0).excerpt()).as(q).contains("6 phường và 2 xã");
      assertThat(list.choices()).as(q).isFalse();
    }
  }

  @Test
  void aOneWordQuestionIsAnsweredOnlyWhereTheArticleWritesThatWord() {
    // Among five articles no two-word term is known: "giá điện" got seed 002's "chính quyền điện
    // tử" (with "giá trị" elsewhere in it), "học phí" a quote with "học" and "phí" apart.
    assertNothingShown("giá điện", "gia dien", "tiền điện", "học phí", "hoc phi", "giá nước sạch");
    // Two-syllable words the seeds do write, as typed, and an abbreviation's long form.
    assertThat(top("khuoi linh").excerpt()).contains("Khuổi Linh");
    assertThat(top("hưu trí").excerpt()).contains("hưu trí");
    assertThat(top("htx").excerpt()).containsAnyOf("HTX", "hợp tác xã");
    assertThat(top("kỷ luật đảng viên").excerpt()).contains("kỷ luật");
    assertThat(top("thu ngân sách").excerpt()).contains("thu ngân sách");
  }

  @Test
  void aLongerUnaccentedQuestionIsAnsweredOnlyWhereTheArticleWritesMostOfItsPairs() {
    // Among five articles, each got a confident answer made of syllables of other words: "thu tuc
    // dang ky ket hon" seed 002's "sơ kết giữa nhiệm kỳ", "so dien thoai ubnd thanh pho" a sentence
    // on "UBND thành phố", "lam can cuoc cong dan o dau" seed 004's "sản xuất làm cốt lõi".
    assertNothingShown(
        "thu tuc dang ky ket hon", "so dien thoai ubnd thanh pho", "lam can cuoc cong dan o dau");
    // Longer questions whose pairs the seeds write, typed as citizens type them: an abbreviation
    // written ("HĐND", "NTM"), a word that asks ("mấy", "nào") apart.
    assertThat(top("dang bo thanh pho co bao nhieu chi bo").excerpt()).contains("172 chi bộ");
    assertThat(top("hdnd thanh pho hop may ky nam 2023").excerpt()).contains("05 kỳ họp");
    assertThat(top("xa nao dat ntm").excerpt()).contains("nông thôn mới");
    assertThat(top("ket nap dang vien moi nam 2023").excerpt()).contains("kết nạp");
    assertThat(top("phuong phung chi kien co bao nhieu chi bo").excerpt()).contains("15 chi bộ");
  }

  @Test
  void aLongerUnaccentedQuestionNeedsItsPairsWrittenInALargeIndexToo(@TempDir Path other) {
    // Among the 50k news articles, where two-word terms are known, "co bao nhieu to chuc co so
    // dang dat hoan thanh xuat sac" got this sentence as a confident answer: "tổ", "chức", "số",
    // "đang", "đạt" are all there, but of its pairs only "hoàn thành" and "xuất sắc".
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      articles.add(
          Articles.titled(
              "tt-" + i,
              "Thời tiết ngày " + i,
              "Trời nắng nhẹ, gió đông bắc cấp " + (1 + i % 5) + ", nhiệt độ " + (20 + i % 10)));
    }
    articles.add(
        Articles.titled(
            "cong-chuc",
            "Kết quả đánh giá công chức",
            "Có hơn 76.600 công chức hoàn thành xuất sắc nhiệm vụ, chiếm tỉ lệ hơn 26,9%. Số liệu"
                + " do Tổ công tác công bố. Các đơn vị đạt chỉ tiêu đang được biểu dương."));
    try (App own = App.open(TestApps.settings(other, Map.of()), Clock.systemUTC())) {
      own.publish(articles);
      AnswerList trap =
          own.answerer().ask("co bao nhieu to chuc co so dang dat hoan thanh xuat sac");
      assertThat(trap.answers()).isEmpty();
      assertThat(trap.suggestions()).isEmpty();
      // The question it does answer, typed the same way.
      AnswerList asked = own.answerer().ask("bao nhieu cong chuc hoan thanh xuat sac nhiem vu");
      assertThat(asked.answers()).extracting(Answer::articleId).first().isEqualTo("cong-chuc");
    }
  }

  /** Neither an answer nor a "possibly related" suggestion for each question. */
  private static void assertNothingShown(String... questions) {
    for (String q : questions) {
      AnswerList list = app.answerer().ask(q);
      assertThat(list.answers()).as(q).isEmpty();
      assertThat(list.suggestions()).as(q).isEmpty();
    }
  }

  @Test
  void aPhraseOnlyACaptionWritesIsFoundInThatCaption() {
    // Seed 003 writes "báo công dâng Bác" in a photo caption alone. Typed without diacritics, the
    // excerpt was a prose sentence with "bảo", "công", "Đảng" and "Bắc" apart: among five articles
    // the pairs were unseen (their prose does not write them), so writing them counted for nothing.
    for (String q : List.of("bao cong dang bac", "báo công dâng Bác")) {
      assertThat(top(q).excerpt()).as(q).contains("báo công dâng Bác");
    }
  }

  @Test
  void anExcerptThatOpensWithAPronounShowsWhoItIs(@TempDir Path other) {
    // The sentence that answers says "Bà là ..."; who she is, the sentence before says. The next
    // sentence shares more words with the question, but an excerpt without the name answers
    // "ai" with "Bà".
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(
          Articles.titled(
              "cb-" + i,
              "Chi bộ tổ " + i + " sinh hoạt định kỳ",
              "Chi bộ tổ " + i + " phường Sông Cầu có " + (20 + i) + " đảng viên."));
    }
    articles.add(
        new Article(
            "tuoi-dang",
            "Những đảng viên gương mẫu ở phường Sông Cầu",
            null,
            null,
            "Phường Sông Cầu tuyên dương các đảng viên gương mẫu.",
            List.of(
                "Bà Hoàng Thị Hạnh sinh năm 1940, nghỉ hưu từ năm 1995 và sống cùng con cháu."
                    + " Bà là đảng viên có tuổi đảng cao nhất của chi bộ tổ 5 phường Sông Cầu."
                    + " Chi bộ tổ 5 phường Sông Cầu có 40 đảng viên, phần lớn là cán bộ hưu"
                    + " trí."),
            List.of(),
            null,
            List.of()));
    Answer a =
        top(other, articles, "ai là đảng viên có tuổi đảng cao nhất chi bộ tổ 5 phường Sông Cầu");

    assertThat(a.articleId()).isEqualTo("tuoi-dang");
    assertThat(a.excerpt()).contains("Bà là đảng viên").contains("Hoàng Thị Hạnh");
  }

  @Test
  void aQuestionThatAsksHowManyIsAnsweredByASentenceThatGivesAFigure() {
    // Seed 003 writes "đảng viên" and "chi bộ" in sentences without a figure, and covered these
    // questions well enough to answer them; seed 000 gives the figures.
    assertThat(top("co bao nhieu dang vien").excerpt()).contains("4.600 đảng viên");
    assertThat(top("có bao nhiêu chi bộ ở cơ sở").excerpt()).contains("172 chi bộ");
    // "tư" is four in "hai mươi tư", not in "tư tưởng": a sentence on "tình hình tư tưởng" gives
    // no figure and is no later answer either.
    assertThat(app.answerer().ask("có bao nhiêu chi bộ ở cơ sở").answers())
        .extracting(Answer::excerpt)
        .allSatisfy(excerpt -> assertThat(excerpt).containsPattern("\\d"));
    // A named quantity still finds its figure, and so does a count asked with the figure's words.
    assertThat(top("thu ngân sách 9 tháng năm 2021").excerpt()).containsPattern("\\d+[,.]\\d+ tỷ");
    assertThat(top("hdnd tp hop may ky").excerpt()).contains("05 kỳ họp");
  }
}
