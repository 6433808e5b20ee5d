package vn.backancity.bot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * Where fresh articles come from and how politely they are fetched.
 *
 * @param sources the feeds, from config/ and FEED_URLS
 * @param interval time between two polls of a feed that works
 * @param timeout the most one fetch may take, redirects and the whole body included
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
   * @param hosts other hosts ("host", or "host:port" for a port other than 80/443) the feed's items
   *     may be fetched from; the feed's own host and port always may
   */
  public record Source(String name, URI url, String selector, List<String> hosts) {
    public Source {
      hosts = hosts == null ? List.of() : List.copyOf(hosts);
      for (String host : hosts) {
        requireHost(name, host);
      }
    }

    /** A feed whose items are on its own host. */
    public Source(String name, URI url, String selector) {
      this(name, url, selector, List.of());
    }

    private static void requireHost(String feed, String host) {
      URI uri;
      try {
        uri = new URI("http://" + host);
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !uri.getRawPath().isEmpty()
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "feed " + feed + ": hosts entries are host or host:port, not: " + host);
      }
    }
  }
}
