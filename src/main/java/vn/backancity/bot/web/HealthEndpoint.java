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
  private final Supplier<Map<String, Object>> counts;

  /**
   * @param queues inbox and outbox counts; counted at most every few seconds, since /health is
   *     public and counting scans the tables
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
    this.queues = memoize(queues, java.time.Duration.ofSeconds(5));
    this.roles = roles;
    this.indexLag = indexLag;
    this.readiness = readiness;
    this.store = store;
    this.index = index;
    this.cache = cache;
    this.telegram = telegram;
    this.zalo = zalo;
    this.feeds = feeds;
    this.counts = memoize(this::countInDatabase, java.time.Duration.ofSeconds(2));
  }

  void handle(Context ctx) {
    CacheStats stats = cache.stats();
    Map<String, Object> cacheInfo = new LinkedHashMap<>();
    cacheInfo.put("size", cache.size());
    cacheInfo.put("hits", stats.hitCount());
    cacheInfo.put("misses", stats.missCount());
    cacheInfo.put("hit_rate", Math.round(stats.hitRate() * 1000) / 1000.0);
    Map<String, Object> fromDatabase = counts.get();
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("articles", fromDatabase.get("articles"));
    health.put("indexed", index.size());
    health.put("cache", cacheInfo);
    health.put("telegram", telegram ? "on" : "off");
    health.put("zalo", zalo ? "on" : "off");
    health.put("feeds", fromDatabase.get("feeds"));
    health.put("roles", roles.get());
    health.put("index_lag", fromDatabase.get("index_lag"));
    health.putAll(queues.get());
    ctx.json(health);
  }

  /** What /health reads from the database: counted at most once every few seconds. */
  private Map<String, Object> countInDatabase() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("articles", store.count());
    out.put("feeds", feeds.get());
    OptionalLong lag = indexLag.get();
    out.put("index_lag", lag.isPresent() ? lag.getAsLong() : "unknown");
    return out;
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
