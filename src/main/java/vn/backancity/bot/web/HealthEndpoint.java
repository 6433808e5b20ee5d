package vn.backancity.bot.web;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.backancity.bot.answer.AnswerCache;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.feed.SourceStatus;
import vn.backancity.bot.search.ArticleIndex;

/** {@code GET /health}: is the service up, how much it knows, how well the cache works. */
final class HealthEndpoint {
  private final ArticleStore store;
  private final ArticleIndex index;
  private final AnswerCache cache;
  private final boolean telegram;
  private final boolean zalo;
  private final Supplier<List<SourceStatus>> feeds;
  private final Supplier<Map<String, Object>> queues;

  /**
   * @param queues inbox and outbox counts; counted at most every few seconds, since /health is
   *     public and counting scans the tables
   */
  HealthEndpoint(
      ArticleStore store,
      ArticleIndex index,
      AnswerCache cache,
      boolean telegram,
      boolean zalo,
      Supplier<List<SourceStatus>> feeds,
      Supplier<Map<String, Object>> queues) {
    this.queues = memoize(queues, java.time.Duration.ofSeconds(5));
    this.store = store;
    this.index = index;
    this.cache = cache;
    this.telegram = telegram;
    this.zalo = zalo;
    this.feeds = feeds;
  }

  void handle(Context ctx) {
    CacheStats stats = cache.stats();
    Map<String, Object> cacheInfo = new LinkedHashMap<>();
    cacheInfo.put("size", cache.size());
    cacheInfo.put("hits", stats.hitCount());
    cacheInfo.put("misses", stats.missCount());
    cacheInfo.put("hit_rate", Math.round(stats.hitRate() * 1000) / 1000.0);
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("articles", store.count());
    health.put("indexed", index.size());
    // Article changes in the database this instance's index does not hold yet (issue 11).
    health.put("index_lag", store.changes().countAfter(index.sequence()));
    health.put("cache", cacheInfo);
    health.put("telegram", telegram ? "on" : "off");
    health.put("zalo", zalo ? "on" : "off");
    health.put("feeds", feeds.get());
    health.putAll(queues.get());
    ctx.json(health);
  }

  private static <T> Supplier<T> memoize(Supplier<T> source, java.time.Duration fresh) {
    com.github.benmanes.caffeine.cache.LoadingCache<Boolean, T> cache =
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .expireAfterWrite(fresh)
            .build(k -> source.get());
    return () -> cache.get(Boolean.TRUE);
  }
}
