package vn.backancity.bot.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import vn.backancity.bot.storage.Database;

/**
 * Databases for tests that must hold on both products: an SQLite file, or a fresh schema in the
 * PostgreSQL server named by TEST_POSTGRES_URL (.ci/run starts one; without it those cases skip).
 */
public final class TestDatabases {
  public static final String POSTGRES_URL = System.getenv("TEST_POSTGRES_URL");

  private TestDatabases() {}

  /** A JDBC URL of a new, empty PostgreSQL schema; skips the test when no server is set up. */
  public static String newPostgresSchema() throws Exception {
    Assumptions.assumeTrue(
        POSTGRES_URL != null && !POSTGRES_URL.isBlank(),
        "TEST_POSTGRES_URL is not set: PostgreSQL case skipped (.ci/run starts a server)");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(POSTGRES_URL);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Opens one more connection pool on the database ("another server instance"). */
  public static Database open(String vendor, String url, Path sqliteFile) {
    return vendor.equals("postgresql") ? Database.postgresql(url) : Database.sqlite(sqliteFile);
  }
}
