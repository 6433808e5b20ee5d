package vn.backancity.bot.web;

import io.javalin.http.Context;
import java.util.Collections;

/**
 * Runs before the public routes (web chat, /api/ask, article pages, /tin-moi): a client over its
 * allowance gets 429 with Retry-After, before any work is done for it. Webhooks, /health and the
 * admin API are not behind it: the platforms and operators must get through a flood.
 */
final class PublicRateLimit {
  // Buckets kept at once: ~400 bytes each with key and cache entry (measured), so a flood of
  // made-up addresses costs at most ~8 MB. Caffeine's admission policy keeps the clients seen
  // often: addresses used once are evicted first, not the busy client the limit is for.
  static final int MAX_CLIENTS = 20_000;

  /** The request attribute holding the client's address as this check saw it. */
  static final String CLIENT = "client";

  static final String TOO_MANY = "Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau %d giây.";

  private final TrustedProxies proxies;
  private final ClientRateLimiter limiter;

  PublicRateLimit(TrustedProxies proxies, ClientRateLimiter limiter) {
    this.proxies = proxies;
    this.limiter = limiter;
  }

  void check(Context ctx) {
    // Every X-Forwarded-For line, in order: proxies may add a line rather than extend one.
    // Read only behind a trusted proxy: from anyone else the header counts for nothing.
    String forwardedFor =
        proxies.any()
            ? String.join(",", Collections.list(ctx.req().getHeaders("X-Forwarded-For")))
            : "";
    String client =
        proxies.clientOf(ctx.req().getRemoteAddr(), forwardedFor.isEmpty() ? null : forwardedFor);
    ctx.attribute(CLIENT, client);
    long wait = limiter.tryAcquire(client);
    if (wait > 0) {
      throw new RetryLaterResponse(429, TOO_MANY.formatted(wait), wait);
    }
  }
}
