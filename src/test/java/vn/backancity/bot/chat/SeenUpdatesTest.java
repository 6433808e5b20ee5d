package vn.backancity.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.TestDatabases;

class SeenUpdatesTest {
  @TempDir Path dir;

  /** Regression: a made-up 300-character msg_id made PostgreSQL refuse the row, a 500. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void keysLongerThanTheColumnAreRecordedAndStayApart(String vendor) throws Exception {
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    try (Database db = TestDatabases.open(vendor, url, dir.resolve("bot.db"))) {
      SeenUpdates seen = new SeenUpdates(db.dataSource(), Clock.systemUTC());
      String one = "msg:" + "x".repeat(300) + "1";
      String two = "msg:" + "x".repeat(300) + "2";

      assertThat(seen.firstTime("zalo", one)).isTrue();
      assertThat(seen.firstTime("zalo", two)).isTrue();
      assertThat(seen.firstTime("zalo", one)).isFalse();
      seen.forget("zalo", one);
      assertThat(seen.firstTime("zalo", one)).isTrue();
      assertThat(SeenUpdates.stored(one)).hasSize(SeenUpdates.MAX_KEY);
      assertThat(SeenUpdates.stored("msg:short")).isEqualTo("msg:short");
    }
  }
}
