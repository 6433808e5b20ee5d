package vn.backancity.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.bench.SearchBenchmark;
import vn.backancity.bot.storage.LocalFiles;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Times index build and per-question search + excerpt (p50/p99, uncached and cached) over a"
            + " corpus, and prints the heap used.")
final class BenchCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--corpus", required = true, paramLabel = "JSONL")
  Path corpus;

  @Option(names = "--also", paramLabel = "PATH", description = "More articles to index.")
  List<Path> more = new ArrayList<>();

  @Option(
      names = "--questions",
      paramLabel = "FILE",
      description = "Question files: JSON lines with \"question\", or TSV with it first.")
  List<Path> questions = new ArrayList<>();

  @Option(
      names = "--titles",
      defaultValue = "1000",
      description = "Corpus titles (and as many lead fragments) to ask too.")
  int titles;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("backan-bench");
    try {
      List<Path> inputs = new ArrayList<>(more);
      inputs.add(corpus);
      new SearchBenchmark(line -> System.out.println("bench: " + line))
          .run(data.settings(Map.of()), work, inputs, questions, corpus, titles);
      return 0;
    } finally {
      LocalFiles.delete(work);
    }
  }
}
