package vn.backancity.bot.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/** The question log, the review queue's grouping and dismissals, feedback checks, retention. */
class QuestionLogTest {
  @TempDir Path data;
  MutableClock clock;
  App app;
  ChatBot bot;
  ReviewQueue queue;

  @BeforeEach
  void open() throws Exception {
    clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));
    app = App.open(TestApps.settings(data, Map.of()), clock);
    app.bootstrapIfEmpty();
    bot = app.chatBot();
    queue = new ReviewQueue(app.database().dataSource(), clock);
  }

  @AfterEach
  void close() {
    app.close();
  }

  /**
   * Random 63-bit ids put every insert on a random page of the id index: at thousands of web
   * questions a second the log's writer spent a quarter of the server's CPU rewriting scattered
   * pages. Ids now start with the second they were given in, so inserts append, and keep 32 random
   * bits, so that one is still not guessed from another.
   */
  @Test
  void questionIdsRiseWithTheSecondTheyWereGivenInAndStayUnguessableWithinIt() {
    java.util.List<Long> ids = new java.util.ArrayList<>();
    java.util.Set<Long> lowBits = new java.util.HashSet<>();
    for (int second = 0; second < 50; second++) {
      long first = app.questions().submit("web", "client", "lịch cắt điện", lookup());
      long second2 = app.questions().submit("web", "client", "lịch cắt điện", lookup());
      ids.add(first);
      lowBits.add(first & 0xFFFF_FFFFL);
      lowBits.add(second2 & 0xFFFF_FFFFL);
      assertThat(first >>> 32).isEqualTo(second2 >>> 32);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(ids).isSorted().allMatch(id -> id > 0);
    assertThat(lowBits).hasSize(100);
  }

  private vn.backancity.bot.answer.Lookup lookup() {
    return new vn.backancity.bot.answer.Lookup(
        new vn.backancity.bot.answer.AnswerList("lịch cắt điện", java.util.List.of(), false),
        "lich cat dien",
        true,
        10);
  }

  @Test
  void phoneAndIdNumbersAreMaskedInTheLog() {
    assertThat(QuestionLog.mask("Số 0912 345 678 và CCCD 001203004567 hỏi năm 2025"))
        .isEqualTo("Số ••• và CCCD ••• hỏi năm 2025");
    bot.ask("zalo", "u1", "gọi 0912.345.678 hỏi giá vàng hôm nay", 1);
    assertThat(queue.unanswered(10).get(0).question()).isEqualTo("gọi ••• hỏi giá vàng hôm nay");
  }

  @Test
  void dismissedGroupComesBackOnlyWhenAskedAgainAndCountsFromThere() {
    for (int i = 0; i < 3; i++) {
      bot.ask("telegram", "chat" + i, "giá vàng hôm nay", 1);
    }
    bot.ask("telegram", "chat9", "Giá vé xe khách đi Hà Nội?", 1);
    assertThat(queue.unanswered(10)).extracting(ReviewQueue.Group::count).containsExactly(3L, 1L);
    String key = queue.unanswered(10).get(0).key();
    assertThat(key).isEqualTo("gia vang hom nay");

    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.dismiss(key)).isEqualTo(1);
    assertThat(queue.unanswered(10)).extracting(ReviewQueue.Group::key).doesNotContain(key);
    clock.advance(Duration.ofSeconds(1));
    bot.ask("zalo", "u2", "gia vang hom nay", 1);
    ReviewQueue.Group back = queue.unanswered(10).get(0);
    assertThat(back.key()).isEqualTo(key);
    assertThat(back.count()).isEqualTo(1);
    assertThat(back.channels()).isEqualTo(Map.of("zalo", 1L));
  }

  @Test
  void laterPagesAreNotLoggedAndTypedFeedbackNeedsARecentAnswer() {
    assertThat(bot.typedFeedback("zalo", "u1", "đúng"))
        .get()
        .isEqualTo(new Reply.Text(Messages.NOTHING_TO_RATE.in(Language.VI)));
    assertThat(bot.typedFeedback("zalo", "u1", "sai phạm đất đai ở đâu")).isEmpty();
    Reply answered = bot.ask("zalo", "u1", "thu ngân sách", 1);
    assertThat(answered).isInstanceOf(Reply.Answers.class);
    long id = ((Reply.Answers) answered).questionId();
    assertThat(id).isPositive();
    Reply page2 = bot.ask("zalo", "u1", "thu ngân sách", 2);
    if (page2 instanceof Reply.Answers more) {
      assertThat(more.questionId()).isZero();
    }
    assertThat(bot.typedFeedback("zalo", "u1", "Đúng rồi!"))
        .get()
        .isEqualTo(new Reply.Text(Messages.THANKS.in(Language.VI)));
    assertThat(app.feedback().counts(0)).containsExactly(1, 0);
    // Changed to 👎 with a reason: still one vote.
    assertThat(bot.typedFeedback("zalo", "u1", "Sai: số liệu cũ"))
        .get()
        .isEqualTo(new Reply.Text(Messages.REASON_NOTED.in(Language.VI)));
    assertThat(app.feedback().counts(0)).containsExactly(0, 1);
    assertThat(queue.disliked(10).get(0).reasons()).containsExactly("số liệu cũ");
    // A reason is masked like a question.
    bot.typedFeedback("zalo", "u1", "sai: gọi 0912 345 678");
    assertThat(queue.disliked(10).get(0).reasons()).containsExactly("gọi •••");
    // After a question that got no answer, "sai" is not about the answer before it.
    bot.ask("zalo", "u1", "giá vàng hôm nay", 1);
    assertThat(bot.typedFeedback("zalo", "u1", "sai"))
        .get()
        .isEqualTo(new Reply.Text(Messages.NOTHING_TO_RATE.in(Language.VI)));
    bot.ask("zalo", "u1", "thu ngân sách", 1);
    // Half an hour later "đúng" refers to nothing any more.
    clock.advance(Feedback.TYPED_WITHIN.plusMinutes(1));
    assertThat(bot.typedFeedback("zalo", "u1", "dung"))
        .get()
        .isEqualTo(new Reply.Text(Messages.NOTHING_TO_RATE.in(Language.VI)));
  }

  @Test
  void questionsAndTheirVotesAreDeletedAfterTheRetention() {
    Reply.Answers a = (Reply.Answers) bot.ask("telegram", "1", "thu ngân sách", 1);
    bot.vote("telegram", "1", a.questionId(), Feedback.Vote.DOWN);
    clock.advance(Duration.ofDays(89));
    bot.ask("telegram", "1", "giá vàng hôm nay", 1);
    clock.advance(Duration.ofDays(2));
    long cutoff = clock.millis() - Duration.ofDays(90).toMillis();
    assertThat(app.questions().prune(cutoff, 1000)).isEqualTo(1);
    assertThat(app.feedback().counts(0)).containsExactly(0, 0);
    assertThat(queue.unanswered(10))
        .extracting(ReviewQueue.Group::key)
        .containsExactly("gia vang hom nay");
  }

  @Test
  void webFeedbackChecksItsFieldsAndOnlyKnowsQuestionsItGaveOut() throws Exception {
    try (Service service = Service.start(app, "127.0.0.1", 1)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + service.port();
      HttpResponse<String> asked =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/ask?q=thu%20ng%C3%A2n%20s%C3%A1ch"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String id = app.json().readTree(asked.body()).path("question_id").asText();
      record Case(String body, int status, String says) {}
      for (Case c :
          java.util.List.of(
              new Case("{oops", 400, "JSON object"),
              new Case("{\"question_id\":\"x\",\"vote\":\"up\"}", 400, "'question_id'"),
              new Case("{\"question_id\":\"" + id + "\",\"vote\":\"meh\"}", 400, "'vote'"),
              new Case(
                  "{\"question_id\":\"" + id + "\",\"vote\":\"down\",\"reason\":5}",
                  400,
                  "'reason'"),
              new Case(
                  "{\"question_id\":\""
                      + id
                      + "\",\"vote\":\"down\",\"reason\":\""
                      + "x".repeat(Feedback.MAX_REASON + 1)
                      + "\"}",
                  400,
                  "'reason'"),
              new Case("{\"question_id\":\"12345\",\"vote\":\"up\"}", 404, "ask again"),
              new Case("{\"question_id\":\"" + id + "\",\"vote\":\"up\"}", 200, "up"))) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/feedback"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(c.body()).isEqualTo(c.status());
        assertThat(r.body()).as(c.body()).contains(c.says());
      }
      assertThat(app.feedback().counts(0)).containsExactly(1, 0);
    }
  }

  @Test
  void aQuestionIsAnsweredEvenWhenTheLogCannotBeWritten() throws Exception {
    try (var c = app.database().dataSource().getConnection();
        var st = c.createStatement()) {
      st.execute("DROP TABLE asked_questions");
    }
    Reply reply = bot.ask("telegram", "1", "thu ngân sách", 1);
    assertThat(reply).isInstanceOf(Reply.Answers.class);
    assertThat(((Reply.Answers) reply).questionId()).isZero(); // no vote buttons
  }
}
