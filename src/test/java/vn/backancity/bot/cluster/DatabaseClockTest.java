package vn.backancity.bot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.TestDatabases;

/** The PostgreSQL server's clock, which every instance's leases are written and compared in. */
class DatabaseClockTest {
  @Test
  void readsTheServersTimeAndLeasesRunOnIt() throws Exception {
    String url = TestDatabases.newPostgresSchema();
    try (Database db = Database.postgresql(url)) {
      DatabaseClock clock = new DatabaseClock(db.dataSource());
      long before = System.currentTimeMillis();
      long server = clock.millis();
      long after = System.currentTimeMillis();
      // The test's server runs on this host: its clock is this one's.
      assertThat(server).isBetween(before - 1_000, after + 1_000);
      assertThat(clock.withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getZone())
          .isEqualTo(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
      assertThat(clock.instant())
          .isBetween(Instant.ofEpochMilli(before - 1_000), Instant.now().plusSeconds(1));

      // Two instances on the server's clock: the second cannot take a lease the first holds,
      // whatever their own clocks say; on its own clock, a minute ahead, it would.
      Leases honest = new Leases(db.dataSource(), clock);
      Leases other = new Leases(db.dataSource(), new DatabaseClock(db.dataSource()));
      OptionalLong held = honest.acquire("scheduler", "a", Duration.ofSeconds(15));
      assertThat(held).isPresent();
      assertThat(other.acquire("scheduler", "b", Duration.ofSeconds(15))).isEmpty();
      Leases skewed =
          new Leases(db.dataSource(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
      assertThat(skewed.acquire("scheduler", "b", Duration.ofSeconds(15)))
          .as("with its own clock, a minute ahead, it would take it")
          .isPresent();
    }
  }
}
