package vn.backancity.bot.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.load.LoadTest;

@Command(
    name = "loadtest",
    mixinStandardHelpOptions = true,
    description =
        "Starts the server on loopback pinned to the given cores (taskset) over a prepared data"
            + " folder and loads each endpoint for a fixed time with keep-alive connections: the"
            + " chat page, an article page, cached and uncached /api/ask, the Telegram webhook"
            + " (checking that every acknowledged update is in the inbox). Prints requests/s,"
            + " p50/p99 latency and errors. Pin this command itself elsewhere (see .ci/loadtest).")
final class LoadTestCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(
      names = "--corpus",
      paramLabel = "JSONL",
      description = "Imported into the data folder first when it holds no article.")
  Path corpus;

  @Option(
      names = "--cpus",
      split = ";",
      defaultValue = "0;0,1",
      description = "The server's core sets, one run each, separated by ';' (default: 0;0,1).")
  List<String> cpuSets;

  @Option(
      names = "--scenario",
      split = ",",
      description =
          "Scenarios to run (default all): chat-page, article-page, ask-cached,"
              + " ask-uncached, webhook.")
  List<String> scenarios;

  @Option(names = "--connections", defaultValue = "8")
  int connections;

  @Option(
      names = "--uncached-connections-per-core",
      defaultValue = "2",
      description = "Connections for ask-uncached per server core (the server's search permits).")
  int uncachedPerCore;

  @Option(
      names = "--warmup",
      defaultValue = "30",
      description =
          "Seconds of load before each measured one, not counted (default 30: on one core the"
              + " JIT is still compiling for well over 5 s).")
  int warmup;

  @Option(names = "--duration", defaultValue = "15", description = "Measured seconds.")
  int duration;

  @Option(
      names = "--jvm",
      split = " ",
      defaultValue = "-XX:+UseParallelGC -Xmx512m",
      description = "The server's JVM options (default: the Procfile's).")
  List<String> jvm;

  @Option(
      names = "--server-jar",
      paramLabel = "JAR",
      description = "Serve another build (e.g. the previous commit's) under the same load.")
  Path serverJar;

  @Option(names = "--logs", defaultValue = "/tmp/loadtest", paramLabel = "DIR")
  Path logs;

  @Override
  public Integer call() throws Exception {
    // The load test sets aside the unhandled updates and unsent answers of the database it is
    // given: only ever its own folder, never a deployment's database or default folder.
    if (System.getenv("DATABASE_URL") != null) {
      System.err.println("loadtest: refused: DATABASE_URL is set; run it on its own --data folder");
      return 2;
    }
    if (data.data == null) {
      System.err.println("loadtest: give the load test its own folder with --data DIR");
      return 2;
    }
    List<LoadTest.Row> rows =
        new LoadTest(line -> System.out.println("loadtest: " + line))
            .run(
                data.settings(Map.of()),
                new LoadTest.Plan(
                    data.settings(Map.of()).dataDir(),
                    corpus,
                    cpuSets,
                    scenarios == null ? LoadTest.SCENARIOS : scenarios,
                    connections,
                    uncachedPerCore,
                    Duration.ofSeconds(warmup),
                    Duration.ofSeconds(duration),
                    jvm,
                    serverJar == null
                        ? System.getProperty("java.class.path")
                        : serverJar.toAbsolutePath().toString(),
                    logs));
    // Exit 1 when an acknowledged update was not in the inbox: that is a lost update.
    return rows.stream().allMatch(r -> r.missing() == 0) ? 0 : 1;
  }
}
