package vn.backancity.bot.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import vn.backancity.bot.App;
import vn.backancity.bot.config.Settings;

/** Opens real apps on temporary data folders, with the bundled seed articles. */
public final class TestApps {
  public static final Path SEEDS = Path.of("data", "articles");

  private TestApps() {}

  /** Settings for a data folder; Telegram off unless {@code more} says otherwise. */
  public static Settings settings(Path dataDir, Map<String, Object> more) {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("data.dir", dataDir.toString());
    overrides.put("data.bootstrap-articles", SEEDS.toString());
    overrides.put("server.port", 0);
    overrides.put("server.public-url", "http://bot.test");
    overrides.put("telegram.token", "");
    overrides.put("telegram.webhook-secret", "");
    overrides.put("telegram.bot-username", "");
    overrides.putAll(more);
    return Settings.load(overrides);
  }

  /** An app on an empty data folder. */
  public static App empty(Path dataDir) {
    return App.open(settings(dataDir, Map.of()), Clock.systemUTC());
  }

  /** An app with the five seed articles imported. */
  public static App withSeeds(Path dataDir) throws Exception {
    return withSeeds(dataDir, Map.of());
  }

  public static App withSeeds(Path dataDir, Map<String, Object> more) throws Exception {
    App app = App.open(settings(dataDir, more), Clock.systemUTC());
    app.bootstrapIfEmpty();
    return app;
  }
}
