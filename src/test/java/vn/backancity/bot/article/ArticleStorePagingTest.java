package vn.backancity.bot.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestDatabases;

/** Keyset pages of new articles, on both databases: every article once, in one order. */
class ArticleStorePagingTest {
  @TempDir Path dir;

  static Article article(String id) {
    return new Article(id, "Tin " + id, null, null, "Nội dung.", List.of(), List.of(), null, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void pagesWalkEveryArticleOnceNewestImportFirstAcrossTiedTimes(String vendor) throws Exception {
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T00:00:00Z"));
    try (Database db = TestDatabases.open(vendor, url, dir.resolve("bot.db"))) {
      ArticleStore store = new ArticleStore(db.dataSource(), App.jsonMapper(), clock);
      long before = clock.millis();
      store.upsertAll(List.of(article("old")));
      clock.advance(java.time.Duration.ofMinutes(1));
      List<Article> batch = new ArrayList<>(); // one batch: one created_at for all 25
      for (int i = 0; i < 25; i++) {
        batch.add(article(String.format("b-%02d", i)));
      }
      store.upsertAll(batch);
      clock.advance(java.time.Duration.ofMinutes(1));
      store.upsertAll(List.of(article("new")));
      long now = clock.millis();

      List<String> walked = new ArrayList<>();
      ArticleStore.Position at = null;
      for (List<ArticleStore.Added> page = store.addedPage(before - 1, now, null, 7);
          !page.isEmpty();
          page = store.addedPage(before - 1, now, at, 7)) {
        assertThat(page).hasSizeLessThanOrEqualTo(7);
        page.forEach(a -> walked.add(a.article().id()));
        at = page.get(page.size() - 1).position();
      }

      List<String> expected = new ArrayList<>(List.of("new"));
      for (int i = 24; i >= 0; i--) {
        expected.add(String.format("b-%02d", i));
      }
      expected.add("old");
      assertThat(walked).containsExactlyElementsOf(expected);
      // The range bounds still hold from a position: nothing imported after `upTo` or at `after`.
      assertThat(store.addedPage(before, now - 1, null, 100))
          .extracting(a -> a.article().id())
          .hasSize(25)
          .doesNotContain("old", "new");
    }
  }
}
