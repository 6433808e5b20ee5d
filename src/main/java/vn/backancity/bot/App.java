package vn.backancity.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import vn.backancity.bot.admin.Announcements;
import vn.backancity.bot.answer.AnswerCache;
import vn.backancity.bot.answer.Answerer;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleImporter;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.article.ImportReport;
import vn.backancity.bot.catalog.ArticleCatalog;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.PagedQuestions;
import vn.backancity.bot.cli.Cli;
import vn.backancity.bot.config.FeedSettings;
import vn.backancity.bot.config.Settings;
import vn.backancity.bot.curated.CuratedAnswers;
import vn.backancity.bot.delivery.DeliveryOutcomes;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.feed.FeedPoller;
import vn.backancity.bot.handoff.HandoffCommands;
import vn.backancity.bot.handoff.HandoffDesk;
import vn.backancity.bot.handoff.Handoffs;
import vn.backancity.bot.inbox.Inbox;
import vn.backancity.bot.metrics.AnswerCacheMeters;
import vn.backancity.bot.metrics.DeliveryCounters;
import vn.backancity.bot.metrics.FeedPollCounters;
import vn.backancity.bot.metrics.Prometheus;
import vn.backancity.bot.metrics.QuestionCounters;
import vn.backancity.bot.metrics.StateMeters;
import vn.backancity.bot.questions.Askers;
import vn.backancity.bot.questions.Feedback;
import vn.backancity.bot.questions.QuestionLog;
import vn.backancity.bot.questions.ReviewQueue;
import vn.backancity.bot.search.Abbreviations;
import vn.backancity.bot.search.ArticleIndex;
import vn.backancity.bot.search.PlaceNames;
import vn.backancity.bot.search.QueryTerms;
import vn.backancity.bot.search.QuestionAnalyzer;
import vn.backancity.bot.search.RenamedPlaces;
import vn.backancity.bot.search.Synonyms;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.subscription.DigestScheduler;
import vn.backancity.bot.subscription.Subscriptions;
import vn.backancity.bot.subscription.TopicMatcher;
import vn.backancity.bot.telegram.TelegramUpdates;
import vn.backancity.bot.zalo.ZaloChannel;

/**
 * The composition root: builds every long-lived object from the settings, by constructor, and
 * closes them in reverse order. Commands (serve, import, ask, ...) start from here.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final Settings settings;
  private final Clock clock;
  private final ObjectMapper json;
  private final Database database;
  private final ArticleStore store;
  private final ArticleIndex index;
  private final ArticleCatalog catalog;
  private final AnswerCache cache;
  private final Links links;
  private final Answerer answerer;
  private final ChatDirectory chats;
  private final PagedQuestions pagedQuestions;
  private final Outbox outbox;
  private final Inbox inbox;
  private final Subscriptions subscriptions;
  private final TopicMatcher topics;
  private final Announcements announcements;
  private final Semaphore webSearches;
  private final QuestionLog questions;
  private final Feedback feedback;
  private final CuratedAnswers curated;
  private final Prometheus metrics;
  private final DeliveryOutcomes deliveries;
  private final HandoffDesk handoffs;

  private App(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.json = jsonMapper();
    this.database = Database.open(settings.databaseUrl(), settings.databaseFile());
    this.store = new ArticleStore(database.dataSource(), json, clock);
    ArticleIndex opened;
    try {
      int filled = store.fillTextHashes();
      if (filled > 0) {
        log.info("Computed the text hash of {} older articles (duplicate check)", filled);
      }
      opened = ArticleIndex.open(settings.indexDir(), settings.tuning().homePlaces());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    this.index = opened;
    this.catalog = new ArticleCatalog(store, index);
    this.cache =
        new AnswerCache(settings.cacheMaxSize(), settings.cacheExpiry(), Ticker.systemTicker());
    index.onChange(cache::invalidateAll);
    this.links = new Links(settings.publicUrl());
    Abbreviations abbreviations = abbreviations(settings.abbreviationsFile());
    RenamedPlaces renamed = renamedPlaces(settings.abbreviationsFile());
    QuestionAnalyzer analyzer =
        new QuestionAnalyzer(
            abbreviations,
            settings.tuning().homePlaces(),
            synonyms(settings.abbreviationsFile())
                .and(renamed.asSynonyms(settings.tuning().homePlaces())),
            placeNames(settings.abbreviationsFile()));
    this.curated =
        new CuratedAnswers(
            database.dataSource(),
            q -> {
              QueryTerms terms = analyzer.analyze(q);
              return new CuratedAnswers.Keys(
                  terms.accented() ? terms.matchKey() : "", terms.foldedKey());
            },
            clock);
    this.answerer =
        new Answerer(index, analyzer, links, cache, settings.tuning(), clock, curated, renamed);
    Askers askers = Askers.load(database.dataSource(), settings.questions().askerKey());
    this.questions = new QuestionLog(database.dataSource(), askers, json, clock);
    this.feedback = new Feedback(database.dataSource(), askers, clock);
    this.chats = new ChatDirectory(database.dataSource(), clock);
    this.pagedQuestions = new PagedQuestions(database.dataSource(), clock);
    this.outbox =
        new Outbox(
            database.dataSource(),
            database.vendor(),
            clock,
            json,
            settings.delivery().pushExpiry());
    this.inbox = new Inbox(database.dataSource(), database.vendor(), clock);
    this.handoffs =
        new HandoffDesk(
            new Handoffs(database.dataSource(), json, clock),
            questions,
            askers,
            store,
            curated,
            new ReviewQueue(database.dataSource(), clock),
            outbox,
            json,
            clock);
    this.subscriptions =
        new Subscriptions(
            database.dataSource(),
            clock,
            settings.digest().zone(),
            settings.digest().defaultTime());
    this.topics = new TopicMatcher(abbreviations);
    this.announcements =
        new Announcements(
            database.dataSource(), outbox, channels(), clock, settings.digest().zone());
    this.webSearches = new Semaphore(settings.limits().maxConcurrentSearches());
    this.metrics = new Prometheus();
    new AnswerCacheMeters(cache).bindTo(metrics.registry());
    new StateMeters(index, catalog, outbox, inbox, channels(), Ticker.systemTicker())
        .bindTo(metrics.registry());
    this.deliveries = new DeliveryCounters(metrics.registry(), channels());
    List<String> asking = new java.util.ArrayList<>(channels());
    asking.add(0, "web");
    questions.onLogged(new QuestionCounters(metrics.registry(), asking, questions));
  }

  /** The chat channels that are configured, hence reachable by pushes. */
  public List<String> channels() {
    List<String> on = new java.util.ArrayList<>();
    if (settings.telegram().enabled()) {
      on.add(TelegramUpdates.CHANNEL);
    }
    if (settings.zalo().enabled()) {
      on.add(ZaloChannel.NAME);
    }
    return on;
  }

  /** The scheduler of digests and topic alerts over this app's data. */
  public DigestScheduler digestScheduler() {
    return new DigestScheduler(
        database.dataSource(), outbox, store, topics, links, settings.digest(), channels(), clock);
  }

  /** Opens the data folder: database (migrated), index (rebuilt if behind the database). */
  public static App open(Settings settings, Clock clock) {
    App app = new App(settings, clock);
    try {
      app.ensureIndexCurrent();
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Cli()).execute(args));
  }

  /**
   * The JSON mapper for every use: tolerant of unknown fields, as platform payloads grow, and
   * writing java.time values (feed states in /health) as ISO-8601 text rather than failing.
   */
  public static ObjectMapper jsonMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /**
   * The synonyms table in force: synonyms.tsv next to the abbreviations file, else the bundled
   * copy.
   */
  public static Synonyms synonyms(Path abbreviationsFile) {
    byte[] tsv = sibling(abbreviationsFile, "synonyms.tsv");
    return tsv == null ? Synonyms.none() : Synonyms.parse(tsv);
  }

  /**
   * The renamed places in force: renamed-places.tsv next to the abbreviations file, else the
   * bundled copy.
   */
  public static RenamedPlaces renamedPlaces(Path abbreviationsFile) {
    byte[] tsv = sibling(abbreviationsFile, "renamed-places.tsv");
    return tsv == null ? RenamedPlaces.none() : RenamedPlaces.parse(tsv);
  }

  /**
   * The place names in force: place-names.txt next to the abbreviations file, else the bundled
   * copy.
   */
  public static PlaceNames placeNames(Path abbreviationsFile) {
    byte[] text = sibling(abbreviationsFile, "place-names.txt");
    return text == null ? PlaceNames.none() : PlaceNames.parse(text);
  }

  /** A config table next to the abbreviations file, else the bundled copy, else null. */
  private static byte[] sibling(Path abbreviationsFile, String name) {
    Path file = abbreviationsFile.resolveSibling(name);
    try {
      if (Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
      try (InputStream bundled = App.class.getResourceAsStream("/config/" + name)) {
        if (bundled == null) {
          log.warn("No {} at {} and none bundled: not used", name, file);
          return null;
        }
        return bundled.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The abbreviations file in force: the configured one, else the bundled copy. */
  public static Abbreviations abbreviations(Path file) {
    if (Files.isRegularFile(file)) {
      try {
        return Abbreviations.parse(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    try (InputStream bundled = App.class.getResourceAsStream("/config/abbreviations.tsv")) {
      if (bundled == null) {
        log.warn(
            "No abbreviations file at {} and none bundled: abbreviations are not expanded", file);
        return Abbreviations.none();
      }
      return Abbreviations.parse(bundled.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves articles and makes them searchable (see {@link ArticleCatalog#publish}). */
  public void publish(List<Article> batch) {
    catalog.publish(batch);
  }

  /** A poller of the configured feeds that publishes into the catalog. */
  public FeedPoller feedPoller() {
    FeedPoller poller =
        new FeedPoller(settings.feeds(), database.dataSource(), store, catalog::publish, clock);
    poller.onPoll(
        new FeedPollCounters(
            metrics.registry(),
            settings.feeds().sources().stream().map(FeedSettings.Source::name).toList()));
    return poller;
  }

  /** Deletes an article everywhere; false when it did not exist. */
  public boolean delete(String id) {
    return catalog.delete(id);
  }

  /** Imports files and folders (see {@link ArticleImporter}). */
  public ImportReport importPaths(List<Path> paths, Consumer<String> progress) throws IOException {
    // Saving a batch overlaps indexing the one before (catalog.catchUp is safe beside saves).
    return new ArticleImporter(catalog::save, catalog::catchUp, json, clock)
        .importPaths(paths, progress);
  }

  /** On a first start, imports the bundled articles so the service has something to answer. */
  public void bootstrapIfEmpty() throws IOException {
    if (store.count() > 0) {
      return;
    }
    Path seeds = settings.bootstrapArticles();
    if (!Files.isDirectory(seeds)) {
      log.warn("The database has no articles and {} does not exist: import some", seeds);
      return;
    }
    ImportReport report = importPaths(List.of(seeds), log::info);
    log.info("First start: imported {} articles from {}", report.articles(), seeds);
  }

  /**
   * Brings the index up to the database: catches up from the change sequence it holds, or rebuilds
   * it when it is missing, built differently or too far behind (see {@link ArticleCatalog}).
   */
  public void ensureIndexCurrent() {
    long before = index.sequence();
    long held = catalog.catchUp();
    if (held != before) {
      log.info("Search index brought from change {} to {}", before, held);
    }
  }

  /**
   * Rebuilds the whole index from the database, and the other instances' through the change feed;
   * returns how many articles it holds.
   */
  public int reindex() {
    return catalog.reindex();
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public ObjectMapper json() {
    return json;
  }

  public Database database() {
    return database;
  }

  public ArticleStore store() {
    return store;
  }

  public ArticleIndex index() {
    return index;
  }

  /** Publish, delete, reindex, and the change feed that keeps this instance's index current. */
  public ArticleCatalog catalog() {
    return catalog;
  }

  public AnswerCache cache() {
    return cache;
  }

  public Links links() {
    return links;
  }

  public Answerer answerer() {
    return answerer;
  }

  public ChatDirectory chats() {
    return chats;
  }

  /** Questions behind "Xem thêm" buttons, shared by every instance on the database. */
  public PagedQuestions pagedQuestions() {
    return pagedQuestions;
  }

  public Outbox outbox() {
    return outbox;
  }

  public Inbox inbox() {
    return inbox;
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }

  public TopicMatcher topics() {
    return topics;
  }

  public Announcements announcements() {
    return announcements;
  }

  /**
   * Permits for uncached searches asked over the web ({@code search.max-concurrent}): the web takes
   * one without waiting or answers 503, so that a flood of web questions leaves the CPU to the chat
   * channels, which search without them.
   */
  public Semaphore webSearches() {
    return webSearches;
  }

  /** Every question asked on a channel (started by the service; flushed on close). */
  public QuestionLog questions() {
    return questions;
  }

  /** 👍 / 👎 on answers. */
  public Feedback feedback() {
    return feedback;
  }

  /** The city's own answers, matched before search. */
  public CuratedAnswers curated() {
    return curated;
  }

  /** Requests to the staff ("hỏi cán bộ"): sent by citizens, answered in /admin. */
  public HandoffDesk handoffs() {
    return handoffs;
  }

  /** Asking a person from a chat: the commands and buttons of every chat channel. */
  public HandoffCommands handoffCommands() {
    return new HandoffCommands(handoffs);
  }

  /** The conversation core, the same on every channel. */
  public ChatBot chatBot() {
    return new ChatBot(answerer, store, links, settings.answersPerPage(), questions, feedback);
  }

  /**
   * Where every part registers its meters (Micrometer); {@code GET /metrics} exports them in the
   * Prometheus format (see {@link #prometheus()}).
   */
  public MeterRegistry metrics() {
    return metrics.registry();
  }

  /** The same meters with their Prometheus text export, for {@code GET /metrics}. */
  public Prometheus prometheus() {
    return metrics;
  }

  /** Counts what became of each message the outbox workers sent ({@code bot.deliveries}). */
  public DeliveryOutcomes deliveries() {
    return deliveries;
  }

  @Override
  public void close() {
    questions.close();
    metrics.close();
    index.close();
    database.close();
  }
}
