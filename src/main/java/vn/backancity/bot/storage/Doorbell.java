package vn.backancity.bot.storage;

import java.time.Duration;

/**
 * How a worker over a table waits: until someone rings (rows were committed in this process) or the
 * poll interval passes (rows another instance committed, retries whose time came). A ring while the
 * worker is busy is remembered, so it looks again at once instead of sleeping.
 */
public final class Doorbell {
  private final Duration poll;
  private boolean rung;

  public Doorbell(Duration poll) {
    this.poll = poll;
  }

  public synchronized void ring() {
    rung = true;
    notifyAll();
  }

  /** Waits for a ring or the poll interval; false when interrupted (the worker should stop). */
  public synchronized boolean await() {
    try {
      if (!rung) {
        wait(poll.toMillis());
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      rung = false;
    }
  }
}
