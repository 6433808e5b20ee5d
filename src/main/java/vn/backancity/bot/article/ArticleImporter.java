package vn.backancity.bot.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.storage.LocalFiles;

/**
 * Imports articles from files and folders: portal text files ({@code .txt}), JSON objects ({@code
 * .json}) and JSON lines ({@code .jsonl}, {@code .jsonl.gz}). A broken file or line is skipped with
 * a log line naming it; the rest is imported. Importing the same input again updates, never
 * duplicates, because articles are upserted by id.
 *
 * <p>Articles go to the sink in batches, one batch at a time and in order, on a thread of their
 * own: reading and parsing the next batch overlaps saving the previous one. With a separate step
 * that makes saved articles searchable, that step runs on a third thread, one batch behind: while
 * batch N is parsed, N-1 is saved and N-2 indexed (never more than two batches behind, and all done
 * when {@link #importPaths} returns).
 */
public final class ArticleImporter {
  private static final Logger log = LoggerFactory.getLogger(ArticleImporter.class);
  private static final int BATCH = 2000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private final ArticleSink sink;
  private final Runnable makeSearchable;
  private final ObjectMapper json;
  private final Clock clock;
  private final PortalTextReader textReader = new PortalTextReader();
  private final JsonArticleReader jsonReader;

  public ArticleImporter(ArticleSink sink, ObjectMapper json, Clock clock) {
    this(sink, () -> {}, json, clock);
  }

  /**
   * An importer whose {@code sink} only saves, and {@code makeSearchable} brings the index up to
   * everything saved so far (it must be safe to call while the sink saves).
   */
  public ArticleImporter(
      ArticleSink sink, Runnable makeSearchable, ObjectMapper json, Clock clock) {
    this.sink = sink;
    this.makeSearchable = makeSearchable;
    this.json = json;
    this.clock = clock;
    this.jsonReader = new JsonArticleReader(json);
  }

  /** Imports every path; {@code progress} hears a line now and then on large inputs. */
  public ImportReport importPaths(List<Path> paths, Consumer<String> progress) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Path path : paths) {
      if (Files.exists(path)) {
        files.addAll(files(path));
      } else {
        missing.add(path + ": no such file or folder");
      }
    }
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    try (Run run = new Run(progress, total)) {
      missing.forEach(run::problem);
      for (Path file : files) {
        importFile(file, run);
        run.fileDone(file);
      }
      run.finish();
      return new ImportReport(run.files, run.articles, run.skipped, run.problems);
    }
  }

  private static List<Path> files(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).filter(ArticleImporter::supported).sorted().toList();
    }
  }

  private static boolean supported(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".txt")
        || name.endsWith(".json")
        || name.endsWith(".jsonl")
        || name.endsWith(".jsonl.gz");
  }

  private void importFile(Path file, Run run) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    run.files++;
    try {
      if (lower.endsWith(".jsonl") || lower.endsWith(".jsonl.gz")) {
        importJsonLines(file, stem(name), run);
      } else if (lower.endsWith(".json")) {
        JsonNode node = json.readTree(readUtf8(file));
        run.add(jsonReader.read(node, stem(name)));
      } else if (lower.endsWith(".txt")) {
        run.add(textReader.read(stem(name), readUtf8(file)));
      } else {
        run.problem(file + ": skipped, not .txt, .json, .jsonl or .jsonl.gz");
      }
    } catch (CharacterCodingException e) {
      run.problem(file + ": skipped, not valid UTF-8");
    } catch (IOException | RuntimeException e) {
      run.problem(file + ": skipped, " + e.getMessage());
    }
  }

  private void importJsonLines(Path file, String stem, Run run) throws IOException {
    try (BufferedReader reader = LocalFiles.lines(file, run.counted(file))) {
      int lineNo = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          run.add(jsonReader.read(line, stem + "-" + lineNo));
        } catch (RuntimeException e) {
          run.problem(file + ":" + lineNo + ": skipped, " + e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      run.problem(file + ": rest of file skipped, not valid UTF-8");
    }
  }

  private static String stem(String fileName) {
    String stem = fileName.replaceFirst("(?i)\\.(txt|json|jsonl|jsonl\\.gz)$", "");
    return stem.replaceAll("[^A-Za-z0-9._~-]", "_");
  }

  private static String readUtf8(Path file) throws IOException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
            .toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The state of one import: counts, the pending batch, the batch being published, progress
   * reporting.
   */
  private final class Run implements AutoCloseable {
    private final Consumer<String> progress;
    private final long totalBytes;
    private final List<Article> batch = new ArrayList<>(BATCH);
    private final List<String> problems = new ArrayList<>();
    private final Instant started = clock.instant();
    private final ExecutorService publisher =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("import-publish").factory());
    private final ExecutorService indexer =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name("import-index").factory());
    private Future<?> publishing = CompletableFuture.completedFuture(null);
    private Future<?> indexing = CompletableFuture.completedFuture(null);
    private Instant lastProgress = started;
    private long bytesOfDoneFiles;
    private long bytesOfFile;
    private int files;
    private int articles;
    private int skipped;

    Run(Consumer<String> progress, long totalBytes) {
      this.progress = progress;
      this.totalBytes = totalBytes;
    }

    /** The file's stream, counting what is read of it for the progress line. */
    InputStream counted(Path file) throws IOException {
      bytesOfFile = 0;
      return new FilterInputStream(Files.newInputStream(file)) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          bytesOfFile += b < 0 ? 0 : 1;
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          bytesOfFile += Math.max(0, n);
          return n;
        }
      };
    }

    void fileDone(Path file) throws IOException {
      bytesOfDoneFiles += Files.size(file);
      bytesOfFile = 0;
    }

    /** Publishes what is left and waits until everything is. */
    void finish() {
      flush();
      awaitPublished();
      await(indexing);
      indexing = indexer.submit(makeSearchable);
      await(indexing);
    }

    @Override
    public void close() {
      publisher.shutdownNow();
      // Not interrupted: an interrupt inside Lucene's file I/O closes the index writer for good.
      // A failed import waits for the catch-up under way (it indexes what was saved) instead.
      indexer.shutdown();
      try {
        if (!indexer.awaitTermination(10, TimeUnit.MINUTES)) {
          log.warn("Import: the index catch-up under way did not end in 10 minutes");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void add(Article article) {
      batch.add(article);
      if (batch.size() >= BATCH) {
        flush();
      }
    }

    void problem(String line) {
      skipped++;
      problems.add(line);
      log.warn("Import: {}", line);
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      List<Article> next = List.copyOf(batch);
      batch.clear();
      awaitPublished();
      await(indexing);
      // Indexes what was saved up to the previous batch while this one is saved.
      indexing = indexer.submit(makeSearchable);
      publishing = publisher.submit(() -> sink.accept(next));
      articles += next.size();
      Instant now = clock.instant();
      if (Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
        lastProgress = now;
        progress.accept(progressLine(now));
      }
    }

    /** Waits for the batch being published; its failure is this import's. */
    private void awaitPublished() {
      await(publishing);
    }

    private static void await(Future<?> step) {
      try {
        step.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while importing", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      }
    }

    /** Done of total (by bytes read, which is what time left follows), rate, time left. */
    private String progressLine(Instant now) {
      double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
      double share =
          totalBytes <= 0 ? 0 : Math.min(1, (bytesOfDoneFiles + bytesOfFile) / (double) totalBytes);
      String left =
          share <= 0 ? "" : ", about " + duration(seconds * (1 - share) / share) + " left";
      return String.format(
          Locale.ROOT,
          "imported %,d articles from %,d files, %.0f%% of %s read, %,.0f/s%s; %d skipped",
          articles,
          files,
          share * 100,
          megabytes(totalBytes),
          articles / seconds,
          left,
          skipped);
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
