package vn.backancity.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import vn.backancity.bot.App;
import vn.backancity.bot.config.Settings;
import vn.backancity.bot.eval.BaselineIndex;
import vn.backancity.bot.search.IndexFileSizes;
import vn.backancity.bot.storage.LocalFiles;

/**
 * Times what a citizen waits for: building the index over a corpus, then search plus excerpt per
 * question, uncached and cached, with the heap it takes. Prints its figures; asserts nothing.
 */
public final class SearchBenchmark {
  static final int WARMUP = 500;

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
              "import into SQLite + index: %,d articles in %.1f s (%,.0f articles/s)",
              app.store().count(),
              importSeconds,
              app.store().count() / importSeconds));
      long indexStart = System.nanoTime();
      int indexed = app.reindex();
      double indexSeconds = seconds(indexStart);
      out.accept(
          String.format(
              Locale.ROOT,
              "index build (from the database): %,d articles in %.1f s",
              indexed,
              indexSeconds));

      List<String> questions = questions(questionFiles, corpus, sampleTitles, 0);
      out.accept(String.format(Locale.ROOT, "questions: %,d distinct", questions.size()));
      // Warm the JIT on other questions (titles of other articles), so measured ones start cold.
      List<String> warmUp = questions(List.of(), corpus, WARMUP, 1);
      for (String warm : warmUp) {
        app.answerer().ask(warm);
      }
      app.cache().invalidateAll();

      // First pass: every question is new (no cached answer, articles not analyzed before
      // unless an earlier question of the pass had them too). Second pass: cached answers.
      long[] uncachedCpu = new long[questions.size()];
      long[] uncached = time(app, questions, uncachedCpu);
      long[] cached = time(app, questions, new long[questions.size()]);
      out.accept(line("uncached search + excerpt", uncached));
      out.accept(line("cached", cached));
      slowest(app, questions);
      app.cache().invalidateAll();
      double projectRate = throughput(q -> app.answerer().ask(q), questions);
      // The files of the index's last commit: what a restart opens. The folder can hold more for a
      // while (segments merged away that an open reader still uses).
      Map<String, Long> projectFiles = IndexFileSizes.of(settings.indexDir());
      baseline(
          work,
          app,
          warmUp,
          questions,
          uncached,
          uncachedCpu,
          indexSeconds,
          projectFiles,
          projectRate);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      out.accept(
          String.format(
              Locale.ROOT,
              "heap used after GC: %d MB (max %d MB); index folder: %d MB (last commit %d MB)",
              (rt.totalMemory() - rt.freeMemory()) >> 20,
              rt.maxMemory() >> 20,
              LocalFiles.size(settings.indexDir()) >> 20,
              total(IndexFileSizes.of(settings.indexDir())) >> 20));
    }
  }

  /**
   * Plain Lucene on the same articles and questions in the same run (StandardAnalyzer, BM25, its
   * excerpt the sentence sharing most words with the question), and the project's ratios to it.
   */
  private void baseline(
      Path work,
      App app,
      List<String> warmUp,
      List<String> questions,
      long[] projectUncached,
      long[] projectCpu,
      double projectIndexSeconds,
      Map<String, Long> projectFiles,
      double projectRate)
      throws IOException {
    Path dir = work.resolve("baseline");
    LocalFiles.delete(dir);
    try (BaselineIndex baseline = new BaselineIndex(dir)) {
      long start = System.nanoTime();
      app.store().forEach(baseline::add);
      baseline.commit();
      double buildSeconds = seconds(start);
      for (String warm : warmUp) {
        baseline.search(warm);
      }
      long[] plain = new long[questions.size()];
      long[] plainCpu = new long[questions.size()];
      for (int i = 0; i < questions.size(); i++) {
        long c = CPU.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        baseline.search(questions.get(i));
        plain[i] = System.nanoTime() - t;
        plainCpu[i] = CPU.getCurrentThreadCpuTime() - c;
      }
      Arrays.sort(plain);
      Arrays.sort(plainCpu);
      double plainRate = throughput(baseline::search, questions);
      out.accept(line("plain Lucene search + excerpt", plain));
      int cores = Runtime.getRuntime().availableProcessors();
      out.accept("| | plain Lucene | this project | ratio |");
      out.accept("|---|---:|---:|---:|");
      out.accept(
          row("index build from the stored articles, s", buildSeconds, projectIndexSeconds, 1));
      Map<String, Long> plainFiles = IndexFileSizes.of(dir);
      out.accept(row("index on disk, MB", total(plainFiles) / 1e6, total(projectFiles) / 1e6, 0));
      for (String kind : kinds(plainFiles, projectFiles)) {
        out.accept(
            row(
                "- " + kind + ", MB",
                plainFiles.getOrDefault(kind, 0L) / 1e6,
                projectFiles.getOrDefault(kind, 0L) / 1e6,
                1));
      }
      percentileRows("ms", plain, projectUncached);
      // CPU time of the asking thread: on a machine shared with other work, elapsed time also
      // counts other processes' turns, which the two passes (run one after the other) do not share.
      percentileRows("CPU ms", plainCpu, projectCpu);
      out.accept(row("questions/s on " + cores + " threads (uncached)", plainRate, projectRate, 0));
    }
  }

  /** The p50 and p99 rows of search + excerpt in one unit, plain Lucene beside the project. */
  private void percentileRows(String unit, long[] plain, long[] project) {
    for (int p : new int[] {50, 99}) {
      out.accept(
          row(
              "search + excerpt p" + p + ", " + unit + " (one thread)",
              percentile(plain, p / 100.0) / 1e6,
              percentile(project, p / 100.0) / 1e6,
              2));
    }
  }

  private static long total(Map<String, Long> sizes) {
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The kinds of file either index has, the project's largest first. */
  private static List<String> kinds(Map<String, Long> plain, Map<String, Long> project) {
    Set<String> kinds = new LinkedHashSet<>();
    project.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> kinds.add(e.getKey()));
    kinds.addAll(plain.keySet());
    kinds.removeIf(k -> plain.getOrDefault(k, 0L) + project.getOrDefault(k, 0L) < 50_000);
    return new ArrayList<>(kinds);
  }

  private static String row(String what, double plain, double project, int decimals) {
    String f = "%." + decimals + "f";
    return String.format(
        Locale.ROOT,
        "| %s | " + f + " | " + f + " | %.2f× |",
        what,
        plain,
        project,
        plain == 0 ? 0 : project / plain);
  }

  /**
   * Questions per second with one thread per core, each question asked once (so the project's
   * answers are not cached).
   */
  private static double throughput(
      java.util.function.Consumer<String> ask, List<String> questions) {
    int threads = Runtime.getRuntime().availableProcessors();
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    long start = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = next.getAndIncrement();
                        i < questions.size();
                        i = next.getAndIncrement()) {
                      ask.accept(questions.get(i));
                    }
                  }));
    }
    for (Thread w : workers) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    return questions.size() / seconds(start);
  }

  /** Names the slowest questions of another pass, for looking into the tail. */
  private void slowest(App app, List<String> questions) {
    app.cache().invalidateAll();
    List<Map.Entry<String, Long>> times = new ArrayList<>();
    for (String q : questions) {
      long t = System.nanoTime();
      app.answerer().ask(q);
      times.add(Map.entry(q, System.nanoTime() - t));
    }
    times.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    for (Map.Entry<String, Long> e : times.subList(0, Math.min(3, times.size()))) {
      out.accept(String.format(Locale.ROOT, "slow: %.1f ms: %s", e.getValue() / 1e6, e.getKey()));
    }
  }

  /** Elapsed time per question, sorted; the thread's CPU time per question into {@code cpu}. */
  private static long[] time(App app, List<String> questions, long[] cpu) {
    long[] nanos = new long[questions.size()];
    for (int i = 0; i < questions.size(); i++) {
      long c = CPU.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      app.answerer().ask(questions.get(i));
      nanos[i] = System.nanoTime() - t;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c;
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    return nanos;
  }

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

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

  /** Questions from files, plus titles and lead fragments of every n-th corpus article. */
  private List<String> questions(List<Path> files, Path corpus, int sampleTitles, int offset)
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
      try (BufferedReader in = LocalFiles.lines(corpus)) {
        int n = 0;
        for (String line;
            (line = in.readLine()) != null && out.size() < files.size() * 1000 + 2L * sampleTitles;
            n++) {
          if (n % Math.max(1, every) != offset) {
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

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
