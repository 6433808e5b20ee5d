package vn.backancity.bot.web;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import vn.backancity.bot.answer.AnswerCache;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.feed.SourceStatus;
import vn.backancity.bot.search.ArticleIndex;

/**
 * {@code GET /health}: is the service up, how much it knows, how well the cache works, which
 * cluster roles this instance holds. {@code /health/live} and {@code /health/ready} are for load
 * balancers: live while the process serves, ready while it can answer (see {@link Readiness}).
 */
final class HealthEndpoint implements AutoCloseable {
  private final ArticleStore store;
  private final ArticleIndex index;
  private final AnswerCache cache;
  private final boolean telegram;
  private final boolean zalo;
  private final Supplier<List<SourceStatus>> feeds;
  private final Supplier<Map<String, Object>> queues;
  private final Supplier<List<String>> roles;
  private final Supplier<OptionalLong> indexLag;
  private final Readiness readiness;
  // /health is public and not rate-limited (load balancers call it): what it asks the database is
  // asked at most every two seconds, however many call it, so a flood cannot take the pool.
  private final Supplier<FromDatabase> fromDatabase;

  /**
   * @param queues inbox and outbox counts (read with the rest, at most every two seconds)
   * @param roles the cluster roles this instance holds now
   * @param indexLag changes the local index is behind the database; empty while unknown
   */
  HealthEndpoint(
      ArticleStore store,
      ArticleIndex index,
      AnswerCache cache,
      boolean telegram,
      boolean zalo,
      Supplier<List<SourceStatus>> feeds,
      Supplier<Map<String, Object>> queues,
      Supplier<List<String>> roles,
      Supplier<OptionalLong> indexLag,
      Readiness readiness) {
    this.queues = queues;
    this.roles = roles;
    this.indexLag = indexLag;
    this.readiness = readiness;
    this.store = store;
    this.index = index;
    this.cache = cache;
    this.telegram = telegram;
    this.zalo = zalo;
    this.feeds = feeds;
    this.fromDatabase = memoize(this::readDatabase, java.time.Duration.ofSeconds(2));
  }

  void handle(Context ctx) {
    CacheStats stats = cache.stats();
    Map<String, Object> cacheInfo = new LinkedHashMap<>();
    cacheInfo.put("size", cache.size());
    cacheInfo.put("hits", stats.hitCount());
    cacheInfo.put("misses", stats.missCount());
    cacheInfo.put("hit_rate", Math.round(stats.hitRate() * 1000) / 1000.0);
    FromDatabase read = fromDatabase.get();
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("articles", read.articles());
    health.put("indexed", index.size());
    health.put("cache", cacheInfo);
    health.put("telegram", telegram ? "on" : "off");
    health.put("zalo", zalo ? "on" : "off");
    health.put("feeds", read.feeds());
    health.put("roles", roles.get());
    health.put("index_lag", read.indexLag().isPresent() ? read.indexLag().getAsLong() : "unknown");
    health.putAll(read.queues());
    ctx.json(health);
  }

  /** What /health reads from the database. */
  private record FromDatabase(
      int articles, List<SourceStatus> feeds, OptionalLong indexLag, Map<String, Object> queues) {}

  private FromDatabase readDatabase() {
    return new FromDatabase(store.count(), feeds.get(), indexLag.get(), queues.get());
  }

  /** {@code GET /health/live}: 200 while the process serves requests; nothing else is asked. */
  void live(Context ctx) {
    ctx.json(Map.of("status", "live"));
  }

  /** {@code GET /health/ready}: 200, or 503 with the reason, for a load balancer. */
  void ready(Context ctx) {
    Readiness.State state = readiness.check();
    if (state.ready()) {
      ctx.json(Map.of("status", "ready"));
    } else {
      ctx.status(503).json(Map.of("status", "not ready", "reason", state.reason()));
    }
  }

  @Override
  public void close() {
    readiness.close();
  }

  private static <T> Supplier<T> memoize(Supplier<T> source, java.time.Duration fresh) {
    com.github.benmanes.caffeine.cache.LoadingCache<Boolean, T> cache =
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .expireAfterWrite(fresh)
            .build(k -> source.get());
    return () -> cache.get(Boolean.TRUE);
  }
}
