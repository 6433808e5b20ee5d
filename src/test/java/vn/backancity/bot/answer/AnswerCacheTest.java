package vn.backancity.bot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.TestApps;

class AnswerCacheTest {
  @TempDir Path data;

  @Test
  void repeatedQuestionIsServedFromTheCacheAndSpellingVariantsShareIt() throws Exception {
    try (App app = TestApps.withSeeds(data)) {
      app.answerer().ask("Hoà bình và nông thôn mới");
      long misses = app.cache().stats().missCount();

      app.answerer().ask("hòa bình và nông thôn mới?");
      app.answerer().ask("HOÀ BÌNH VÀ NÔNG THÔN MỚI");

      assertThat(app.cache().stats().missCount()).isEqualTo(misses);
      assertThat(app.cache().stats().hitCount()).isEqualTo(2);
      app.answerer().ask("hoa binh va nong thon moi");
      assertThat(app.cache().stats().missCount()).isEqualTo(misses + 1);
    }
  }

  @Test
  void anIndexChangeIsNeverAnsweredFromTheStaleCache() throws Exception {
    try (App app = TestApps.withSeeds(data)) {
      String question = "Lễ hội Lồng tông năm nay tổ chức ở đâu?";
      assertThat(app.answerer().ask(question).answers()).isEmpty();

      app.publish(
          List.of(
              new Article(
                  "long-tong-2026",
                  "Lễ hội Lồng tông thành phố Bắc Kạn năm 2026",
                  null,
                  // Published now: a question about "năm nay" is answered by this year's news.
                  Instant.now(),
                  "Lễ hội Lồng tông năm nay tổ chức tại sân vận động xã Dương Quang.",
                  List.of("Lễ hội thu hút đông đảo người dân tham gia."),
                  List.of(),
                  null,
                  List.of())));

      AnswerList after = app.answerer().ask(question);
      assertThat(after.answers()).isNotEmpty();
      assertThat(after.answers().get(0).articleId()).isEqualTo("long-tong-2026");
      assertThat(after.answers().get(0).excerpt()).contains("Dương Quang");
    }
  }
}
