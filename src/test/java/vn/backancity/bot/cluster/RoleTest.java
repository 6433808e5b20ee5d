package vn.backancity.bot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestDatabases;

/** Roles held by leases in the database, driven by hand through an injected clock. */
class RoleTest {
  static final Duration TTL = Duration.ofSeconds(15);

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T01:00:00Z"));

  long nanos() {
    return clock.millis() * 1_000_000L;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void oneHolderAtATimeAndATakeoverWhenTheHolderStopsRenewing(String vendor) throws Exception {
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    try (Database db = TestDatabases.open(vendor, url, dir.resolve("bot.db"))) {
      Leases leases = new Leases(db.dataSource(), clock);
      AtomicInteger takenByB = new AtomicInteger();
      Role a = new Role("sender:telegram", "a", TTL, leases, () -> {}, this::nanos);
      Role b =
          new Role("sender:telegram", "b", TTL, leases, takenByB::incrementAndGet, this::nanos);

      a.tick();
      b.tick();
      assertThat(a.held()).isTrue();
      assertThat(b.held()).isFalse();
      long firstFence = a.fence();

      clock.advance(Duration.ofSeconds(5)); // a renews on time
      a.tick();
      b.tick();
      assertThat(a.held()).isTrue();
      assertThat(b.held()).isFalse();
      assertThat(a.fence()).as("a renewal keeps the fence").isEqualTo(firstFence);

      clock.advance(Duration.ofSeconds(12)); // a is paused: no renewal
      assertThat(a.held())
          .as("a paused holder stops acting before its lease in the database runs out")
          .isFalse();
      b.tick();
      assertThat(b.held()).as("not yet: a's lease still runs in the database").isFalse();

      clock.advance(Duration.ofSeconds(4));
      b.tick();
      assertThat(b.held()).isTrue();
      assertThat(takenByB).hasValue(1);
      assertThat(b.fence()).isGreaterThan(firstFence);
      a.tick();
      assertThat(a.held()).as("a comes back and finds its role taken").isFalse();
      assertThat(leases.holders()).containsEntry("sender:telegram", "b");

      b.close();
      a.tick();
      assertThat(a.held()).as("a clean stop hands the role over at once").isTrue();
    }
  }
}
