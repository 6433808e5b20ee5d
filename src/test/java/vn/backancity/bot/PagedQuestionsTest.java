package vn.backancity.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.chat.PagedQuestions;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/** Questions behind "Xem thêm" buttons: per chat, expiring, pruned by housekeeping in batches. */
class PagedQuestionsTest {
  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
  App app;
  PagedQuestions questions;

  @BeforeEach
  void open() {
    open(Map.of());
  }

  void open(Map<String, Object> settings) {
    if (app != null) {
      app.close();
    }
    app = App.open(TestApps.settings(data, settings), clock);
    questions = app.pagedQuestions();
  }

  @AfterEach
  void close() {
    app.close();
  }

  Housekeeping housekeeping() {
    return new Housekeeping(
        app.inbox(),
        app.outbox(),
        questions,
        app.store().changes(),
        app.questions(),
        Duration.ofDays(3),
        Duration.ofDays(30),
        Duration.ofDays(90),
        clock);
  }

  int rows() throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM paged_questions");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aQuestionIsFoundOnlyInItsOwnChatAndUntilItExpires() {
    questions.remember("telegram", "1", "ab12cd34", "câu hỏi dài của Lan");

    assertThat(questions.find("telegram", "1", "ab12cd34")).contains("câu hỏi dài của Lan");
    assertThat(questions.find("telegram", "2", "ab12cd34")).as("another chat").isEmpty();
    assertThat(questions.find("zalo", "1", "ab12cd34")).as("another channel").isEmpty();

    clock.advance(PagedQuestions.KEEP.minusMinutes(1));
    questions.remember("telegram", "1", "ab12cd34", "câu hỏi dài của Lan"); // asked again
    clock.advance(Duration.ofMinutes(2));
    assertThat(questions.find("telegram", "1", "ab12cd34")).as("its time started over").isPresent();

    clock.advance(PagedQuestions.KEEP);
    assertThat(questions.find("telegram", "1", "ab12cd34")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void housekeepingPrunesExpiredQuestionsInBatchesAndKeepsTheOthers(String vendor)
      throws Exception {
    if (vendor.equals("postgresql")) {
      open(Map.of("database.url", TestDatabases.newPostgresSchema()));
    }
    int expiring = Housekeeping.BATCH * 2 + 500;
    for (int i = 0; i < expiring; i++) {
      questions.remember("telegram", String.valueOf(i), "q", "câu hỏi " + i);
    }
    clock.advance(PagedQuestions.KEEP.plusSeconds(1));
    questions.remember("telegram", "fresh", "q", "câu hỏi mới");

    housekeeping().run();

    assertThat(rows()).isEqualTo(1);
    assertThat(questions.find("telegram", "fresh", "q")).contains("câu hỏi mới");
  }
}
