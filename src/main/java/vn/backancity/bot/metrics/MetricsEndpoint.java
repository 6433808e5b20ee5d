package vn.backancity.bot.metrics;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, for a Prometheus server that
 * sends {@code Authorization: Bearer <METRICS_TOKEN>} (the admin token unless that is set); 401
 * without it or with another. The token is compared in constant time and never logged. A scrape
 * reads the database at most every two seconds however often it comes (see {@link StateMeters}).
 */
public final class MetricsEndpoint {
  private final byte[] expected;
  private final Prometheus prometheus;

  public MetricsEndpoint(String token, Prometheus prometheus) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the metrics token must not be empty");
    }
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.prometheus = prometheus;
  }

  public void handle(Context ctx) {
    String given = ctx.header("Authorization");
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse("missing or wrong metrics token");
    }
    ctx.contentType(Prometheus.CONTENT_TYPE).result(prometheus.scrape());
  }
}
