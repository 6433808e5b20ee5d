package vn.backancity.bot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.backancity.bot.App;

@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = "Rebuilds the search index from the database.")
final class ReindexCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Override
  public Integer call() {
    try (App app = data.open()) {
      long start = System.nanoTime();
      int n = app.reindex();
      System.out.printf("indexed %d articles in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
      return 0;
    }
  }
}
