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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.config.DeliverySettings;
import vn.backancity.bot.storage.Doorbell;

/**
 * Sends one channel's outbox rows: claims due rows in batches (replies in a lane of their own,
 * taken ahead of everything; then urgent pushes, taken ahead of ordinary ones), spaces every
 * platform message by the channel's token bucket and per-chat pacing, sends a few in parallel, and
 * records each outcome, part by part. A 429 pauses the whole channel for the time the platform
 * asks; transient errors are retried with exponential backoff up to a cap; a chat that is gone is
 * marked inactive and its remaining rows skipped.
 */
public final class OutboxWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  private static final int REPLY_BATCH = 20;

  private final Outbox outbox;
  private final Sender sender;
  private final ChatDirectory chats;
  private final DeliverySettings settings;
  private final Clock clock;
  private final TokenBucket bucket;
  private final ChatPacing pacing;
  private final SendWindow window;
  private final String workerId;
  private final AtomicLong claims = new AtomicLong();
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private final ExecutorService sends;
  private final Semaphore inFlight;
  private final Doorbell doorbell;
  private final BooleanSupplier mayAct;
  private final DeliveryOutcomes outcomes;
  private volatile boolean running;
  private volatile boolean replyWaiting;
  private volatile boolean urgentWaiting;
  private Thread dispatcher;

  /**
   * @param instance this instance's stable id: claims carry it so that the next start of the same
   *     instance can take back at once what a crash left claimed
   */
  public OutboxWorker(
      Outbox outbox,
      Sender sender,
      ChatDirectory chats,
      DeliverySettings settings,
      Clock clock,
      String instance) {
    this(outbox, sender, chats, settings, clock, instance, () -> true);
  }

  /**
   * @param mayAct true while this instance holds the channel's sender role: the platform's limits
   *     are per bot, so one instance at a time sends, and a paused one that lost the role stops
   */
  public OutboxWorker(
      Outbox outbox,
      Sender sender,
      ChatDirectory chats,
      DeliverySettings settings,
      Clock clock,
      String instance,
      BooleanSupplier mayAct) {
    this(outbox, sender, chats, settings, clock, instance, mayAct, DeliveryOutcomes.NONE);
  }

  /**
   * @param outcomes told the outcome of every send attempt (to count them per channel)
   */
  public OutboxWorker(
      Outbox outbox,
      Sender sender,
      ChatDirectory chats,
      DeliverySettings settings,
      Clock clock,
      String instance,
      BooleanSupplier mayAct,
      DeliveryOutcomes outcomes) {
    this.mayAct = mayAct;
    this.outcomes = outcomes;
    this.outbox = outbox;
    this.sender = sender;
    this.chats = chats;
    this.settings = settings;
    this.doorbell = new Doorbell(settings.poll());
    this.clock = clock;
    this.bucket = new TokenBucket(settings.rate(), System::nanoTime);
    this.pacing = new ChatPacing(settings.perChat(), settings.groupPerMinute(), System::nanoTime);
    this.window = new SendWindow((int) Math.max(1, Math.floor(settings.rate())), System::nanoTime);
    this.workerId =
        instance + ":" + sender.channel() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.sends =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            Thread.ofPlatform().name("send-" + workerId + "-", 0).factory());
    this.inFlight = new Semaphore(settings.concurrency() * 2);
    outbox.onEnqueued(this::wake);
    outbox.onReply(this::wakeForReply);
    outbox.onUrgent(this::wakeForUrgent);
    int recovered = outbox.recover(instance + ":" + sender.channel() + "-");
    if (recovered > 0) {
      log.info("Outbox: {} rows left claimed by an earlier run are taken again", recovered);
    }
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
    doorbell.ring();
  }

  private void run() {
    while (running) {
      try {
        if (!mayAct.getAsBoolean()) {
          idle();
          continue;
        }
        boolean replies = dispatchReplies();
        // While urgent rows are due, ordinary pushes wait for the next round.
        boolean urgent = dispatchUrgent();
        boolean pushes = !urgent && dispatchPushes();
        if (!replies && !urgent && !pushes) {
          idle();
        }
      } catch (RuntimeException e) {
        log.error("Outbox worker {}: dispatch failed; retrying shortly", workerId, e);
        idle();
      }
    }
  }

  /** A reply was queued: take it before the next push. */
  public void wakeForReply() {
    replyWaiting = true;
    wake();
  }

  /** Urgent pushes were queued: take them before the next ordinary push. */
  public void wakeForUrgent() {
    urgentWaiting = true;
    wake();
  }

  /** Claims and dispatches one batch of due urgent pushes; false when none was due. */
  private boolean dispatchUrgent() {
    urgentWaiting = false;
    return dispatchLane(Outbox.URGENT_LANE, batchSize());
  }

  /** Claims and dispatches due replies; false when none was due. */
  private boolean dispatchReplies() {
    replyWaiting = false;
    return dispatchLane(Outbox.REPLY_LANE, REPLY_BATCH);
  }

  /**
   * Claims and dispatches up to {@code batch} due rows of a lane that goes ahead of ordinary
   * pushes; false when none was due, the worker is stopping, or the platform asked for a long
   * pause.
   */
  private boolean dispatchLane(int lane, int batch) {
    if (!running || bucket.pausedFor() > pauseLimit()) {
      return false;
    }
    String claimId = workerId + "-" + claims.incrementAndGet();
    List<OutboxMessage> rows =
        outbox.claim(sender.channel(), lane, claimId, batch, settings.lease().toMillis());
    dispatch(rows, claimId, lane);
    return !rows.isEmpty();
  }

  /** Claims and dispatches one batch of pushes; false when nothing was due. */
  private boolean dispatchPushes() {
    long paused = bucket.pausedFor();
    if (paused > 0) {
      LockSupport.parkNanos(paused);
      return true;
    }
    String claimId = workerId + "-" + claims.incrementAndGet();
    gone.clear(); // rows of chats found gone earlier are marked blocked in the table by now
    List<OutboxMessage> batch =
        outbox.claim(
            sender.channel(), Outbox.PUSH_LANE, claimId, batchSize(), settings.lease().toMillis());
    dispatch(batch, claimId, Outbox.PUSH_LANE);
    return !batch.isEmpty();
  }

  /**
   * Sends the next part of each row, one platform message per token of the channel's rate and per
   * slot of the chat's pacing. Between pushes, waiting replies go first, and between ordinary
   * pushes, waiting urgent ones.
   */
  private void dispatch(List<OutboxMessage> batch, String claimId, int lane) {
    long lease = settings.lease().toMillis();
    long renewAt = clock.millis() + lease / 2;
    for (int i = 0; i < batch.size(); i++) {
      OutboxMessage m = batch.get(i);
      if (lane != Outbox.REPLY_LANE && replyWaiting) {
        dispatchReplies();
      }
      if (lane == Outbox.PUSH_LANE && urgentWaiting) {
        // Hand the rest back, so that an urgent broadcast of any length never outlasts their lease;
        // the next round takes the urgent rows first.
        releaseFrom(batch, i, claimId, clock.millis());
        return;
      }
      // A long pause (429) could outlast the lease: hand the rest back rather than risk another
      // instance claiming rows this one still means to send.
      long paused = bucket.pausedFor();
      if (!running || paused > pauseLimit() || !mayAct.getAsBoolean()) {
        releaseFrom(batch, i, claimId, clock.millis() + TimeUnit.NANOSECONDS.toMillis(paused));
        return;
      }
      if (m.expiresAt() > 0 && clock.millis() >= m.expiresAt()) {
        outbox.expired(m.id(), claimId);
        log.warn("Outbox {} {} to {} expired unsent", m.kind(), m.id(), m.chatId());
        continue;
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
      int slot = window.acquire();
      if (clock.millis() >= renewAt) {
        outbox.renew(claimId, lease);
        renewAt = clock.millis() + lease / 2;
      }
      inFlight.acquireUninterruptibly();
      sends.execute(
          () -> {
            try {
              deliver(m, claimId, slot);
            } catch (RuntimeException e) {
              // The row stays claimed; when the lease runs out it is sent again.
              log.error("Outbox row {} could not be recorded", m.id(), e);
            } finally {
              inFlight.release();
            }
          });
    }
  }

  private long pauseLimit() {
    return Duration.ofMillis(settings.lease().toMillis() / 4).toNanos();
  }

  private int batchSize() {
    // About two seconds of sending: small enough that the lease never runs out mid-batch.
    return (int) Math.max(10, Math.min(500, settings.rate() * 2));
  }

  private void releaseFrom(List<OutboxMessage> batch, int from, String claimId, long notBefore) {
    for (int j = from; j < batch.size(); j++) {
      outbox.release(batch.get(j).id(), claimId, notBefore);
    }
  }

  /** Sends the row's first unsent part and records how it went. */
  private void deliver(OutboxMessage m, String claimId, int slot) {
    List<Sender.Part> parts;
    try {
      parts = sender.render(m.chatId(), m.replyTo(), outbox.message(m));
    } catch (Exception e) {
      window.answered(slot);
      outbox.failed(m.id(), claimId, m.attempts() + 1, "unreadable payload: " + e.getMessage());
      outcomes.record(m.channel(), DeliveryOutcomes.Outcome.FAILED);
      return;
    }
    int part = m.partsSent();
    if (part >= parts.size()) {
      window.answered(slot);
      outbox.sent(m.id(), claimId, parts.size());
      return;
    }
    if (!outbox.holdForSend(m.id(), claimId, clock.millis() + settings.lease().toMillis())) {
      // A slow platform kept it queued here past its lease, and another claim took it over.
      window.answered(slot);
      log.warn("Outbox row {} not sent: its claim expired before its turn", m.id());
      return;
    }
    Delivery result;
    try {
      result = parts.get(part).send();
    } finally {
      window.answered(slot);
      pacing.answered(m.chatId(), m.toGroup());
    }
    switch (result) {
      case Delivery.Sent s -> {
        outcomes.record(m.channel(), DeliveryOutcomes.Outcome.SENT);
        boolean recorded;
        if (part + 1 == parts.size()) {
          recorded = outbox.sent(m.id(), claimId, parts.size());
        } else {
          long gap = TimeUnit.NANOSECONDS.toMillis(pacing.gap(m.toGroup()));
          recorded = outbox.partSent(m.id(), claimId, part + 1, clock.millis() + gap);
          wake();
        }
        if (!recorded) {
          log.warn("Outbox row {} was sent after its claim expired", m.id());
        }
      }
      case Delivery.RateLimited r -> {
        outcomes.record(m.channel(), DeliveryOutcomes.Outcome.RATE_LIMITED);
        bucket.pauseFor(r.retryAfter().toNanos());
        log.warn("{}: rate limited, pausing all sending for {}", m.channel(), r.retryAfter());
        outbox.release(m.id(), claimId, clock.millis() + r.retryAfter().toMillis());
      }
      case Delivery.ChatGone g -> {
        outcomes.record(m.channel(), DeliveryOutcomes.Outcome.CHAT_GONE);
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
      case Delivery.Held h -> {
        outcomes.record(m.channel(), DeliveryOutcomes.Outcome.HELD);
        outbox.held(m.id(), claimId, h.reason());
      }
      case Delivery.Failed f -> failed(m, claimId, f);
    }
  }

  /**
   * A push is retried up to max-attempts; a reply until its deadline (a citizen waiting for an
   * answer is worth more tries, and a late answer is worth less than none after a while).
   */
  private void failed(OutboxMessage m, String claimId, Delivery.Failed f) {
    int attempts = m.attempts() + 1;
    long retryAt = clock.millis() + backoff(attempts);
    boolean giveUp =
        !f.retry()
            || (m.reply()
                ? m.expiresAt() > 0 && retryAt >= m.expiresAt()
                : attempts >= settings.maxAttempts());
    outcomes.record(
        m.channel(), giveUp ? DeliveryOutcomes.Outcome.FAILED : DeliveryOutcomes.Outcome.RETRY);
    if (giveUp) {
      outbox.failed(m.id(), claimId, attempts, f.reason());
      log.warn("Outbox {} {} failed after {} attempts: {}", m.kind(), m.id(), attempts, f.reason());
    } else {
      outbox.retry(m.id(), claimId, retryAt, attempts, f.reason());
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
    if (!doorbell.await()) {
      running = false;
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
