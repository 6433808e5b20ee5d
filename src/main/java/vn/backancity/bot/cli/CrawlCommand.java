package vn.backancity.bot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.feed.FeedPoller;

@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = "Polls every configured feed (config/ and FEED_URLS) and prints what it found.")
final class CrawlCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--once", required = true, description = "Poll each feed once, now, and stop.")
  boolean once;

  @Override
  public Integer call() {
    try (App app = data.open()) {
      if (app.settings().feeds().sources().isEmpty()) {
        System.out.println(
            "no feeds configured (feeds.sources in config/application.conf, FEED_URLS)");
        return 0;
      }
      FeedPoller poller = app.feedPoller();
      int failed = 0;
      for (FeedPoller.Report r : poller.pollAll(true)) {
        if (r.error() != null) {
          failed++;
          System.out.printf("%s: FAILED %s%n", r.source(), r.error());
        } else if (r.notModified()) {
          System.out.printf("%s: not modified%n", r.source());
        } else {
          System.out.printf(
              "%s: %d items, %d new or changed, %d unchanged, %d skipped%n",
              r.source(), r.items(), r.added(), r.unchanged(), r.skipped());
          r.skips().forEach(skip -> System.out.printf("  skipped %s%n", skip));
        }
      }
      System.out.printf("%d articles in total%n", app.store().count());
      return failed == 0 ? 0 : 1;
    }
  }
}
