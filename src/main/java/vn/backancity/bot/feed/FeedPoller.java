package vn.backancity.bot.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleSink;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.article.PortalTextReader;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.config.FeedSettings;

/**
 * Polls RSS and Atom feeds: a conditional GET of the feed, then the page of every new or changed
 * item, its main text extracted and published as an article (the item's link as its URL, the item's
 * date as its publication date). One feed failing never stops the others; a failing feed is retried
 * later and later.
 */
public final class FeedPoller {
  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
  static final Duration MAX_BACKOFF = Duration.ofHours(6);

  /** What one poll of one feed did. {@code error} is null when it worked. */
  public record Report(
      String source,
      boolean notModified,
      int items,
      int added,
      int unchanged,
      int skipped,
      String error) {}

  private final FeedSettings settings;
  private final FeedState state;
  private final ArticleStore store;
  private final ArticleSink publish;
  private final Clock clock;
  private final HttpFetcher http;
  private final PageExtractor pages = new PageExtractor();
  private final PortalTextReader reader = new PortalTextReader();

  public FeedPoller(
      FeedSettings settings, DataSource db, ArticleStore store, ArticleSink publish, Clock clock) {
    this.settings = settings;
    this.state = new FeedState(db);
    this.store = store;
    this.publish = publish;
    this.clock = clock;
    this.http = new HttpFetcher(settings.userAgent(), settings.timeout(), settings.maxBytes());
    settings.sources().forEach(s -> state.ensure(s.url().toString(), s.name()));
  }

  /** Polls every feed whose time has come ({@code force}: every feed, now). */
  public synchronized List<Report> pollAll(boolean force) {
    Instant now = clock.instant();
    Map<String, Instant> due = new java.util.HashMap<>();
    state.statuses().forEach(s -> due.put(s.url(), s.nextAttempt()));
    List<Report> reports = new ArrayList<>();
    for (FeedSettings.Source source : settings.sources()) {
      Instant next = due.get(source.url().toString());
      if (force || next == null || !next.isAfter(now)) {
        reports.add(poll(source));
      }
    }
    return reports;
  }

  public List<SourceStatus> statuses() {
    return state.statuses();
  }

  private Report poll(FeedSettings.Source source) {
    String url = source.url().toString();
    try {
      String[] validators = state.validators(url);
      HttpFetcher.Fetched feed = http.get(source.url(), validators[0], validators[1]);
      if (feed.notModified()) {
        state.succeeded(url, validators[0], validators[1], clock.instant(), nextPoll(), 0);
        return new Report(source.name(), true, 0, 0, 0, 0, null);
      }
      List<SyndEntry> entries = parse(feed.body());
      int unchanged = 0;
      int skipped = 0;
      List<Article> batch = new ArrayList<>();
      List<String[]> markers = new ArrayList<>();
      for (SyndEntry entry : entries) {
        String link = entry.getLink() != null ? entry.getLink() : entry.getUri();
        if (link == null || link.isBlank()) {
          skipped++;
          continue;
        }
        URI page = source.url().resolve(link.strip());
        String id = idFor(page.toString());
        String marker = marker(entry);
        if (marker.equals(state.marker(id))) {
          unchanged++;
          continue;
        }
        try {
          Article article = article(id, page, entry, source.selector());
          if (store.sameContentAs(article).isPresent()) {
            skipped++; // the same text under another address: already known
          } else {
            batch.add(article);
          }
          markers.add(new String[] {id, marker});
        } catch (IOException | RuntimeException e) {
          skipped++;
          log.warn("Feed {}: item {} skipped: {}", source.name(), page, e.getMessage());
        }
      }
      if (!batch.isEmpty()) {
        publish.accept(batch);
      }
      Instant now = clock.instant();
      markers.forEach(m -> state.fetched(m[0], url, m[1], now));
      state.succeeded(url, feed.etag(), feed.lastModified(), now, nextPoll(), batch.size());
      log.info(
          "Feed {}: {} items, {} new or changed, {} unchanged, {} skipped",
          source.name(),
          entries.size(),
          batch.size(),
          unchanged,
          skipped);
      return new Report(
          source.name(), false, entries.size(), batch.size(), unchanged, skipped, null);
    } catch (IOException | FeedException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      int failures = state.failures(url) + 1;
      Instant now = clock.instant();
      state.failed(url, error, now, now.plus(backoff(failures)));
      log.warn("Feed {} failed ({} in a row): {}", source.name(), failures, error);
      return new Report(source.name(), false, 0, 0, 0, 0, error);
    }
  }

  private static List<SyndEntry> parse(byte[] body) throws IOException, FeedException {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    SyndFeed feed = input.build(new XmlReader(new ByteArrayInputStream(body)));
    return feed.getEntries();
  }

  private Article article(String id, URI page, SyndEntry entry, String selector)
      throws IOException {
    HttpFetcher.Fetched fetched = http.get(page, null, null);
    PageExtractor.Page p = pages.extract(fetched.body(), page.toString(), selector);
    String title =
        entry.getTitle() != null && !entry.getTitle().isBlank() ? entry.getTitle() : p.title();
    Article article = reader.fromPage(id, title, p.paragraphs(), p.captions());
    return article.at(page.toString(), published(entry, p));
  }

  private static Instant published(SyndEntry entry, PageExtractor.Page page) {
    Date date =
        entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    if (date != null) {
      return date.toInstant();
    }
    if (page.date() != null) {
      try {
        return PublishedDates.parse(page.date());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /** What tells one version of an item from the next: its dates, title and summary. */
  private static String marker(SyndEntry entry) {
    SyndContent description = entry.getDescription();
    return entry.getPublishedDate()
        + "|"
        + entry.getUpdatedDate()
        + "|"
        + entry.getTitle()
        + "|"
        + hash(description == null ? "" : description.getValue());
  }

  /** Articles from the web are named by their address, so one page is one article. */
  static String idFor(String url) {
    return "web-" + hash(url).substring(0, 20);
  }

  private static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Instant nextPoll() {
    return clock.instant().plus(settings.interval());
  }

  private Duration backoff(int failures) {
    Duration d = settings.interval().multipliedBy(1L << Math.min(failures - 1, 10));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
