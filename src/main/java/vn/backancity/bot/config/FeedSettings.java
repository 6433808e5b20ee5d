package vn.backancity.bot.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where fresh articles come from and how politely they are fetched.
 *
 * @param sources the feeds, from config/ and FEED_URLS
 * @param interval time between two polls of a feed that works
 * @param maxBytes the most read of any feed or page
 */
public record FeedSettings(
    List<Source> sources, Duration interval, String userAgent, Duration timeout, long maxBytes) {

  public FeedSettings {
    sources = List.copyOf(sources);
  }

  /**
   * One feed.
   *
   * @param selector CSS selector of the article body on the site's pages, or null for the generic
   *     extractor
   */
  public record Source(String name, URI url, String selector) {}
}
