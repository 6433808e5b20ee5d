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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleSink;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.article.PortalTextReader;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.config.FeedSettings;
import vn.backancity.bot.storage.Sha256;

/**
 * Polls RSS and Atom feeds: a conditional GET of the feed, then the page of every new or changed
 * item, its main text extracted and published as an article (the item's link as its URL, the item's
 * date as its publication date).
 *
 * <p>What holds: feeds are polled side by side, and every fetch has one deadline covering its body,
 * so a site that stalls delays only its own feed. An item that cannot be used (a malformed link, a
 * page the {@link FetchPolicy} refuses, one that fails or is too large, the same text as a known
 * article) is skipped with its reason, never its feed. A feed that fails is retried later and
 * later; the others go on.
 */
public final class FeedPoller {
  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
  static final Duration MAX_BACKOFF = Duration.ofHours(6);

  /** Feeds polled at once; each waits on its own site. */
  static final int PARALLEL = 8;

  /**
   * What one poll of one feed did. {@code error} is null when it worked; {@code skips} says, for
   * each item not published, which one and why.
   */
  public record Report(
      String source,
      boolean notModified,
      int items,
      int added,
      int unchanged,
      List<String> skips,
      String error) {
    public Report {
      skips = List.copyOf(skips);
    }

    public int skipped() {
      return skips.size();
    }
  }

  /** An item's page, fetched and read, waiting to be published. */
  private record Item(URI page, Article article, String marker) {}

  private final FeedSettings settings;
  private final FeedState state;
  private final ArticleStore store;
  private final ArticleSink publish;
  private final Clock clock;
  private final HttpFetcher http;
  private final FetchPolicy.Resolver resolver;
  private final PageExtractor pages = new PageExtractor();
  private final PortalTextReader reader = new PortalTextReader();

  /** Held while a feed's results are saved: feeds fetch side by side but publish one at a time. */
  private final Object saving = new Object();

  private final List<Consumer<Report>> listeners = new CopyOnWriteArrayList<>();

  public FeedPoller(
      FeedSettings settings, DataSource db, ArticleStore store, ArticleSink publish, Clock clock) {
    this.settings = settings;
    this.state = new FeedState(db);
    this.store = store;
    this.publish = publish;
    this.clock = clock;
    this.http = new HttpFetcher(settings.userAgent(), settings.timeout(), settings.maxBytes());
    this.resolver = FetchPolicy.SYSTEM;
    settings.sources().forEach(s -> state.ensure(s.url().toString(), s.name()));
  }

  /** Called with the report of every poll of a feed, e.g. to count outcomes. */
  public void onPoll(Consumer<Report> listener) {
    listeners.add(listener);
  }

  /** Polls every feed whose time has come ({@code force}: every feed, now), side by side. */
  public synchronized List<Report> pollAll(boolean force) {
    Instant now = clock.instant();
    Map<String, Instant> due = new HashMap<>();
    state.statuses().forEach(s -> due.put(s.url(), s.nextAttempt()));
    List<FeedSettings.Source> sources = new ArrayList<>();
    for (FeedSettings.Source source : settings.sources()) {
      Instant next = due.get(source.url().toString());
      if (force || next == null || !next.isAfter(now)) {
        sources.add(source);
      }
    }
    if (sources.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(sources.size(), PARALLEL),
            r -> {
              Thread t = new Thread(r, "feed-poll");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Report>> polls = new ArrayList<>();
      sources.forEach(source -> polls.add(pool.submit(() -> poll(source))));
      List<Report> reports = new ArrayList<>();
      for (Future<Report> poll : polls) {
        Report report = poll.get();
        listeners.forEach(l -> l.accept(report));
        reports.add(report);
      }
      return reports;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: the feeds' threads are stopped below
      return List.of();
    } catch (ExecutionException e) {
      throw new IllegalStateException("feed poll failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  public List<SourceStatus> statuses() {
    return state.statuses();
  }

  private Report poll(FeedSettings.Source source) {
    String url = source.url().toString();
    try {
      HttpFetcher fetch = http.within(FetchPolicy.forFeed(source.url(), source.hosts(), resolver));
      String[] validators = state.validators(url);
      HttpFetcher.Fetched feed = fetch.get(source.url(), validators[0], validators[1]);
      if (feed.notModified()) {
        state.succeeded(url, validators[0], validators[1], clock.instant(), nextPoll(), 0);
        return new Report(source.name(), true, 0, 0, 0, List.of(), null);
      }
      List<SyndEntry> entries = parse(feed.body());
      int unchanged = 0;
      List<String> skips = new ArrayList<>();
      List<Item> items = new ArrayList<>();
      for (SyndEntry entry : entries) {
        String link = entry.getLink() != null ? entry.getLink() : entry.getUri();
        if (link == null || link.isBlank()) {
          skip(source, skips, "(no link)", "the item has no link");
          continue;
        }
        URI page;
        try {
          page = source.url().resolve(link.strip());
        } catch (IllegalArgumentException e) {
          skip(source, skips, link.strip(), "malformed link: " + e.getMessage());
          continue;
        }
        String marker = marker(entry);
        if (marker.equals(state.marker(idFor(page.toString())))) {
          unchanged++;
          continue;
        }
        try {
          items.add(new Item(page, article(fetch, page, entry, source.selector()), marker));
        } catch (IOException | RuntimeException e) {
          skip(
              source,
              skips,
              page.toString(),
              e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
      }
      int added = save(source, feed, items, skips);
      log.info(
          "Feed {}: {} items, {} new or changed, {} unchanged, {} skipped",
          source.name(),
          entries.size(),
          added,
          unchanged,
          skips.size());
      return new Report(source.name(), false, entries.size(), added, unchanged, skips, null);
    } catch (IOException | FeedException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      int failures = state.failures(url) + 1;
      Instant now = clock.instant();
      state.failed(url, error, now, now.plus(backoff(failures)));
      log.warn("Feed {} failed ({} in a row): {}", source.name(), failures, error);
      return new Report(source.name(), false, 0, 0, 0, List.of(), error);
    }
  }

  /**
   * Publishes the items whose text is not already known (in the store, or earlier in this batch),
   * records every item as fetched and the feed as polled.
   *
   * @return how many articles were published
   */
  private int save(
      FeedSettings.Source source, HttpFetcher.Fetched feed, List<Item> items, List<String> skips) {
    synchronized (saving) { // the duplicate check and the publication it guards are one step
      List<Article> batch = new ArrayList<>();
      Map<String, String> texts = new HashMap<>(); // text hash → article id, in this batch
      for (Item item : items) {
        Article article = item.article();
        String known = texts.get(ArticleStore.textHash(article));
        Optional<String> copyOf = known != null ? Optional.of(known) : store.sameTextAs(article);
        if (copyOf.isPresent()) {
          skip(source, skips, item.page().toString(), "same text as article " + copyOf.get());
        } else {
          batch.add(article);
          texts.put(ArticleStore.textHash(article), article.id());
        }
      }
      if (!batch.isEmpty()) {
        publish.accept(batch);
      }
      Instant now = clock.instant();
      String url = source.url().toString();
      items.forEach(i -> state.fetched(i.article().id(), url, i.marker(), now));
      state.succeeded(url, feed.etag(), feed.lastModified(), now, nextPoll(), batch.size());
      return batch.size();
    }
  }

  private static void skip(
      FeedSettings.Source source, List<String> skips, String item, String reason) {
    skips.add(item + ": " + reason);
    log.warn("Feed {}: item {} skipped: {}", source.name(), item, reason);
  }

  private static List<SyndEntry> parse(byte[] body) throws IOException, FeedException {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    SyndFeed feed = input.build(new XmlReader(new ByteArrayInputStream(body)));
    return feed.getEntries();
  }

  private Article article(HttpFetcher fetch, URI page, SyndEntry entry, String selector)
      throws IOException {
    String id = idFor(page.toString());
    HttpFetcher.Fetched fetched = fetch.get(page, null, null);
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
        + Sha256.hex(description == null ? "" : description.getValue());
  }

  /** Articles from the web are named by their address, so one page is one article. */
  static String idFor(String url) {
    return "web-" + Sha256.hex(url).substring(0, 20);
  }

  private Instant nextPoll() {
    return clock.instant().plus(settings.interval());
  }

  private Duration backoff(int failures) {
    Duration d = settings.interval().multipliedBy(1L << Math.min(failures - 1, 10));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
