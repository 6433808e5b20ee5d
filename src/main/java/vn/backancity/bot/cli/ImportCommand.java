package vn.backancity.bot.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

  @Option(
      names = "--progress",
      description =
          "Print the progress line (done, rate, time left) every 2 s even when stderr is not a"
              + " terminal; on a terminal it is always shown, updated in place.")
  boolean progress;

  @Override
  public Integer call() throws Exception {
    try (App app = data.open()) {
      long start = System.nanoTime();
      boolean terminal = isTerminal();
      boolean[] shown = {false};
      ImportReport report =
          app.importPaths(
              paths,
              line -> {
                if (terminal) {
                  System.err.print("\r\033[K" + line); // one line, rewritten in place
                  shown[0] = true;
                } else if (progress) {
                  System.err.println(line);
                }
              });
      if (shown[0]) {
        System.err.println();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "imported %d articles from %d files in %.1f s; %d skipped; %d articles in total%n",
          report.articles(), report.files(), seconds, report.skipped(), app.store().count());
      report.problems().forEach(p -> System.out.println("  skipped: " + p));
      return report.articles() == 0 && report.skipped() > 0 ? 1 : 0;
    }
  }

  /**
   * Whether the console is a terminal (Console.isTerminal is JDK 22+; before, a console is one).
   */
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
