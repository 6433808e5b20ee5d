package vn.backancity.bot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import vn.backancity.bot.App;

/** The corpus a benchmark runs on, imported once into its data folder. */
public final class CorpusImport {
  private CorpusImport() {}

  /**
   * Imports the corpus when the store holds no article, and says how long it took; false (and
   * nothing imported) when the folder already has articles.
   */
  public static boolean intoEmpty(App app, Path corpus, Consumer<String> out) throws IOException {
    if (app.store().count() != 0) {
      return false;
    }
    long start = System.nanoTime();
    app.importPaths(List.of(corpus), line -> {});
    out.accept(
        String.format(
            Locale.ROOT,
            "imported %,d articles in %.1f s",
            app.store().count(),
            (System.nanoTime() - start) / 1e9));
    return true;
  }
}
