package vn.backancity.bot.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.article.ArticleChanges.Change;
import vn.backancity.bot.article.ArticleChanges.Kind;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestDatabases;

/** The change feed as the store writes it, and its pruning, on both databases. */
class ArticleChangesTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));

  Database open(String vendor) throws Exception {
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    return TestDatabases.open(vendor, url, dir.resolve("bot.db"));
  }

  static Article article(String id, String lead) {
    return new Article(id, "Tin " + id, null, null, lead, List.of(), List.of(), null, List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void everyRealChangeIsNumberedInOrderWithATombstoneForADelete(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      ArticleStore store = new ArticleStore(db.dataSource(), App.jsonMapper(), clock);
      ArticleChanges changes = store.changes();
      store.upsertAll(List.of(article("a", "Một."), article("b", "Hai.")));
      store.upsertAll(List.of(article("a", "Một."))); // unchanged: no change
      store.upsertAll(List.of(article("a", "Một, sửa.")));
      assertThat(store.delete("b")).isTrue();
      assertThat(store.delete("b")).isFalse(); // nothing deleted: no tombstone

      List<Change> all = changes.after(0, 100);
      assertThat(all).extracting(Change::articleId).containsExactly("a", "b", "a", "b");
      assertThat(all)
          .extracting(Change::kind)
          .containsExactly(Kind.UPSERT, Kind.UPSERT, Kind.UPSERT, Kind.DELETE);
      assertThat(all).extracting(Change::seq).isSorted().doesNotHaveDuplicates();
      assertThat(store.sequence()).isEqualTo(all.get(3).seq());
      assertThat(changes.after(all.get(1).seq(), 100)).hasSize(2);
      assertThat(changes.countAfter(all.get(1).seq())).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void pruningTakesTheOldestFirstInBatchesAndNeverTheNewest(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      ArticleStore store = new ArticleStore(db.dataSource(), App.jsonMapper(), clock);
      ArticleChanges changes = store.changes();
      for (int i = 0; i < 5; i++) {
        store.upsertAll(List.of(article("old-" + i, "Cũ " + i + ".")));
      }
      clock.advance(Duration.ofDays(8));
      long cutoff = clock.millis() - Duration.ofDays(7).toMillis();
      store.upsertAll(List.of(article("new", "Mới.")));
      long newest = store.sequence();

      assertThat(changes.prune(cutoff, 2)).isEqualTo(2);
      assertThat(changes.after(0, 100)).extracting(Change::articleId).first().isEqualTo("old-2");
      assertThat(changes.prune(cutoff, 10)).isEqualTo(3);
      assertThat(changes.prune(cutoff, 10)).isZero();
      assertThat(changes.after(0, 100)).extracting(Change::articleId).containsExactly("new");

      assertThat(changes.prune(Long.MAX_VALUE, 10)).as("the newest is kept").isZero();
      assertThat(changes.oldest()).isEqualTo(newest);
      store.upsertAll(List.of(article("next", "Sau.")));
      assertThat(store.sequence()).as("numbers are never reused").isGreaterThan(newest);
    }
  }
}
