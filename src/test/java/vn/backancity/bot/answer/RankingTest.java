package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.TestApps;

/** Ranking rules that only show among many articles, on synthetic ones. */
class RankingTest {
  static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
  @TempDir Path data;

  static Article article(String id, String title, String lead, List<String> captions, Instant at) {
    return new Article(id, title, null, at, lead, List.of(), captions, null, List.of());
  }

  App open() {
    return App.open(TestApps.settings(data, Map.of()), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aQuestionAboutThisMonthIsAnsweredByThisMonthsNewsNotByOlderOnes() {
    try (App app = open()) {
      app.publish(
          List.of(
              article(
                  "power-old",
                  "Lịch cắt điện",
                  "Lịch cắt điện trên địa bàn thành phố: cắt điện phường Đức Xuân.",
                  List.of(),
                  NOW.minus(Duration.ofDays(45))),
              article(
                  "power-new",
                  "Lịch cắt điện",
                  "Lịch cắt điện trên địa bàn thành phố: cắt điện phường Sông Cầu.",
                  List.of(),
                  NOW.minus(Duration.ofDays(20)))));
      // 20 days old is this month's news; 45 days old is not (3 days is "hôm nay"'s bound).
      assertThat(app.answerer().ask("lịch cắt điện tháng này").answers())
          .extracting(Answer::articleId)
          .containsExactly("power-new");
      assertThat(app.answerer().ask("lich cat dien thang nay").answers())
          .extracting(Answer::articleId)
          .containsExactly("power-new");
      assertThat(app.answerer().ask("lịch cắt điện hôm nay").answers()).isEmpty();
      assertThat(app.answerer().ask("lịch cắt điện").answers()).hasSize(2);
    }
  }

  @Test
  void aRareNameInACaptionIsFoundAmongManyArticlesOnTheSameTopic() {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      articles.add(
          article(
              "di-tich-" + i,
              "Khu di tích lịch sử số " + i,
              "Khu di tích số "
                  + i
                  + " là khu di tích được nhiều du khách tìm đến; khu di tích"
                  + " này có cảnh đẹp.",
              List.of(),
              null));
    }
    articles.add(
        article(
            "bao-cong",
            "Báo công dâng Bác",
            "Đảng bộ tổ chức lễ báo công trang trọng.",
            List.of("Lễ báo công tại Khu Di tích Nà Pậu, thôn Nà Tẳng, xã Lương Bằng"),
            null));
    try (App app = open()) {
      app.publish(articles);

      List<Answer> answers = app.answerer().ask("Khu di tích Nà Pậu ở đâu?").answers();

      assertThat(answers).isNotEmpty();
      assertThat(answers.get(0).articleId()).isEqualTo("bao-cong");
      assertThat(answers.get(0).excerpt()).contains("Nà Tẳng");
    }
  }

  @Test
  void localArticlesComeFirstWhenOthersSayTheSame() {
    // The home place's bonus breaks ties between equally good answers; it does not override a
    // clearly better one.
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      articles.add(
          article(
              "other-" + i,
              "Kết quả năm 2023 của tỉnh số " + i,
              "Năm 2023 tỉnh đã giải quyết việc làm cho " + (1000 + i) + " lao động.",
              List.of(),
              null));
    }
    articles.add(
        article(
            "local",
            "Kết quả năm 2023 của thành phố",
            "Năm 2023 thành phố Bắc Kạn đã giải quyết việc làm cho 704 lao động.",
            List.of(),
            null));
    try (App app = open()) {
      app.publish(articles);

      Answer top =
          app.answerer().ask("giải quyết việc làm cho bao nhiêu lao động").answers().get(0);

      assertThat(top.articleId()).isEqualTo("local");
      assertThat(top.excerpt()).contains("704");
    }
  }

  @Test
  void questionsAboutNowAreAnsweredOnlyByFreshArticles() {
    try (App app = open()) {
      app.publish(
          List.of(
              article(
                  "gold-old",
                  "Giá vàng tăng mạnh",
                  "Giá vàng hôm nay tăng 500 nghìn đồng mỗi lượng.",
                  List.of(),
                  NOW.minus(Duration.ofDays(400)))));
      assertThat(app.answerer().ask("giá vàng hôm nay").answers()).isEmpty();
      assertThat(app.answerer().ask("giá vàng tăng").answers()).isNotEmpty();

      app.publish(
          List.of(
              article(
                  "gold-new",
                  "Giá vàng sáng nay",
                  "Giá vàng hôm nay giảm 200 nghìn đồng mỗi lượng.",
                  List.of(),
                  NOW.minus(Duration.ofHours(5)))));

      List<Answer> answers = app.answerer().ask("giá vàng hôm nay").answers();
      assertThat(answers).extracting(Answer::articleId).containsExactly("gold-new");
    }
  }

  @Test
  void theHomePlaceAloneDoesNotMakeAnArticleAnAnswer() throws Exception {
    try (App app = TestApps.withSeeds(data)) {
      assertThat(app.answerer().ask("thời tiết Bắc Kạn ngày mai").answers()).isEmpty();
      assertThat(app.answerer().ask("lịch thi đấu bóng đá Bắc Kạn").answers()).isEmpty();
    }
  }

  @Test
  void anExcerptThatNamesWhatTheQuestionNamesMakesTheAnswerConfident() {
    // The sentence with the figure ("500 khách") holds only the question's common words; the one
    // before it names the market. The excerpt shows both, so both count for the answer's
    // confidence: the figure's sentence alone made the article a mere suggestion.
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      articles.add(
          article(
              "hoi-nghi-" + i,
              "Hội nghị số " + i,
              "Hội nghị số " + i + " có khách tham dự bữa tối khai trương chợ mới.",
              List.of(),
              null));
    }
    articles.add(
        new Article(
            "cho-dong-lac",
            "Nét đẹp vùng cao",
            null,
            null,
            "Bà con các dân tộc ăn mừng ngày hội.",
            List.of(
                "Chợ Đồng Lạc được khai trương vào năm 1998 và là chợ trong nhà đầu tiên của"
                    + " huyện. Lễ khai mạc được tổ chức với một bữa tối hoành tráng có sự tham dự"
                    + " của 500 khách."),
            List.of(),
            null,
            List.of()));
    try (App app = open()) {
      app.publish(articles);

      AnswerList list =
          app.answerer()
              .ask("Có bao nhiêu khách tham dự bữa tối ăn mừng khai trương chợ Đồng Lạc?");

      assertThat(list.answers()).extracting(Answer::articleId).containsExactly("cho-dong-lac");
      assertThat(list.answers().get(0).excerpt()).contains("Chợ Đồng Lạc", "500 khách");
    }
  }

  @Test
  void anArticleThatCoversTheQuestionIsACandidateThoughLuceneRanksShortTitledOnesFirst() {
    // Twenty short articles repeat half of the question in their titles; five more hold its
    // rarer half in theirs (and win the rare words' own queries). The one article that holds the
    // whole question is long, so Lucene ranks it below all of them: it must still be judged.
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      articles.add(
          article(
              "hoa-sen-" + i,
              "Trường mầm non Hoa Sen tổ chức hoạt động số " + i,
              "Trường mầm non Hoa Sen tổ chức hoạt động vui chơi số " + i + " cho các cháu.",
              List.of(),
              null));
    }
    for (int i = 0; i < 5; i++) {
      articles.add(
          article(
              "lop-ba-tuoi-" + i,
              "Tuyển sinh lớp ba tuổi ở xã số " + i,
              "Xã số " + i + " tuyển sinh lớp ba tuổi.",
              List.of(),
              null));
    }
    List<String> paragraphs = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      paragraphs.add("Phòng giáo dục nhắc các đơn vị giữ gìn vệ sinh chung đợt " + k + ".");
    }
    paragraphs.add(20, "Trường mầm non Hoa Sen tuyển sinh lớp ba tuổi từ ngày 1 tháng 7.");
    articles.add(
        new Article(
            "thong-bao",
            "Thông báo của phòng giáo dục",
            null,
            null,
            "Phòng giáo dục thông báo nhiều việc.",
            paragraphs,
            List.of(),
            null,
            List.of()));
    try (App app = open()) {
      app.publish(articles);

      List<Answer> answers =
          app.answerer().ask("Trường mầm non Hoa Sen tuyển sinh lớp ba tuổi khi nào?").answers();

      assertThat(answers).isNotEmpty();
      assertThat(answers.get(0).articleId()).isEqualTo("thong-bao");
      assertThat(answers.get(0).excerpt()).contains("ngày 1 tháng 7");
    }
  }

  @Test
  void aLongSentenceIsNotCutAtTheSemicolonsInsideItsBrackets() {
    // Long sentences are cut into clauses at semicolons; those of a bracket that lists names are
    // not clauses. Cut there, the excerpt was "Vườn quốc gia Ba Bể (tiếng Anh: Ba Be National
    // Park…", without what the park is.
    String lead =
        "Vườn quốc gia Ba Bể (tiếng Anh: Ba Be National Park; tiếng Pháp: Parc national de Ba"
            + " Be; tiếng Tày: Pé Lầm), được thành lập năm 1992, là một khu rừng nguyên sinh"
            + " trên núi đá vôi bao quanh hồ nước ngọt tự nhiên lớn nhất của cả nước, nơi có"
            + " hơn một nghìn loài thực vật và nhiều loài động vật quý hiếm.";
    assertThat(lead.length()).isGreaterThan(SentenceSplitter.LONG_SENTENCE);
    try (App app = open()) {
      app.publish(
          List.of(
              article("ba-be", "Giới thiệu vườn quốc gia", lead, List.of(), null),
              article(
                  "le-hoi",
                  "Lễ hội mùa xuân",
                  "Lễ hội mùa xuân được tổ chức tại thành phố.",
                  List.of(),
                  null)));

      List<Answer> answers =
          app.answerer().ask("Vườn quốc gia Ba Bể thuộc loại rừng nào?").answers();

      assertThat(answers).isNotEmpty();
      assertThat(answers.get(0).excerpt())
          .contains("(tiếng Anh: Ba Be National Park; tiếng Pháp")
          .contains("khu rừng nguyên sinh");
    }
  }

  @Test
  void anArticleWhoseExcerptAnswersTheWholeQuestionRanksAboveOneThatScattersItsWords() {
    // Both hold every word of the question. One answers it in two sentences that follow each
    // other; the other names the market at the top and the goods in a paragraph far below, so its
    // excerpt answers half the question, though Lucene ranks it first (it repeats the words).
    List<String> filler = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      filler.add("Ban quản lý nhắc các hộ kinh doanh giữ gìn vệ sinh chung đợt " + k + ".");
    }
    List<String> scattered = new ArrayList<>(filler);
    scattered.add(0, "Chợ đêm phố đi bộ mở cửa mỗi tối thứ bảy, chợ đêm rất đông vui.");
    scattered.add("Các cửa hàng trong phố bán những mặt hàng thiết yếu, mặt hàng giá rẻ.");
    List<String> together = new ArrayList<>(filler);
    together.add(
        0,
        "Chợ đêm phố đi bộ mở cửa mỗi tối thứ bảy. Tại chợ, bà con bán những mặt hàng nông sản.");
    try (App app = open()) {
      app.publish(
          List.of(
              new Article(
                  "rai-rac",
                  "Tin phường Đức Xuân",
                  null,
                  null,
                  null,
                  scattered,
                  List.of(),
                  null,
                  List.of()),
              new Article(
                  "lien-mach",
                  "Tin phường Sông Cầu",
                  null,
                  null,
                  null,
                  together,
                  List.of(),
                  null,
                  List.of())));

      List<Answer> answers = app.answerer().ask("Chợ đêm phố đi bộ bán mặt hàng gì?").answers();

      assertThat(answers).extracting(Answer::articleId).contains("rai-rac");
      assertThat(answers.get(0).articleId()).isEqualTo("lien-mach");
      assertThat(answers.get(0).excerpt()).contains("mặt hàng nông sản");
    }
  }
}
