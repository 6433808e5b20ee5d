package vn.backancity.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.bench.SearchBenchmark;
import vn.backancity.bot.bench.SyntheticCorpus;
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

  @Option(
      names = "--scale",
      paramLabel = "N",
      description =
          "Index N synthetic articles made from the corpus instead (recombined bodies, new ids and"
              + " dates, fixed seed; see SyntheticCorpus).")
  Long scale;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "Build in DIR and keep it (a data folder that `serve --data DIR` can open); by default a"
              + " temporary folder, removed at the end.")
  Path keep;

  @Override
  public Integer call() throws Exception {
    Path work =
        keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("backan-bench");
    try {
      Consumer<String> out = line -> System.out.println("bench: " + line);
      Path articles = corpus;
      if (scale != null) {
        articles = work.resolve("synthetic-" + scale + ".jsonl.gz");
        if (Files.exists(articles)) {
          // The same N and source give the same file: a kept --work folder is not written again.
          out.accept(
              String.format(
                  Locale.ROOT,
                  "synthetic corpus: %,d articles reused from %s (%d MB gzipped)",
                  scale,
                  articles,
                  Files.size(articles) >> 20));
        } else {
          long start = System.nanoTime();
          Path partial = work.resolve(articles.getFileName() + ".part");
          new SyntheticCorpus(App.jsonMapper()).write(corpus, scale, partial);
          Files.move(partial, articles, StandardCopyOption.ATOMIC_MOVE);
          out.accept(
              String.format(
                  Locale.ROOT,
                  "synthetic corpus: %,d articles from %s in %.1f s (%d MB gzipped)",
                  scale,
                  corpus.getFileName(),
                  (System.nanoTime() - start) / 1e9,
                  Files.size(articles) >> 20));
        }
      }
      List<Path> inputs = new ArrayList<>(more);
      inputs.add(articles);
      new SearchBenchmark(out)
          .run(data.settings(Map.of()), work, inputs, questions, articles, titles);
      return 0;
    } finally {
      if (keep == null) {
        LocalFiles.delete(work);
      }
    }
  }
}
