package vn.backancity.bot.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Whether a load balancer should send this instance traffic: not while the database does not
 * answer, nor while the local index is more than a threshold of changes behind the database.
 *
 * <p>The database is asked at most once per {@code fresh} (a flood of health checks costs one
 * query), on a thread of its own with a deadline: a pool waiting for a dead server (HikariCP waits
 * 30 s for a connection) holds that one thread, never the callers, and no second probe starts while
 * one is still waiting.
 */
final class Readiness implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  static final Duration FRESH = Duration.ofSeconds(1);

  /** Changes the index may be behind the database and still serve. */
  static final long MAX_INDEX_LAG = 100;

  /** Ready, or not with the reason why. */
  record State(boolean ready, String reason) {}

  private final DataSource db;
  private final Supplier<OptionalLong> indexLag;
  private final long maxIndexLag;
  private final Duration timeout;
  private final long freshNanos;
  private final LongSupplier nanos;
  private final ExecutorService prober =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("db-probe").daemon().factory());
  private Future<OptionalLong> probe;
  private State last;
  private long checkedAt;

  /**
   * @param indexLag how many changes the local index is behind the database; empty while unknown
   *     (no change feed yet), which counts as none
   * @param nanos a monotonic clock
   */
  Readiness(
      DataSource db,
      Supplier<OptionalLong> indexLag,
      long maxIndexLag,
      Duration timeout,
      Duration fresh,
      LongSupplier nanos) {
    this.db = db;
    this.indexLag = indexLag;
    this.maxIndexLag = maxIndexLag;
    this.timeout = timeout;
    this.freshNanos = fresh.toNanos();
    this.nanos = nanos;
  }

  Readiness(DataSource db, Supplier<OptionalLong> indexLag) {
    this(db, indexLag, MAX_INDEX_LAG, TIMEOUT, FRESH, System::nanoTime);
  }

  synchronized State check() {
    long now = nanos.getAsLong();
    if (last != null && now - checkedAt < freshNanos) {
      return last;
    }
    String problem = problem();
    last = new State(problem == null, problem);
    checkedAt = nanos.getAsLong();
    return last;
  }

  /**
   * Null when the database answered within the timeout and the index is close enough to it, else
   * what is wrong. Both are asked on the probe's own thread, so a slow database holds no request.
   */
  private String problem() {
    if (probe == null || probe.isDone()) {
      probe = prober.submit(this::probe);
    }
    OptionalLong lag;
    try {
      lag = probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return "database did not answer within " + timeout.toMillis() + " ms";
    } catch (ExecutionException e) {
      return "database unreachable: " + e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while asking the database";
    }
    if (lag.isPresent() && lag.getAsLong() > maxIndexLag) {
      return "index behind the database by "
          + lag.getAsLong()
          + " changes (at most "
          + maxIndexLag
          + ")";
    }
    return null;
  }

  private OptionalLong probe() throws SQLException {
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
      // Reads a small table rather than SELECT 1: SQLite answers SELECT 1 without its file.
      st.executeQuery("SELECT COUNT(*) FROM leases").close();
    }
    return indexLag.get();
  }

  @Override
  public void close() {
    prober.shutdownNow();
  }
}
