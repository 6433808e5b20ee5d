package vn.backancity.bot.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this instance when another one says something happened, through PostgreSQL's {@code
 * LISTEN/NOTIFY}: one thread, one connection of its own, a callback per channel. A notification is
 * only a wake-up, never the news itself (the table is), so a lost one costs the listener's own
 * polling interval and nothing else. On SQLite there is nobody else to hear from: it does nothing.
 */
public final class Notifications implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final Duration WAIT = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final DataSource db;
  private final Map<String, Runnable> callbacks;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private Connection listening; // only touched by the thread

  /**
   * @param callbacks what to run when a channel (a plain SQL identifier) is notified
   */
  public Notifications(DataSource db, Map<String, Runnable> callbacks) {
    callbacks.keySet().forEach(Notifications::checkChannel);
    this.db = db;
    this.callbacks = Map.copyOf(callbacks);
    this.thread = Thread.ofPlatform().name("notifications").daemon().unstarted(this::run);
  }

  /** Starts listening on PostgreSQL; on SQLite returns without starting anything. */
  public Notifications start(Database.Vendor vendor) {
    if (vendor == Database.Vendor.POSTGRESQL && !callbacks.isEmpty()) {
      thread.start();
    }
    return this;
  }

  /** Sends a notification on a channel (PostgreSQL only; delivered when the statement commits). */
  public static void send(Connection c, String channel) throws SQLException {
    checkChannel(channel);
    try (Statement st = c.createStatement()) {
      st.execute("NOTIFY " + channel);
    }
  }

  private static void checkChannel(String channel) {
    if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a channel name: " + channel);
    }
  }

  private void run() {
    while (stop.getCount() > 0) {
      try {
        PGConnection pg = listening();
        PGNotification[] got = pg.getNotifications((int) WAIT.toMillis());
        if (got != null) {
          for (PGNotification n : got) {
            Runnable callback = callbacks.get(n.getName());
            if (callback != null) {
              callback.run();
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        log.warn("Notifications: listening failed, trying again in {}: {}", RETRY, e.toString());
        closeListening();
        try {
          stop.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
          break;
        }
      }
    }
    closeListening();
  }

  private PGConnection listening() throws SQLException {
    if (listening == null) {
      Connection c = db.getConnection();
      try (Statement st = c.createStatement()) {
        for (String channel : callbacks.keySet()) {
          st.execute("LISTEN " + channel);
        }
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      listening = c;
    }
    return listening.unwrap(PGConnection.class);
  }

  private void closeListening() {
    if (listening != null) {
      // Back to the pool: a connection still listening would buffer notifications forever.
      try (Statement st = listening.createStatement()) {
        st.execute("UNLISTEN *");
      } catch (SQLException e) {
        log.debug("UNLISTEN failed (the connection is likely broken)", e);
      }
      try {
        listening.close();
      } catch (SQLException e) {
        log.debug("Closing the LISTEN connection failed", e);
      }
      listening = null;
    }
  }

  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(WAIT.toMillis() + 2_000); // returns at once when it was never started
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
