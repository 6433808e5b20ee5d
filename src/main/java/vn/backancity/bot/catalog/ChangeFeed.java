package vn.backancity.bot.catalog;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.storage.Doorbell;

/**
 * Tails the database's article change feed for this instance: one thread that {@linkplain
 * ArticleCatalog#catchUp catches up}, then waits for the next change. On PostgreSQL it is woken by
 * the {@code NOTIFY} each change sends at commit (through {@link
 * vn.backancity.bot.storage.Notifications}, which calls {@link #wake}); without one (SQLite, a lost
 * notification, a broken listening connection) it looks again every {@code poll}. A wake-up says
 * nothing about what changed: what to apply is always read from the table.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  /** How long a change can go unseen when no notification arrives (SQLite, or a lost one). */
  public static final Duration POLL = Duration.ofMillis(500);

  private final ArticleCatalog catalog;
  private final Duration poll;
  private final Doorbell doorbell;
  private final Thread thread;
  private volatile boolean running = true;

  public ChangeFeed(ArticleCatalog catalog, Duration poll) {
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, not " + poll);
    }
    this.catalog = catalog;
    this.poll = poll;
    this.doorbell = new Doorbell(poll);
    this.thread = Thread.ofPlatform().name("article-changes").daemon().unstarted(this::run);
  }

  public ChangeFeed start() {
    thread.start();
    return this;
  }

  /** A change may have been committed (another instance said so): look now. */
  public void wake() {
    doorbell.ring();
  }

  private void run() {
    while (running) {
      try {
        catalog.catchUp();
      } catch (RuntimeException e) {
        log.warn("Could not apply article changes to the index; trying again: {}", e.toString());
      }
      if (!doorbell.await()) {
        break;
      }
    }
  }

  /** Stops tailing; waits for the thread (at most a poll interval and a catch-up). */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(poll.toMillis() + 10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
