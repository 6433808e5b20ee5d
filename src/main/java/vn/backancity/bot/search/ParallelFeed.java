package vn.backancity.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands what a source streams to a number of worker threads through a small bounded queue: the
 * source (one thread, e.g. a database cursor) never runs far ahead, and the work on each item (here
 * analysis, most of indexing) runs on every core. The first failure, of the source or of a worker,
 * stops the rest and is thrown to the caller.
 */
final class ParallelFeed {
  /** Work on one item that may fail with an I/O error. */
  interface Work<T> {
    void accept(T item) throws IOException;
  }

  private ParallelFeed() {}

  /**
   * Feeds every item {@code source} gives to {@code work} on {@code threads} threads and returns
   * how many were handled, once all are.
   */
  static <T> int run(int threads, Consumer<Consumer<T>> source, Work<T> work) {
    if (threads <= 1) {
      AtomicInteger count = new AtomicInteger();
      source.accept(
          item -> {
            try {
              work.accept(item);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            count.incrementAndGet();
          });
      return count.get();
    }
    BlockingQueue<T> queue = new ArrayBlockingQueue<>(threads * 64);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean sourceDone = new AtomicBoolean();
    AtomicInteger count = new AtomicInteger();
    List<Thread> workers = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      workers.add(
          Thread.ofPlatform()
              .name("index-feed-" + i)
              .daemon()
              .start(
                  () -> {
                    try {
                      // Ends when the source is done and the queue empty (nothing more can come),
                      // or at the first failure anywhere. Nothing is ever dropped from the queue.
                      while (failure.get() == null) {
                        // Read before the poll: done then and nothing polled means nothing is
                        // left (read after, the last item could arrive between the two).
                        boolean done = sourceDone.get();
                        T item = queue.poll(50, TimeUnit.MILLISECONDS);
                        if (item != null) {
                          work.accept(item);
                          count.incrementAndGet();
                        } else if (done) {
                          return;
                        }
                      }
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    try {
      source.accept(item -> put(queue, item, failure));
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e);
    } finally {
      sourceDone.set(true);
      for (Thread worker : workers) {
        join(worker);
      }
    }
    Throwable failed = failure.get();
    if (failed instanceof IOException io) {
      throw new UncheckedIOException(io);
    } else if (failed instanceof RuntimeException e) {
      throw e;
    } else if (failed instanceof Error e) {
      throw e;
    } else if (failed != null) {
      throw new IllegalStateException(failed);
    }
    return count.get();
  }

  private static <T> void put(BlockingQueue<T> queue, T item, AtomicReference<Throwable> f) {
    while (true) {
      Throwable failed = f.get();
      if (failed != null) {
        throw new IllegalStateException("indexing stopped: " + failed.getMessage(), failed);
      }
      if (offer(queue, item)) {
        return;
      }
    }
  }

  private static <T> boolean offer(BlockingQueue<T> queue, T item) {
    try {
      return queue.offer(item, 50, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while indexing", e);
    }
  }

  /**
   * Waits for the worker to end, even when interrupted: the caller holds the index's lock, and a
   * worker still writing after it is released would write into whatever comes next. The interrupt
   * is kept for the caller.
   */
  private static void join(Thread worker) {
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
