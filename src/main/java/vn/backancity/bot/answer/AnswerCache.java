package vn.backancity.bot.answer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers to frequent questions, keyed by the normalized question. Bounded and expiring. Every
 * index change starts a new generation: an answer computed from the old index, even one that
 * finishes after the change, is never served again.
 */
public final class AnswerCache {
  private final Cache<String, AnswerList> cache;
  private final AtomicLong generation = new AtomicLong();

  public AnswerCache(long maximumSize, Duration expiry, Ticker ticker) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .expireAfterWrite(expiry)
            .ticker(ticker)
            .recordStats()
            .build();
  }

  AnswerList get(String key, Supplier<AnswerList> compute) {
    return cache.get(generation.get() + "|" + key, k -> compute.get());
  }

  /** The cached answer for a key, or null: never computes one. */
  AnswerList getIfPresent(String key) {
    return cache.getIfPresent(generation.get() + "|" + key);
  }

  /** Forgets every cached answer; called when the index changes. */
  public void invalidateAll() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }

  public CacheStats stats() {
    return cache.stats();
  }

  public long size() {
    return cache.estimatedSize();
  }
}
