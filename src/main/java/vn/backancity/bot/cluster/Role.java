package vn.backancity.bot.cluster;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A role that one instance of the cluster holds at a time: tries to take or renew its lease every
 * third of the lease time. Components gate their work on {@link #held}. A holder that was paused (a
 * long GC, a frozen VM) past its lease may find its role taken; {@link #held} answers from the
 * holder's own monotonic clock, with a safety margin, so such a holder stops acting before another
 * could have started, without asking the database.
 */
public final class Role implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Role.class);

  private final String name;
  private final String holder;
  private final Duration ttl;
  private final Leases leases;
  private final Runnable onTaken;
  private final LongSupplier nanos;
  private final ScheduledExecutorService timer;
  private volatile long validUntil;
  private volatile long fence = -1;
  private volatile boolean running;

  /**
   * @param onTaken called when this instance takes the role (e.g. to wake a worker)
   */
  public Role(String name, String holder, Duration ttl, Leases leases, Runnable onTaken) {
    this(name, holder, ttl, leases, onTaken, System::nanoTime);
  }

  Role(
      String name,
      String holder,
      Duration ttl,
      Leases leases,
      Runnable onTaken,
      LongSupplier nanos) {
    this.name = name;
    this.holder = holder;
    this.ttl = ttl;
    this.leases = leases;
    this.onTaken = onTaken;
    this.nanos = nanos;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("role-" + name).daemon().factory());
  }

  /** Starts competing for the lease; the first try is made before this returns. */
  public Role start() {
    tick();
    long every = Math.max(100, ttl.toMillis() / 3);
    timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** True while this instance holds the lease (with a margin): act only then. */
  public boolean held() {
    // Compared as a difference: nanoTime values may be negative or wrap.
    return running && nanos.getAsLong() - validUntil < 0;
  }

  /** The fence number of the lease held, or -1. */
  public long fence() {
    return held() ? fence : -1;
  }

  public String name() {
    return name;
  }

  synchronized void tick() {
    long asked = nanos.getAsLong();
    OptionalLong got;
    try {
      got = leases.acquire(name, holder, ttl);
    } catch (RuntimeException e) {
      log.warn(
          "Role {}: cannot reach the leases ({}); keeping what it has until it expires",
          name,
          e.getMessage());
      got = OptionalLong.empty();
      if (held()) {
        return;
      }
    }
    if (got.isPresent()) {
      // Counted from before the request: the lease in the database runs at least this long.
      validUntil = asked + ttl.toNanos() * 3 / 4;
      boolean takeover = fence != got.getAsLong();
      fence = got.getAsLong();
      if (!running || takeover) {
        running = true;
        log.info("Role {}: taken by {} (fence {})", name, holder, fence);
        onTaken.run();
      }
    } else if (running) {
      running = false;
      log.info("Role {}: lost by {}", name, holder);
    }
  }

  /** Stops competing and hands the lease over at once. */
  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (running) {
      running = false;
      try {
        leases.release(name, holder);
      } catch (RuntimeException e) {
        log.warn("Role {}: could not release the lease; it expires by itself", name);
      }
    }
  }
}
