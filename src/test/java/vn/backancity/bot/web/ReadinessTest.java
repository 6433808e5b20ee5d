package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.storage.Database;

/** Readiness on a real SQLite file, with a clock the test moves. */
class ReadinessTest {
  @TempDir Path data;
  Database db;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicLong nanos = new AtomicLong(1_000);
  final AtomicLong lag = new AtomicLong(-1);
  Readiness readiness;

  @BeforeEach
  void open() {
    db = Database.sqlite(data.resolve("bot.db"));
    readiness =
        new Readiness(
            counting(db.dataSource()),
            () -> lag.get() < 0 ? OptionalLong.empty() : OptionalLong.of(lag.get()),
            100,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            nanos::get);
  }

  @AfterEach
  void close() {
    readiness.close();
    db.close();
  }

  /** The data source, counting the connections asked for. */
  DataSource counting(DataSource real) {
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aFloodOfChecksAsksTheDatabaseOncePerSecond() {
    for (int i = 0; i < 1000; i++) {
      assertThat(readiness.check().ready()).isTrue();
    }
    assertThat(connections).hasValue(1);

    nanos.addAndGet(Duration.ofMillis(1001).toNanos());
    readiness.check();
    assertThat(connections).hasValue(2);
  }

  @Test
  void anIndexTooFarBehindIsNotReadyAndAnUnknownLagCountsAsNone() {
    assertThat(readiness.check()).isEqualTo(new Readiness.State(true, null));

    lag.set(101);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    Readiness.State behind = readiness.check();
    assertThat(behind.ready()).isFalse();
    assertThat(behind.reason()).isEqualTo("index behind the database by 101 changes (at most 100)");

    lag.set(100);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(readiness.check().ready()).isTrue();
  }

  @Test
  void aClosedDatabaseIsNotReady() {
    db.close(); // the pool refuses every connection from now on

    Readiness.State state = readiness.check();

    assertThat(state.ready()).isFalse();
    assertThat(state.reason()).startsWith("database unreachable: ");
  }
}
