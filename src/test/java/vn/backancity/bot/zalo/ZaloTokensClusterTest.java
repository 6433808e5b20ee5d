package vn.backancity.bot.zalo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.config.ZaloSettings;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/**
 * Two instances' token keepers (each with its own connection pool and HTTP client, as two server
 * processes have) on one database, against a fake Zalo OAuth server on loopback whose refresh
 * tokens are single-use: the refresh happens once for the cluster.
 */
class ZaloTokensClusterTest {
  static final int CALLERS_PER_INSTANCE = 8;

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
  final ObjectMapper json = new ObjectMapper();
  final List<AutoCloseable> open = new ArrayList<>();
  FakeZaloApi zalo;
  Database first;
  Database second;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  void start(String vendor) throws Exception {
    zalo = new FakeZaloApi();
    open.add(zalo);
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    Path file = data.resolve("bot.db");
    first = TestDatabases.open(vendor, url, file);
    open.add(first);
    second = TestDatabases.open(vendor, url, file);
    open.add(second);
    zalo.accept("access-0", "refresh-0");
  }

  ZaloSettings settings() {
    return TestApps.settings(
            data,
            Map.of(
                "zalo.app-id", "1",
                "zalo.oa-secret", "oa-secret",
                "zalo.app-secret", "app-secret",
                "zalo.access-token", "access-0",
                "zalo.refresh-token", "refresh-0",
                "zalo.api-url", zalo.url(),
                "zalo.oauth-url", zalo.url()))
        .zalo();
  }

  /** One instance's token keeper: its own pool and its own HTTP client. */
  ZaloTokens instance(Database db) {
    OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).build();
    open.add(
        () -> {
          http.dispatcher().executorService().shutdown();
          http.connectionPool().evictAll();
        });
    return new ZaloTokens(db.dataSource(), settings(), http, json, clock, Duration.ofSeconds(20));
  }

  String storedRefreshToken(Database db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT refresh_token FROM zalo_tokens WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void manyCallersOnTwoInstancesSpendTheRefreshTokenOnceAndAllGetTheNewToken(String vendor)
      throws Exception {
    start(vendor);
    ZaloTokens a = instance(first);
    ZaloTokens b = instance(second);
    zalo.refreshDelayMillis = 300; // long enough for every caller to want the refresh meanwhile
    clock.advance(ZaloTokens.ASSUMED_LIFETIME); // the seeded token is about to expire

    List<String> got = callAtOnce(a, b);

    // Per-JVM single-flight made one call per instance: the second was refused (single use).
    assertThat(zalo.refreshes()).as("refresh calls Zalo received").containsExactly("refresh-0");
    assertThat(got).hasSize(2 * CALLERS_PER_INSTANCE).containsOnly("access-1");
    assertThat(storedRefreshToken(first)).isEqualTo("refresh-1");

    // A day later it happens again, once, with the pair stored the first time.
    clock.advance(Duration.ofHours(25));
    assertThat(callAtOnce(a, b)).containsOnly("access-2");
    assertThat(zalo.refreshes()).containsExactly("refresh-0", "refresh-1");
  }

  /** Every caller asks for the access token at the same moment, half of them on each instance. */
  List<String> callAtOnce(ZaloTokens a, ZaloTokens b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2 * CALLERS_PER_INSTANCE);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 2 * CALLERS_PER_INSTANCE; i++) {
        ZaloTokens tokens = i % 2 == 0 ? a : b;
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return tokens.current(Deadline.after(Duration.ofSeconds(10)));
                }));
      }
      go.countDown();
      List<String> got = new ArrayList<>();
      for (Future<String> call : calls) {
        got.add(call.get(20, TimeUnit.SECONDS));
      }
      return got;
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aClaimLeftByACrashedInstanceRunsOutAndTheNextCallerRefreshes(String vendor)
      throws Exception {
    start(vendor);
    ZaloTokens a = instance(first);
    ZaloTokens b = instance(second);
    clock.advance(ZaloTokens.ASSUMED_LIFETIME);
    // An instance claimed the refresh for 30 s and died before calling Zalo.
    try (Connection c = first.dataSource().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE zalo_tokens SET refreshing_until = ?, refreshing_by = 'dead' WHERE id = 1")) {
      st.setLong(1, clock.millis() + 30_000);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }

    // While its claim runs, the others wait (bounded by their deadline) and do not spend the token.
    assertThatThrownBy(() -> a.current(Deadline.after(Duration.ofMillis(300))))
        .isInstanceOf(InterruptedIOException.class)
        .hasMessageContaining("timeout")
        .hasMessageNotContaining("refresh-0");
    assertThat(zalo.refreshes()).isEmpty();

    clock.advance(Duration.ofSeconds(31));

    assertThat(b.current(Deadline.after(Duration.ofSeconds(5)))).isEqualTo("access-1");
    assertThat(a.current(Deadline.after(Duration.ofSeconds(5)))).isEqualTo("access-1");
    assertThat(zalo.refreshes()).containsExactly("refresh-0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aFailedRefreshGivesItsClaimUpSoTheNextCallerNeedNotWait(String vendor) throws Exception {
    start(vendor);
    ZaloTokens a = instance(first);
    ZaloTokens b = instance(second);
    clock.advance(ZaloTokens.ASSUMED_LIFETIME);
    zalo.appSecret = "rotated"; // Zalo refuses the refresh

    assertThatThrownBy(() -> a.current(Deadline.after(Duration.ofSeconds(5))))
        .hasMessageContaining("refresh failed");
    zalo.appSecret = "app-secret";

    // Not held up by a's claim: it was given up, so b claims and refreshes within a short deadline.
    assertThat(b.current(Deadline.after(Duration.ofSeconds(2)))).isEqualTo("access-1");
    assertThat(zalo.refreshes()).containsExactly("refresh-0", "refresh-0");
  }
}
