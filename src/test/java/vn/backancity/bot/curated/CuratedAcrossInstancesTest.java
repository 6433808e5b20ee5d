package vn.backancity.bot.curated;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/**
 * Two instances on one database: a curated answer written through one is given by the other within
 * {@link CuratedAnswers#REFRESH}, and by an instance opened later at once.
 */
class CuratedAcrossInstancesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anAnswerWrittenOnOneInstanceIsGivenByTheOthers(String vendor) throws Exception {
    String url =
        vendor.equals("postgresql")
            ? TestDatabases.newPostgresSchema()
            : "jdbc:sqlite:" + dir.resolve("shared.db");
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));
    Map<String, Object> shared = Map.of("database.url", url);
    try (App first = App.open(TestApps.settings(dir.resolve("a"), shared), clock);
        App second = App.open(TestApps.settings(dir.resolve("b"), shared), clock)) {
      String question = "Giờ làm việc của bộ phận một cửa?";
      assertThat(curated(second, question)).isNull();

      first
          .curated()
          .create(new CuratedAnswer.Draft(List.of(question), "Từ 7 giờ 30.", null, null));
      assertThat(curated(first, "gio lam viec bo phan mot cua")).isNotNull();
      clock.advance(CuratedAnswers.REFRESH.minusMillis(1));
      assertThat(curated(second, question)).as("not yet read again").isNull();
      clock.advance(Duration.ofMillis(1));
      assertThat(curated(second, question).excerpt()).isEqualTo("Từ 7 giờ 30.");

      try (App third = App.open(TestApps.settings(dir.resolve("c"), shared), clock)) {
        assertThat(curated(third, "GIỜ LÀM VIỆC BỘ PHẬN MỘT CỬA")).isNotNull();
      }
    }
  }

  private static Answer curated(App app, String question) {
    List<Answer> answers = app.answerer().ask(question).answers();
    return answers.isEmpty() || !answers.get(0).curated() ? null : answers.get(0);
  }
}
