package vn.backancity.bot.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.Articles;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/**
 * Two instances (two data folders, each its own index) on one database: what one changes, the other
 * answers from within 2 s, through the change feed; a stopped one catches up at its next open;
 * writers that overlap never make a tailer skip a change.
 */
class ChangeFeedTest {
  static final String TOKEN = "feed-test-token";
  static final String QUESTION = "Lễ hội Lồng tông năm 2026 tổ chức ở đâu?";
  static final String ARTICLE =
      "{\"id\":\"long-tong\",\"title\":\"Lễ hội Lồng tông 2026\",\"lead\":\"Lễ hội Lồng"
          + " tông năm 2026 tổ chức tại sân vận động xã Dương Quang.\","
          + "\"published_at\":\"2026-11-21T08:00:00+07:00\"}";

  @TempDir Path dir;
  final List<AutoCloseable> open = new ArrayList<>();
  String databaseUrl;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** The shared database: a fresh PostgreSQL schema, or one SQLite file outside both folders. */
  String database(String vendor) throws Exception {
    if (databaseUrl == null) {
      databaseUrl =
          vendor.equals("postgresql")
              ? TestDatabases.newPostgresSchema()
              : "jdbc:sqlite:" + dir.resolve("shared.db");
    }
    return databaseUrl;
  }

  App instance(String vendor, String name) throws Exception {
    App app =
        TestApps.withSeeds(
            dir.resolve(name), Map.of("admin.token", TOKEN, "database.url", database(vendor)));
    open.add(app);
    return app;
  }

  Service serve(App app) {
    Service service = Service.start(app, "127.0.0.1");
    open.add(service);
    return service;
  }

  static JsonNode answers(Service service, String question) throws Exception {
    String q = URLEncoder.encode(question, StandardCharsets.UTF_8);
    AdminClient client = new AdminClient(service.port(), null);
    return client.json(client.send("GET", "/api/ask?q=" + q, null)).path("answers");
  }

  static boolean answersWith(Service service, String question, String id) throws Exception {
    for (JsonNode a : answers(service, question)) {
      if (a.path("id").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Milliseconds until {@code done} holds, checked every 10 ms; fails after 10 s. */
  static long millisUntil(BooleanSupplier done) throws InterruptedException {
    long start = System.nanoTime();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime() - start)
          .as("still not seen after 10 s")
          .isLessThan(10_000_000_000L);
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static BooleanSupplier unchecked(Check check) {
    return () -> {
      try {
        return check.holds();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anArticlePublishedOnAIsAnsweredOnBWithin2sAndItsDeletionOnBUnanswersA(String vendor)
      throws Exception {
    App a = instance(vendor, "a");
    App b = instance(vendor, "b");
    Service sa = serve(a);
    Service sb = serve(b);
    long aRebuilds = a.catalog().rebuilds(); // each rebuilt its new index when it opened
    long bRebuilds = b.catalog().rebuilds();
    assertThat(answers(sb, QUESTION)).isEmpty();
    long hits = b.cache().stats().hitCount();
    assertThat(answers(sb, QUESTION)).isEmpty();
    assertThat(b.cache().stats().hitCount()).as("B now answers from its cache").isGreaterThan(hits);

    assertThat(
            new AdminClient(sa.port(), TOKEN)
                .send("POST", "/api/admin/articles", ARTICLE)
                .statusCode())
        .isEqualTo(201);
    long published = millisUntil(unchecked(() -> answersWith(sb, QUESTION, "long-tong")));
    System.out.printf("[%s] published on A, answered on B after %d ms%n", vendor, published);
    assertThat(published).as("B's cached 'no answer' was dropped in time").isLessThan(2000);
    assertThat(answersWith(sa, QUESTION, "long-tong")).isTrue(); // A answers, and caches it

    assertThat(
            new AdminClient(sb.port(), TOKEN)
                .send("DELETE", "/api/admin/articles/long-tong", null)
                .statusCode())
        .isEqualTo(204);
    long deleted = millisUntil(unchecked(() -> answers(sa, QUESTION).isEmpty()));
    System.out.printf("[%s] deleted on B, unanswered on A after %d ms%n", vendor, deleted);
    assertThat(deleted).isLessThan(2000);

    JsonNode health =
        new AdminClient(sb.port(), null)
            .json(new AdminClient(sb.port(), null).send("GET", "/health", null));
    assertThat(health.has("index_lag")).isTrue();
    assertThat(health.path("index_lag").asLong()).isZero();
    assertThat(b.catalog().rebuilds())
        .as("B applied changes, it did not rebuild")
        .isEqualTo(bRebuilds);

    // A reindex asked of A is done by B too.
    assertThat(
            new AdminClient(sa.port(), TOKEN).send("POST", "/api/admin/reindex", null).statusCode())
        .isEqualTo(200);
    long reindexed = millisUntil(() -> b.catalog().rebuilds() == bRebuilds + 1);
    System.out.printf("[%s] reindex on A, B rebuilt after %d ms%n", vendor, reindexed);
    assertThat(a.catalog().rebuilds())
        .as("A rebuilt once, not again for its own marker")
        .isEqualTo(aRebuilds + 1);
    assertThat(b.index().size()).isEqualTo(a.index().size()).isEqualTo(a.store().count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aStoppedInstanceCatchesUpFromItsStoredSequenceAtItsNextOpen(String vendor) throws Exception {
    App a = instance(vendor, "a");
    App b = instance(vendor, "b");
    long bHeld = b.index().sequence();
    open.remove(b);
    b.close(); // B is down while A changes things

    a.publish(List.of(article("moi-1", "Khai trương chợ đêm"), article("moi-2", "Mở đường mới")));
    String seed = a.store().latest(1).get(0).id();
    assertThat(a.delete(seed)).isTrue();

    App again = instance(vendor, "b");
    assertThat(again.catalog().rebuilds()).as("caught up, not rebuilt").isZero();
    assertThat(again.catalog().applied()).as("the three changes after its sequence").isEqualTo(3);
    assertThat(again.index().sequence()).isGreaterThan(bHeld).isEqualTo(a.store().sequence());
    assertThat(again.index().size()).isEqualTo(a.store().count());

    // Stopped for longer than the changes are kept: it rebuilds instead.
    open.remove(again);
    again.close();
    a.publish(List.of(article("moi-3", "Hội chợ xuân")));
    a.publish(List.of(article("moi-4", "Giải chạy việt dã")));
    assertThat(a.store().changes().prune(Long.MAX_VALUE, 1000)).isPositive();
    App third = instance(vendor, "b");
    assertThat(third.catalog().rebuilds()).as("its changes were pruned").isOne();
    assertThat(third.index().size()).isEqualTo(a.store().count());
    assertThat(third.catalog().lag()).isZero();
  }

  /**
   * Regression: with two writers at once, the one holding the lower sequence number commits last. A
   * tailer that read the higher one in between would skip the lower one forever, unless writers are
   * serialized. Held here by a row lock on the article W1 writes second, after its first change
   * took a number. PostgreSQL only: SQLite has one writer at a time, so W1 cannot be held half-way
   * while another commits.
   */
  @Test
  void aWriterThatCommitsLateWithALowerSequenceIsNotSkipped() throws Exception {
    App a = instance("postgresql", "a");
    App b = instance("postgresql", "b");
    a.publish(List.of(article("x", "Bài x")));
    b.catalog().catchUp();
    // Threads of their own: the common pool may have a single thread on a small machine.
    try (Connection holder = DriverManager.getConnection(databaseUrl);
        Connection observer = DriverManager.getConnection(databaseUrl);
        ExecutorService writers = Executors.newFixedThreadPool(2)) {
      holder.setAutoCommit(false);
      try (Statement st = holder.createStatement()) {
        st.executeQuery("SELECT id FROM articles WHERE id = 'x' FOR UPDATE").close();
      }
      int holderPid = pid(holder);
      CompletableFuture<Integer> w1 =
          CompletableFuture.supplyAsync(
              () ->
                  a.store()
                      .upsertAll(List.of(article("early", "Bài sớm"), article("x", "Bài x mới"))),
              writers);
      millisUntil(
          unchecked(
              () ->
                  count(
                          observer,
                          "SELECT COUNT(*) FROM pg_stat_activity WHERE "
                              + holderPid
                              + " = ANY(pg_blocking_pids(pid))")
                      == 1));
      CompletableFuture<Integer> w2 =
          CompletableFuture.supplyAsync(
              () -> a.store().upsertAll(List.of(article("late", "Bài muộn"))), writers);
      millisUntil(
          unchecked(
              () ->
                  w2.isDone()
                      || count(
                              observer,
                              "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                                  + " AND relation = 'article_changes'::regclass")
                          == 1));
      b.catalog().catchUp(); // the tailer runs while W1 is in flight
      holder.commit();
      assertThat(w1.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(w2.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(b.catalog().lag()).as("three changes committed after B caught up").isEqualTo(3);
    b.catalog().catchUp();
    assertThat(b.index().size()).as("'early' is in B's index").isEqualTo(a.store().count());
    assertThat(b.catalog().lag()).isZero();
  }

  static int pid(Connection c) throws Exception {
    return (int) count(c, "SELECT pg_backend_pid()");
  }

  static long count(Connection c, String sql) throws Exception {
    try (PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Article article(String id, String title) {
    return Articles.titled(id, title);
  }
}
