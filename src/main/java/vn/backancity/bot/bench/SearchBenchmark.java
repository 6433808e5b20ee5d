package vn.backancity.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import vn.backancity.bot.App;
import vn.backancity.bot.config.Settings;

/**
 * Times what a citizen waits for: building the index over a corpus, then search plus excerpt per
 * question, uncached and cached, with the heap it takes. Prints its figures; asserts nothing.
 */
public final class SearchBenchmark {
  static final int WARMUP = 300;

  private final ObjectMapper json = App.jsonMapper();
  private final Consumer<String> out;

  public SearchBenchmark(Consumer<String> out) {
    this.out = out;
  }

  /**
   * Runs the benchmark.
   *
   * @param inputs articles to index (the corpus and anything else)
   * @param questionFiles JSON lines with a "question" field, or TSV with the question first
   * @param sampleTitles how many corpus titles and lead fragments to add as questions
   */
  public void run(
      Settings base,
      Path work,
      List<Path> inputs,
      List<Path> questionFiles,
      Path corpus,
      int sampleTitles)
      throws IOException {
    Settings settings = base.withDataDir(work);
    long start = System.nanoTime();
    try (App app = App.open(settings, Clock.systemUTC())) {
      app.importPaths(inputs, line -> {});
      double importSeconds = seconds(start);
      out.accept(
          String.format(
              Locale.ROOT,
              "import into SQLite + index: %,d articles in %.1f s",
              app.store().count(),
              importSeconds));
      long indexStart = System.nanoTime();
      int indexed = app.reindex();
      out.accept(
          String.format(
              Locale.ROOT,
              "index build (from the database): %,d articles in %.1f s",
              indexed,
              seconds(indexStart)));

      List<String> questions = questions(questionFiles, corpus, sampleTitles);
      out.accept(String.format(Locale.ROOT, "questions: %,d distinct", questions.size()));
      for (int i = 0; i < Math.min(WARMUP, questions.size()); i++) {
        app.answerer().ask(questions.get(i) + " warmup");
      }
      app.cache().invalidateAll();

      long[] uncached = time(app, questions);
      long[] cached = time(app, questions);
      out.accept(line("uncached search + excerpt", uncached));
      out.accept(line("cached", cached));
      Runtime rt = Runtime.getRuntime();
      System.gc();
      out.accept(
          String.format(
              Locale.ROOT,
              "heap used after GC: %d MB (max %d MB); index on disk: %d MB",
              (rt.totalMemory() - rt.freeMemory()) >> 20,
              rt.maxMemory() >> 20,
              folderBytes(settings.indexDir()) >> 20));
    }
  }

  private static long[] time(App app, List<String> questions) {
    long[] nanos = new long[questions.size()];
    for (int i = 0; i < questions.size(); i++) {
      long t = System.nanoTime();
      app.answerer().ask(questions.get(i));
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static String line(String what, long[] sorted) {
    return String.format(
        Locale.ROOT,
        "%s over %,d questions: p50 %.3f ms, p99 %.3f ms, max %.1f ms",
        what,
        sorted.length,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  static double percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private List<String> questions(List<Path> files, Path corpus, int sampleTitles)
      throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (Path f : files) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        out.add(
            line.startsWith("{")
                ? json.readTree(line).path("question").asText()
                : line.split("\t")[0]);
      }
    }
    if (corpus != null && sampleTitles > 0) {
      int every = 50_000 / sampleTitles;
      try (BufferedReader in = lines(corpus)) {
        int n = 0;
        for (String line;
            (line = in.readLine()) != null && out.size() < files.size() * 1000 + 2L * sampleTitles;
            n++) {
          if (n % Math.max(1, every) != 0) {
            continue;
          }
          JsonNode node = json.readTree(line);
          out.add(node.path("title").asText());
          String[] lead = node.path("lead").asText().split("\\s+");
          if (lead.length > 8) {
            out.add(String.join(" ", Arrays.copyOfRange(lead, 2, 10)).toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    out.removeIf(String::isBlank);
    return new ArrayList<>(out);
  }

  private static BufferedReader lines(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static long folderBytes(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
