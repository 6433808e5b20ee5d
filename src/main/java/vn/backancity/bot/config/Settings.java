package vn.backancity.bot.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.backancity.bot.answer.Answerer;

/**
 * Typed settings. Defaults come from {@code config/application.conf} (the file in the working
 * directory when present, else the copy bundled in the jar); environment variables override them
 * through the file's {@code ${?NAME}} lines; {@code overrides} (command-line flags) override both.
 */
public record Settings(
    int port,
    String publicUrl,
    long maxBodyBytes,
    Path dataDir,
    Path bootstrapArticles,
    Path abbreviationsFile,
    int answersPerPage,
    Answerer.Tuning tuning,
    long cacheMaxSize,
    Duration cacheExpiry,
    TelegramSettings telegram,
    String adminToken,
    FeedSettings feeds,
    String databaseUrl,
    DeliverySettings delivery,
    DigestSettings digest,
    ZaloSettings zalo,
    InboxSettings inbox,
    Duration roleLease,
    LimitSettings limits,
    QuestionSettings questions,
    String metricsToken) {

  public static final Path CONFIG_FILE = Path.of("config", "application.conf");

  /** Loads the settings; {@code overrides} uses the file's keys, e.g. "server.port". */
  public static Settings load(Map<String, ?> overrides) {
    Config base =
        Files.isRegularFile(CONFIG_FILE)
            ? ConfigFactory.parseFile(CONFIG_FILE.toFile(), ConfigParseOptions.defaults())
            : ConfigFactory.parseResources("config/application.conf");
    // -Dsearch.min-coverage=0.5 and the like override the file too, for experiments.
    Config config =
        ConfigFactory.parseMap(overrides)
            .withFallback(ConfigFactory.systemProperties())
            .withFallback(base)
            .resolve();
    try {
      return from(config);
    } catch (ConfigException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
    }
  }

  private static Settings from(Config c) {
    int port = c.getInt("server.port");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("server.port must be 0-65535, not " + port);
    }
    int candidates = c.getInt("search.candidates");
    if (candidates < 1 || candidates > 100) {
      // Each question reads this many articles and judges six times as many Lucene hits.
      throw new IllegalArgumentException("search.candidates must be 1-100, not " + candidates);
    }
    Answerer.Tuning tuning =
        new Answerer.Tuning(
            candidates,
            c.getInt("search.max-answers"),
            c.getDouble("search.min-coverage"),
            c.getDouble("search.min-passage"),
            c.getDouble("search.relative-floor"),
            c.getDouble("search.min-later-passage"),
            c.getStringList("search.home-places"),
            c.getDouble("search.local-bonus"),
            c.getDuration("search.fresh-for"));
    return new Settings(
        port,
        c.getString("server.public-url"),
        c.getBytes("server.max-body-bytes"),
        Path.of(c.getString("data.dir")),
        Path.of(c.getString("data.bootstrap-articles")),
        Path.of(c.getString("search.abbreviations")),
        c.getInt("search.answers-per-page"),
        tuning,
        c.getLong("cache.max-size"),
        c.getDuration("cache.expire-after"),
        new TelegramSettings(
            c.getString("telegram.token"),
            c.getString("telegram.webhook-secret"),
            c.getString("telegram.api-url"),
            c.getString("telegram.bot-username"),
            TelegramSettings.parseIds(c.getString("telegram.admin-ids"))),
        c.getString("admin.token"),
        feeds(c),
        c.getString("database.url"),
        new DeliverySettings(
            c.getDouble("delivery.rate"),
            c.getDuration("delivery.per-chat"),
            c.getInt("delivery.group-per-minute"),
            c.getInt("delivery.concurrency"),
            c.getDuration("delivery.lease"),
            c.getInt("delivery.max-attempts"),
            c.getDuration("delivery.backoff"),
            c.getDuration("delivery.max-backoff"),
            c.getDuration("delivery.poll"),
            c.getDuration("delivery.reply-deadline"),
            c.getDuration("delivery.push-expiry"),
            c.getDuration("delivery.retention")),
        new DigestSettings(
            ZoneId.of(c.getString("digest.zone")),
            LocalTime.parse(c.getString("digest.default-time")),
            c.getInt("digest.max-items"),
            c.getDuration("digest.alert-every"),
            c.getDuration("digest.max-age"),
            c.getDuration("digest.tick")),
        new ZaloSettings(
            c.getString("zalo.app-id"),
            c.getString("zalo.app-secret"),
            c.getString("zalo.oa-secret"),
            c.getString("zalo.access-token"),
            c.getString("zalo.refresh-token"),
            c.getString("zalo.api-url").replaceAll("/+$", ""),
            c.getString("zalo.oauth-url").replaceAll("/+$", ""),
            c.getDuration("zalo.max-event-age"),
            c.getBoolean("zalo.paid-outside-window"),
            c.getDouble("zalo.rate")),
        new InboxSettings(
            c.getInt("inbox.workers"),
            c.getDuration("inbox.lease"),
            c.getInt("inbox.max-attempts"),
            c.getDuration("inbox.retention")),
        roleLease(c.getDuration("cluster.role-lease")),
        new LimitSettings(
            c.getInt("limits.public-per-minute"),
            LimitSettings.addresses(c.getString("limits.trusted-proxies")),
            LimitSettings.searches(c.getInt("search.max-concurrent"))),
        new QuestionSettings(
            atLeastADay(c.getDuration("questions.retention"), "questions.retention"),
            c.getString("questions.asker-key")),
        metricsToken(c));
  }

  /** The metrics token, or the admin token when it is not set. */
  private static String metricsToken(Config c) {
    String token = c.getString("metrics.token");
    return token.isBlank() ? c.getString("admin.token") : token;
  }

  private static Duration atLeastADay(Duration d, String key) {
    if (d.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(key + " must be at least 1d");
    }
    return d;
  }

  private static Duration roleLease(Duration lease) {
    if (lease.toMillis() < 1000) {
      throw new IllegalArgumentException("cluster.role-lease must be at least 1s");
    }
    return lease;
  }

  private static FeedSettings feeds(Config c) {
    List<FeedSettings.Source> sources = new ArrayList<>();
    for (Config source : c.getConfigList("feeds.sources")) {
      sources.add(
          new FeedSettings.Source(
              source.getString("name"),
              feedUrl(source.getString("url")),
              source.hasPath("selector") ? source.getString("selector") : null,
              source.hasPath("hosts") ? source.getStringList("hosts") : List.of()));
    }
    for (String url : c.getString("feeds.extra-urls").split(",")) {
      if (!url.isBlank()) {
        URI uri = feedUrl(url.strip());
        sources.add(new FeedSettings.Source(uri.getHost(), uri, null));
      }
    }
    return new FeedSettings(
        sources,
        c.getDuration("feeds.interval"),
        c.getString("feeds.user-agent"),
        c.getDuration("feeds.timeout"),
        c.getBytes("feeds.max-bytes"));
  }

  private static URI feedUrl(String url) {
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("feed URL must be http(s): " + url);
    }
    return uri;
  }

  /** The same settings on another data folder. */
  public Settings withDataDir(Path dir) {
    return new Settings(
        port,
        publicUrl,
        maxBodyBytes,
        dir,
        bootstrapArticles,
        abbreviationsFile,
        answersPerPage,
        tuning,
        cacheMaxSize,
        cacheExpiry,
        telegram,
        adminToken,
        feeds,
        databaseUrl,
        delivery,
        digest,
        zalo,
        inbox,
        roleLease,
        limits,
        questions,
        metricsToken);
  }

  public boolean adminEnabled() {
    return adminToken != null && !adminToken.isBlank();
  }

  /** Whether GET /metrics answers: a metrics token, or else the admin token, is set. */
  public boolean metricsEnabled() {
    return metricsToken != null && !metricsToken.isBlank();
  }

  @Override
  public String toString() {
    return "Settings[port="
        + port
        + ", publicUrl="
        + publicUrl
        + ", dataDir="
        + dataDir
        + ", telegram="
        + telegram
        + ", zalo="
        + zalo
        + ", admin="
        + (adminEnabled() ? "on" : "off")
        + ", metrics="
        + (metricsEnabled() ? "on" : "off")
        + ", feeds="
        + (feeds == null ? 0 : feeds.sources().size())
        + ", database="
        + (databaseUrl != null && databaseUrl.startsWith("jdbc:postgresql:")
            ? "postgresql"
            : "sqlite")
        + ", delivery="
        + (delivery == null ? "-" : delivery.rate() + "/s")
        + "]";
  }

  public Path databaseFile() {
    return dataDir.resolve("bot.db");
  }

  public Path indexDir() {
    return dataDir.resolve("index");
  }
}
