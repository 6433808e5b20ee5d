package vn.backancity.bot.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import vn.backancity.bot.answer.AnswerCache;

/**
 * The answer cache under Micrometer's cache meter names, tagged {@code cache=answers}: {@code
 * cache.gets} by {@code result} (hit, miss), {@code cache.evictions} and {@code cache.size}, read
 * from Caffeine's own statistics when scraped.
 */
public final class AnswerCacheMeters implements MeterBinder {
  private final AnswerCache cache;

  public AnswerCacheMeters(AnswerCache cache) {
    this.cache = cache;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("cache.gets", cache, c -> c.stats().hitCount())
        .description("Lookups of the answer cache, by result")
        .tags("cache", "answers", "result", "hit")
        .register(registry);
    FunctionCounter.builder("cache.gets", cache, c -> c.stats().missCount())
        .description("Lookups of the answer cache, by result")
        .tags("cache", "answers", "result", "miss")
        .register(registry);
    FunctionCounter.builder("cache.evictions", cache, c -> c.stats().evictionCount())
        .description("Answers evicted for size or age")
        .tags("cache", "answers")
        .register(registry);
    Gauge.builder("cache.size", cache, AnswerCache::size)
        .description("Answers in the cache (an estimate)")
        .tags("cache", "answers")
        .register(registry);
  }
}
