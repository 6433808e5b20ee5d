package vn.backancity.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.bench.BroadcastBenchmark;
import vn.backancity.bot.storage.LocalFiles;

@Command(
    name = "bench-broadcast",
    mixinStandardHelpOptions = true,
    description =
        "Sends one announcement to N subscribers through the outbox to a fake Bot API on loopback"
            + " that enforces a rate limit; prints the achieved rate, lost and duplicate messages.")
final class BroadcastBenchCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--subscribers", defaultValue = "10000")
  int subscribers;

  @Option(names = "--limit", defaultValue = "30", description = "The fake API's messages/s.")
  int limit;

  @Option(names = "--rate", defaultValue = "29.5", description = "The outbox's messages/s.")
  double rate;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("backan-broadcast");
    try {
      BroadcastBenchmark.Result r =
          new BroadcastBenchmark(line -> System.out.println("bench: " + line))
              .run(data.settings(Map.of()), work, subscribers, limit, rate);
      return r.lost() == 0 && r.duplicates() == 0 ? 0 : 1;
    } finally {
      LocalFiles.delete(work);
    }
  }
}
