package vn.backancity.bot.metrics;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request as {@code http.server.requests}, tagged with the method, the route and
 * the status. Javalin calls a request logger once the response is done, refusals and errors
 * included, with the time since the request came in. The route is the template that matched ({@code
 * /articles/{id}}), never the raw path, and unknown methods are {@code OTHER}: a scan of random
 * paths or methods cannot make series without end. A path no route matches is {@code NOT_FOUND}; a
 * request that a before handler answered (401 on the admin API, 429 from the rate limit) counts
 * under the route it was for, although that route's handler never ran.
 */
public final class HttpRequestTimer implements RequestLogger {
  static final String NAME = "http.server.requests";
  static final String NOT_FOUND = "NOT_FOUND";
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  // Histogram buckets for latency quantiles in Prometheus: a few, so that series stay few.
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(25),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Map<Series, Timer> timers = new ConcurrentHashMap<>();
  private final JavalinState javalin;

  /**
   * @param javalin the server's state ({@code config.unsafe}), whose router knows the routes
   */
  public HttpRequestTimer(MeterRegistry registry, JavalinState javalin) {
    this.registry = registry;
    this.javalin = javalin;
  }

  @Override
  public void handle(Context ctx, Float executionTimeMs) {
    String method = ctx.method().name();
    String known = METHODS.contains(method) ? method : "OTHER";
    String route = route(ctx);
    int status = ctx.statusCode();
    // The timer of each series kept at hand: building and registering it again on every request
    // (tags sorted, the registry searched) cost more than recording the time.
    timers
        .computeIfAbsent(
            new Series(known, route, status),
            s ->
                Timer.builder(NAME)
                    .description("HTTP requests by method, matched route and status")
                    .tags(
                        "method",
                        s.method(),
                        "route",
                        s.route(),
                        "status",
                        Integer.toString(s.status()))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry))
        .record((long) (executionTimeMs * 1_000_000.0), TimeUnit.NANOSECONDS);
  }

  /** One series' tags (few: methods, route templates and statuses are bounded). */
  private record Series(String method, String route, int status) {}

  private String route(Context ctx) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    if (matched != null) {
      return matched.path;
    }
    // Javalin knows the matched route once its handler runs; when a before handler answered
    // instead, ask the router which route it was (as Javalin's own Micrometer plugin does).
    HandlerType method = ctx.method().equals(HandlerType.HEAD) ? HandlerType.GET : ctx.method();
    ParsedEndpoint route = javalin.internalRouter.findFirstHttpHandlerEntry(method, ctx.path());
    return route == null ? NOT_FOUND : route.endpoint.path;
  }
}
