package vn.backancity.bot.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.backancity.bot.App;
import vn.backancity.bot.article.ImportReport;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Imports articles: portal .txt files, .json, .jsonl or .jsonl.gz, and folders of them."
            + " Re-importing updates articles by id.")
final class ImportCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Parameters(arity = "1..*", paramLabel = "PATH")
  List<Path> paths;

  @Override
  public Integer call() throws Exception {
    try (App app = data.open()) {
      long start = System.nanoTime();
      ImportReport report = app.importPaths(paths, line -> System.err.println(line));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "imported %d articles from %d files in %.1f s; %d skipped; %d articles in total%n",
          report.articles(), report.files(), seconds, report.skipped(), app.store().count());
      report.problems().forEach(p -> System.out.println("  skipped: " + p));
      return report.articles() == 0 && report.skipped() > 0 ? 1 : 0;
    }
  }
}
