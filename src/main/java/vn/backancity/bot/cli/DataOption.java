package vn.backancity.bot.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.config.Settings;

/** The {@code --data DIR} option every command shares, and opening the app with it. */
final class DataOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data folder (database and index). Default: DATA_DIR or ./data")
  Path data;

  Settings settings(Map<String, Object> more) {
    Map<String, Object> overrides = new HashMap<>(more);
    if (data != null) {
      overrides.put("data.dir", data.toString());
    }
    return Settings.load(overrides);
  }

  App open() {
    return App.open(settings(Map.of()), Clock.systemUTC());
  }
}
