package vn.backancity.bot.config;

import java.util.Arrays;
import java.util.List;

/**
 * Limits that keep the public endpoints (web chat, /api/ask, article pages, /tin-moi) from being
 * monopolized by one client. Webhooks, /health and the admin API are not under them.
 *
 * @param publicPerMinute requests a minute one client may make (a burst of as many, refilled
 *     evenly)
 * @param trustedProxies addresses (IP literals) of reverse proxies whose X-Forwarded-For is
 *     believed; empty: the direct peer is the client
 * @param maxConcurrentSearches uncached searches the web may run at once; above, 503
 */
public record LimitSettings(
    int publicPerMinute, List<String> trustedProxies, int maxConcurrentSearches) {

  public LimitSettings {
    if (publicPerMinute < 1) {
      throw new IllegalArgumentException("limits.public-per-minute must be at least 1");
    }
    if (maxConcurrentSearches < 1) {
      throw new IllegalArgumentException("search.max-concurrent must be at least 1");
    }
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** The concurrent-search cap as configured: 0 means twice the processors. */
  static int searches(int configured) {
    if (configured < 0) {
      throw new IllegalArgumentException("search.max-concurrent must not be negative");
    }
    return configured == 0 ? 2 * Runtime.getRuntime().availableProcessors() : configured;
  }

  static List<String> addresses(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
