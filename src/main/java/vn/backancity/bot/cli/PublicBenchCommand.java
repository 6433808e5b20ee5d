package vn.backancity.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.bench.PublicBenchmark;
import vn.backancity.bot.storage.LocalFiles;

@Command(
    name = "bench-public",
    mixinStandardHelpOptions = true,
    description =
        "Imports a corpus, starts the server on loopback and has concurrent clients read /tin-moi"
            + " (whole range, topics that match nothing, next pages); prints 5xx count, latency"
            + " p50/p95/max and heap. Run with -Xmx256m to hold the server to that heap.")
final class PublicBenchCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--corpus", required = true, paramLabel = "JSONL")
  Path corpus;

  @Option(names = "--clients", defaultValue = "20")
  int clients;

  @Option(names = "--requests", defaultValue = "5", description = "Requests per client.")
  int requests;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Keep the imported corpus here and reuse it next time (default: a temp dir).")
  Path keep;

  @Override
  public Integer call() throws Exception {
    Path work = keep != null ? keep : Files.createTempDirectory("backan-public");
    try {
      PublicBenchmark.Result r =
          new PublicBenchmark(line -> System.out.println("bench: " + line))
              .run(data.settings(Map.of("server.port", 0)), work, corpus, clients, requests);
      return r.serverErrors() == 0 ? 0 : 1;
    } finally {
      if (keep == null) {
        LocalFiles.delete(work);
      }
    }
  }
}
