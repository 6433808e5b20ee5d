package vn.backancity.bot.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.TestDatabases;

/** The duplicate check by text, on both databases (migration V6 included). */
class ArticleStoreTest {
  @TempDir Path dir;

  static Article article(String id, String url, String title, String... paragraphs) {
    return new Article(
        id,
        title,
        url,
        Instant.parse("2026-11-20T02:30:00Z"),
        "",
        List.of(paragraphs),
        List.of(),
        null,
        List.of());
  }

  Database open(String vendor) throws Exception {
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    return TestDatabases.open(vendor, url, dir.resolve("bot.db"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theSameTextUnderAnotherUrlIsFoundAndAnUnchangedReimportChangesNothing(String vendor)
      throws Exception {
    try (Database db = open(vendor)) {
      ArticleStore store = new ArticleStore(db.dataSource(), App.jsonMapper(), Clock.systemUTC());
      Article original = article("web-1", "https://a.vn/1.html", "Cầu mới", "Dài 120 mét.");
      assertThat(store.upsertAll(List.of(original))).isOne();
      long version = store.sequence();

      Article copy = article("web-2", "https://b.vn/copy.html", "Cầu mới", "Dài 120 mét.");
      Article other = article("web-3", "https://a.vn/1.html", "Cầu mới", "Dài 150 mét.");

      // content_hash covers the URL, so the old check never found a copy at another address.
      assertThat(store.sameTextAs(copy)).contains("web-1");
      assertThat(store.sameTextAs(other)).isEmpty();
      assertThat(store.sameTextAs(original)).as("not a copy of itself").isEmpty();
      assertThat(store.upsertAll(List.of(original))).isZero();
      assertThat(store.sequence()).isEqualTo(version);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void rowsSavedBeforeTextHashesGetThemWithoutChangingTheStoreVersion(String vendor)
      throws Exception {
    try (Database db = open(vendor)) {
      ArticleStore store = new ArticleStore(db.dataSource(), App.jsonMapper(), Clock.systemUTC());
      store.upsertAll(
          List.of(
              article("old-1", "https://a.vn/1.html", "Cầu mới", "Dài 120 mét."),
              article("old-2", "https://a.vn/2.html", "Chợ mới", "Có 80 ki-ốt.")));
      try (Connection c = db.dataSource().getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE articles SET text_hash = NULL"); // as V6 leaves older rows
      }
      long version = store.sequence();
      Article copy = article("web-9", "https://b.vn/x.html", "Cầu mới", "Dài 120 mét.");
      assertThat(store.sameTextAs(copy)).isEmpty();

      assertThat(store.fillTextHashes()).isEqualTo(2);

      assertThat(store.sameTextAs(copy)).contains("old-1");
      assertThat(store.sequence()).isEqualTo(version);
      assertThat(store.fillTextHashes()).isZero();
    }
  }

  /** Regression: the newest articles were found by reading and sorting the whole table. */
  @Test
  void theNewestArticlesAreReadThroughAnIndex() throws Exception {
    try (Database db = open("sqlite");
        java.sql.Connection c = db.dataSource().getConnection();
        java.sql.ResultSet plan =
            c.createStatement()
                .executeQuery(
                    "EXPLAIN QUERY PLAN SELECT id, title, lead FROM articles"
                        + " ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT 10")) {
      StringBuilder steps = new StringBuilder();
      while (plan.next()) {
        steps.append(plan.getString(4)).append('\n');
      }
      assertThat(steps.toString()).contains("INDEX articles_newest").doesNotContain("TEMP B-TREE");
    }
  }

  /** A digest or alert scan after a bulk import of undated articles reads only the newest few. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void freshArticlesAreReadNewestFirstUpToALimit(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      ArticleStore store = new ArticleStore(db.dataSource(), App.jsonMapper(), Clock.systemUTC());
      List<Article> undated = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        undated.add(
            new Article(
                "u" + (100 + i),
                "Tin " + i,
                null,
                null,
                "Dẫn.",
                List.of(),
                List.of(),
                null,
                List.of()));
      }
      store.upsertAll(undated);

      List<ArticleStore.Added> fresh = store.added(0, Long.MAX_VALUE, 0, 3);
      assertThat(fresh).extracting(a -> a.article().id()).containsExactly("u149", "u148", "u147");
      assertThat(store.added(0, Long.MAX_VALUE, 0)).hasSize(50);
    }
  }

  /** Regression: the date was read as null when the URL was, and as 1970 when only it was null. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theDateIsReadBackWhateverTheUrl(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      ArticleStore store = new ArticleStore(db.dataSource(), App.jsonMapper(), Clock.systemUTC());
      Instant at = Instant.parse("2026-11-21T01:00:00Z");
      Article noUrl =
          new Article("d1", "Tin", null, at, "Dẫn.", List.of(), List.of(), null, List.of());
      Article noDate =
          new Article(
              "d2",
              "Tin hai",
              "https://a.vn/2.html",
              null,
              "Dẫn hai.",
              List.of(),
              List.of(),
              null,
              List.of());
      store.upsertAll(List.of(noUrl, noDate));

      assertThat(store.find("d1").orElseThrow().publishedAt()).isEqualTo(at);
      assertThat(store.find("d2").orElseThrow().publishedAt()).isNull();
    }
  }
}
