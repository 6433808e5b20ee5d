package vn.backancity.bot.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.ArticleChanges;

/**
 * Tails the database's article change feed for this instance: one thread that {@linkplain
 * ArticleCatalog#catchUp catches up}, then waits for the next change. On PostgreSQL it waits on a
 * {@code LISTEN} connection of its own (woken by the {@code NOTIFY} each change sends at commit)
 * for at most {@code poll}; on SQLite, or while that connection is broken, it just polls every
 * {@code poll}. A notification is only a wake-up: what to apply is always read from the table, so a
 * lost notification costs at most one poll interval.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  /** How long a change can go unseen when no notification arrives (SQLite, or a lost one). */
  public static final Duration POLL = Duration.ofMillis(500);

  private final ArticleCatalog catalog;
  private final DataSource db;
  private final Duration poll;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private Connection listening; // only touched by the thread
  private boolean listenFailed; // SQLite, or LISTEN refused: poll only (logged once)

  public ChangeFeed(ArticleCatalog catalog, DataSource db, Duration poll) {
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, not " + poll);
    }
    this.catalog = catalog;
    this.db = db;
    this.poll = poll;
    this.thread = Thread.ofPlatform().name("article-changes").daemon().unstarted(this::run);
  }

  public ChangeFeed start() {
    thread.start();
    return this;
  }

  private void run() {
    while (stop.getCount() > 0) {
      try {
        catalog.catchUp();
      } catch (RuntimeException e) {
        log.warn("Could not apply article changes to the index; trying again: {}", e.toString());
      }
      try {
        waitForChange();
      } catch (InterruptedException e) {
        break;
      }
    }
    closeListening();
  }

  /** Returns when a change may have been committed, after at most {@code poll}. */
  private void waitForChange() throws InterruptedException {
    PGConnection pg = listening();
    if (pg == null) {
      stop.await(poll.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    try {
      pg.getNotifications((int) poll.toMillis()); // what they say does not matter: the table does
    } catch (SQLException e) {
      log.warn("The LISTEN connection failed; polling until it is back: {}", e.getMessage());
      closeListening();
      stop.await(poll.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The LISTEN connection, opened when missing; null on SQLite or while it cannot be opened. */
  private PGConnection listening() {
    if (listenFailed) {
      return null;
    }
    try {
      if (listening == null) {
        Connection c = db.getConnection();
        if (!c.isWrapperFor(PGConnection.class)) {
          c.close();
          listenFailed = true; // SQLite: polling is all there is
          return null;
        }
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + ArticleChanges.CHANNEL);
        }
        listening = c;
      }
      return listening.unwrap(PGConnection.class);
    } catch (SQLException e) {
      log.warn("Cannot LISTEN for article changes; polling meanwhile: {}", e.getMessage());
      closeListening();
      return null;
    }
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

  /** Stops tailing; waits for the thread (at most a poll interval and a catch-up). */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(poll.toMillis() + 10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
