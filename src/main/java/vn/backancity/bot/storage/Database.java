package vn.backancity.bot.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The relational database: a connection pool whose schema Flyway has brought up to date. SQLite
 * (one file, the default) or PostgreSQL (several server instances sharing one database). Migrations
 * are portable SQL in {@code db/migration}; the few statements that differ (generated keys) live in
 * {@code db/vendor/<vendor>}.
 */
public final class Database implements AutoCloseable {
  /** The database product, for the little SQL that is not portable. */
  public enum Vendor {
    SQLITE,
    POSTGRESQL;

    /**
     * What to append to a SELECT that picks rows to claim: PostgreSQL lets concurrent claimers pass
     * over rows another transaction holds; SQLite has a single writer and needs nothing.
     */
    public String skipLocked() {
      return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /**
     * What to append to a SELECT whose rows must not change until this transaction ends: PostgreSQL
     * locks them (a concurrent UPDATE waits, and a locker waiting on one sees its new version);
     * SQLite's transactions hold the one write lock from their start and need nothing.
     */
    public String lockShared() {
      return this == POSTGRESQL ? " FOR SHARE" : "";
    }
  }

  private final HikariDataSource pool;
  private final Vendor vendor;

  private Database(HikariDataSource pool, Vendor vendor) {
    this.pool = pool;
    this.vendor = vendor;
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations(
              "classpath:db/migration",
              "classpath:db/vendor/" + vendor.name().toLowerCase(java.util.Locale.ROOT))
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * PostgreSQL when {@code url} is a {@code jdbc:postgresql:} URL; SQLite at the file a {@code
   * jdbc:sqlite:} URL names (instances on one host may share it); else SQLite at {@code file}.
   */
  public static Database open(String url, Path file) {
    if (url == null || url.isBlank()) {
      return sqlite(file);
    }
    if (url.startsWith("jdbc:sqlite:") && url.length() > "jdbc:sqlite:".length()) {
      return sqlite(Path.of(url.substring("jdbc:sqlite:".length())));
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "database.url must be a jdbc:postgresql: or jdbc:sqlite: URL (or empty for SQLite in"
              + " data.dir)");
    }
    return postgresql(url);
  }

  /** A PostgreSQL database; credentials may be in the URL (?user=...&password=...). */
  public static Database postgresql(String url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("postgresql");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    return new Database(new HikariDataSource(config), Vendor.POSTGRESQL);
  }

  /** An SQLite file, created with its folder when missing. */
  public static Database sqlite(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder for " + file, e);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("sqlite");
    config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
    // WAL lets readers run beside the one writer; busy_timeout makes writers queue, not fail.
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "NORMAL");
    config.addDataSourceProperty("busy_timeout", "10000");
    config.addDataSourceProperty("foreign_keys", "true");
    // Transactions take the write lock when they begin: a transaction that read first and wrote
    // later would fail at once (SQLITE_BUSY_SNAPSHOT) whenever another connection wrote between.
    config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    config.setMaximumPoolSize(4);
    return new Database(new HikariDataSource(config), Vendor.SQLITE);
  }

  public DataSource dataSource() {
    return pool;
  }

  public Vendor vendor() {
    return vendor;
  }

  @Override
  public void close() {
    pool.close();
  }
}
