package vn.backancity.bot.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.storage.Doorbell;

/**
 * Processes the inbox: claims pending updates, runs each channel's handler on a small pool, and
 * marks them done. A handler that throws is tried again later (backoff doubling from one second)
 * and given up after {@code maxAttempts}, so that one poisonous update cannot block the rest.
 * Closing stops claiming, lets running handlers finish for a while, and hands unfinished rows back
 * for the next start.
 */
public final class InboxWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** Handles one update of a channel; its replies go to the outbox, keyed by the update. */
  public interface Handler {
    void handle(InboxItem item) throws Exception;
  }

  /** How the inbox is worked: threads, lease on claimed rows, attempts, idle poll. */
  public record Settings(int threads, Duration lease, int maxAttempts, Duration poll) {
    public Settings {
      if (threads < 1 || maxAttempts < 1) {
        throw new IllegalArgumentException("inbox.workers and inbox.max-attempts must be >= 1");
      }
      if (lease.toMillis() < 1000) {
        throw new IllegalArgumentException("inbox.lease must be at least 1s");
      }
    }
  }

  private final Inbox inbox;
  private final Map<String, Handler> handlers;
  private final Settings settings;
  private final Clock clock;
  private final String claimId;
  private final ExecutorService pool;
  private final Semaphore free;
  private final Doorbell doorbell;
  private final HandlingPace pace =
      new HandlingPace(System::nanoTime, Runtime.getRuntime().availableProcessors());
  private boolean inBurst; // the dispatcher's own: only to log when a burst starts and ends
  private volatile boolean running;
  private Thread dispatcher;

  /**
   * @param instance this instance's stable id: claims carry it so that the next start of the same
   *     instance can take back at once what a crash left claimed
   */
  public InboxWorker(
      Inbox inbox, Map<String, Handler> handlers, Settings settings, Clock clock, String instance) {
    this.inbox = inbox;
    this.handlers = Map.copyOf(handlers);
    this.settings = settings;
    this.doorbell = new Doorbell(settings.poll());
    this.clock = clock;
    this.claimId = instance + ":inbox:" + UUID.randomUUID().toString().substring(0, 8);
    this.pool =
        Executors.newFixedThreadPool(
            settings.threads(), Thread.ofPlatform().name("inbox-", 0).factory());
    this.free = new Semaphore(settings.threads());
    inbox.onAccepted(this::wake);
    int recovered = inbox.recover(instance + ":");
    if (recovered > 0) {
      log.info("Inbox: {} updates left claimed by an earlier run are taken again", recovered);
    }
  }

  public InboxWorker start() {
    running = true;
    dispatcher = Thread.ofPlatform().name("inbox-dispatch").start(this::run);
    return this;
  }

  /** An update was stored: look now rather than at the next poll. */
  public void wake() {
    doorbell.ring();
  }

  private void run() {
    while (running) {
      try {
        if (!dispatch()) {
          idle();
        }
      } catch (RuntimeException | Error e) {
        // An Error here must not end the dispatcher silently while the webhooks still answer 200.
        log.error("Inbox: claiming failed; retrying shortly", e);
        idle();
      }
    }
  }

  /**
   * Claims as many rows as there are free threads and starts them; false when none was due. During
   * a burst of arrivals ({@link HandlingPace}), handles them one after the other on this thread,
   * pausing after each, so that the webhooks keep most of the CPU.
   */
  private boolean dispatch() {
    free.acquireUninterruptibly();
    boolean burst = pace.burst(inbox.accepted());
    if (burst != inBurst) {
      inBurst = burst;
      log.info(
          burst
              ? "Inbox: updates arriving in a burst; handled one at a time while it lasts"
              : "Inbox: the burst is over; handling with every worker");
    }
    int slots = 1 + free.drainPermits();
    List<InboxItem> batch;
    try {
      batch =
          running
              ? inbox.claim(claimId, slots, settings.lease().toMillis(), handlers.keySet())
              : List.of();
    } catch (RuntimeException e) {
      free.release(slots);
      throw e;
    }
    free.release(slots - batch.size());
    // Claimed oldest first: the first row says how long the backlog has waited.
    boolean lagging =
        !batch.isEmpty()
            && clock.millis() - batch.get(0).receivedAt() >= HandlingPace.MAX_LAG.toMillis();
    if (burst && !lagging) {
      for (InboxItem item : batch) {
        long start = pace.now();
        handle(item);
        pause(HandlingPace.pauseNanos(pace.now() - start));
      }
      return !batch.isEmpty();
    }
    for (InboxItem item : batch) {
      pool.execute(() -> handle(item));
    }
    return !batch.isEmpty();
  }

  /**
   * Handles one claimed row and frees its thread's slot, on the dispatcher during a burst or on a
   * pool thread. A failure is logged and the row stays claimed until its lease ends; the others go
   * on (on the dispatcher an Error would otherwise end all handling).
   */
  private void handle(InboxItem item) {
    try {
      process(item);
    } catch (RuntimeException | Error e) {
      log.error("Inbox: {} update {} not finished", item.channel(), item.updateKey(), e);
    } finally {
      free.release();
    }
  }

  private static void pause(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(InboxItem item) {
    Handler handler = handlers.get(item.channel()); // claimed only for the channels it handles
    if (item.attempts() > settings.maxAttempts()) {
      // Claimed that often without an outcome: handling it stopped the process every time.
      log.error(
          "Inbox: {} update {} was taken {} times without finishing; given up",
          item.channel(),
          item.updateKey(),
          item.attempts() - 1);
      inbox.failed(item.id(), claimId, "the process stopped while handling it, every time");
      return;
    }
    try {
      handler.handle(item);
      inbox.done(item.id(), claimId);
    } catch (Exception e) {
      int attempts = item.attempts();
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (attempts >= settings.maxAttempts()) {
        log.error(
            "Inbox: {} update {} failed {} times; given up",
            item.channel(),
            item.updateKey(),
            attempts,
            e);
        inbox.failed(item.id(), claimId, reason);
      } else {
        log.warn(
            "Inbox: {} update {} failed ({}); trying again",
            item.channel(),
            item.updateKey(),
            reason);
        long backoff = 1000L << Math.min(attempts - 1, 10);
        inbox.retry(item.id(), claimId, clock.millis() + backoff, reason);
      }
    }
  }

  private void idle() {
    if (!doorbell.await()) {
      running = false;
    }
  }

  /** Stops claiming; running handlers get a grace period; what is unfinished stays pending. */
  @Override
  public void close() {
    running = false;
    wake();
    if (dispatcher != null) {
      try {
        dispatcher.join(SHUTDOWN_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    int left = inbox.release(claimId);
    if (left > 0) {
      log.info("Inbox: {} updates left for the next start", left);
    }
  }
}
