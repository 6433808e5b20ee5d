package vn.backancity.bot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.config.DeliverySettings;

/**
 * Sends one channel's outbox rows: claims due rows in batches, spaces them by the channel's token
 * bucket and per-chat pacing, sends a few in parallel, and records each outcome. A 429 pauses the
 * whole channel for the time the platform asks; transient errors are retried with exponential
 * backoff up to a cap; a chat that is gone is marked inactive and its remaining rows skipped.
 */
public final class OutboxWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

  private final Outbox outbox;
  private final Sender sender;
  private final ChatDirectory chats;
  private final DeliverySettings settings;
  private final Clock clock;
  private final TokenBucket bucket;
  private final ChatPacing pacing;
  private final String workerId;
  private final AtomicLong claims = new AtomicLong();
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private final ExecutorService sends;
  private final Semaphore inFlight;
  private final Object signal = new Object();
  private volatile boolean running;
  private volatile boolean work;
  private Thread dispatcher;

  public OutboxWorker(
      Outbox outbox, Sender sender, ChatDirectory chats, DeliverySettings settings, Clock clock) {
    this.outbox = outbox;
    this.sender = sender;
    this.chats = chats;
    this.settings = settings;
    this.clock = clock;
    this.bucket = new TokenBucket(settings.rate(), System::nanoTime);
    this.pacing = new ChatPacing(settings.perChat(), settings.groupPerMinute(), System::nanoTime);
    this.workerId = sender.channel() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.sends =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            Thread.ofPlatform().name("send-" + workerId + "-", 0).factory());
    this.inFlight = new Semaphore(settings.concurrency() * 2);
    outbox.onEnqueued(this::wake);
  }

  /** Starts the dispatcher thread. */
  public OutboxWorker start() {
    running = true;
    dispatcher = Thread.ofPlatform().name("outbox-" + workerId).start(this::run);
    log.info(
        "Outbox worker {} started: {} messages/s, {} in parallel",
        workerId,
        settings.rate(),
        settings.concurrency());
    return this;
  }

  /** Rows were enqueued: look now rather than at the next poll. */
  public void wake() {
    synchronized (signal) {
      work = true;
      signal.notifyAll();
    }
  }

  private void run() {
    while (running) {
      try {
        if (!dispatchBatch()) {
          idle();
        }
      } catch (RuntimeException e) {
        log.error("Outbox worker {}: dispatch failed; retrying shortly", workerId, e);
        idle();
      }
    }
  }

  /** Claims and dispatches one batch; false when nothing was due. */
  private boolean dispatchBatch() {
    long paused = bucket.pausedFor();
    if (paused > 0) {
      LockSupport.parkNanos(paused);
      return true;
    }
    String claimId = workerId + "-" + claims.incrementAndGet();
    gone.clear(); // rows of chats found gone earlier are marked blocked in the table by now
    long lease = settings.lease().toMillis();
    List<OutboxMessage> batch = outbox.claim(sender.channel(), claimId, batchSize(), lease);
    if (batch.isEmpty()) {
      return false;
    }
    long renewAt = clock.millis() + lease / 2;
    for (int i = 0; i < batch.size(); i++) {
      OutboxMessage m = batch.get(i);
      // A long pause (429) could outlast the lease: hand the rest back rather than risk another
      // instance claiming rows this one still means to send.
      if (!running || bucket.pausedFor() > Duration.ofMillis(lease / 4).toNanos()) {
        releaseFrom(batch, i, claimId);
        break;
      }
      if (gone.contains(m.chatId())) {
        outbox.blockChat(m.channel(), m.chatId(), "chat unreachable");
        continue;
      }
      long wait = pacing.tryTake(m.chatId(), m.toGroup());
      if (wait > 0) {
        outbox.release(m.id(), claimId, clock.millis() + TimeUnit.NANOSECONDS.toMillis(wait) + 1);
        continue;
      }
      LockSupport.parkNanos(bucket.reserve());
      if (clock.millis() >= renewAt) {
        outbox.renew(claimId, lease);
        renewAt = clock.millis() + lease / 2;
      }
      inFlight.acquireUninterruptibly();
      sends.execute(
          () -> {
            try {
              deliver(m, claimId);
            } catch (RuntimeException e) {
              // The row stays claimed; when the lease runs out it is sent again.
              log.error("Outbox row {} could not be recorded", m.id(), e);
            } finally {
              inFlight.release();
            }
          });
    }
    return true;
  }

  private int batchSize() {
    // About two seconds of sending: small enough that the lease never runs out mid-batch.
    return (int) Math.max(10, Math.min(500, settings.rate() * 2));
  }

  private void releaseFrom(List<OutboxMessage> batch, int from, String claimId) {
    long now = clock.millis();
    for (int j = from; j < batch.size(); j++) {
      outbox.release(batch.get(j).id(), claimId, now);
    }
  }

  private void deliver(OutboxMessage m, String claimId) {
    Reply message;
    try {
      message = outbox.message(m);
    } catch (Exception e) {
      outbox.failed(m.id(), claimId, m.attempts() + 1, "unreadable payload: " + e.getMessage());
      return;
    }
    Delivery result = sender.send(m.chatId(), message);
    switch (result) {
      case Delivery.Sent s -> {
        if (!outbox.sent(m.id(), claimId)) {
          log.warn("Outbox row {} was sent after its claim expired", m.id());
        }
      }
      case Delivery.RateLimited r -> {
        bucket.pauseFor(r.retryAfter().toNanos());
        log.warn("{}: rate limited, pausing all sending for {}", m.channel(), r.retryAfter());
        outbox.release(m.id(), claimId, clock.millis() + r.retryAfter().toMillis());
      }
      case Delivery.ChatGone g -> {
        gone.add(m.chatId());
        chats.deactivate(m.channel(), m.chatId());
        int skipped = outbox.blockChat(m.channel(), m.chatId(), g.reason());
        log.info(
            "{} chat {} unreachable ({}): marked inactive, {} messages skipped",
            m.channel(),
            m.chatId(),
            g.reason(),
            skipped);
      }
      case Delivery.Held h -> outbox.held(m.id(), claimId, h.reason());
      case Delivery.Failed f -> {
        int attempts = m.attempts() + 1;
        if (!f.retry() || attempts >= settings.maxAttempts()) {
          outbox.failed(m.id(), claimId, attempts, f.reason());
          log.warn("Outbox row {} failed after {} attempts: {}", m.id(), attempts, f.reason());
        } else {
          outbox.retry(m.id(), claimId, clock.millis() + backoff(attempts), attempts, f.reason());
        }
      }
    }
  }

  /** base × 2^(attempts-1), capped, with ±20% jitter so retries do not come back in step. */
  long backoff(int attempts) {
    long base = settings.backoff().toMillis();
    long capped = Math.min(settings.maxBackoff().toMillis(), base << Math.min(attempts - 1, 30));
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.max(1, (long) (capped * jitter));
  }

  private void idle() {
    synchronized (signal) {
      if (!work && running) {
        try {
          signal.wait(settings.poll().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      work = false;
    }
  }

  /** Stops claiming, lets messages in flight finish, hands unsent claimed rows back. */
  @Override
  public void close() {
    running = false;
    wake();
    if (dispatcher != null) {
      try {
        dispatcher.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sends.shutdown();
    try {
      sends.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
