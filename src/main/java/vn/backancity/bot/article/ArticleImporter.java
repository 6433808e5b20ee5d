package vn.backancity.bot.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
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
 */
public final class ArticleImporter {
  private static final Logger log = LoggerFactory.getLogger(ArticleImporter.class);
  private static final int BATCH = 1000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private final ArticleSink sink;
  private final ObjectMapper json;
  private final Clock clock;
  private final PortalTextReader textReader = new PortalTextReader();
  private final JsonArticleReader jsonReader;

  public ArticleImporter(ArticleSink sink, ObjectMapper json, Clock clock) {
    this.sink = sink;
    this.json = json;
    this.clock = clock;
    this.jsonReader = new JsonArticleReader(json);
  }

  /** Imports every path; {@code progress} hears a line now and then on large inputs. */
  public ImportReport importPaths(List<Path> paths, Consumer<String> progress) throws IOException {
    Run run = new Run(progress);
    for (Path path : paths) {
      if (!Files.exists(path)) {
        run.problem(path + ": no such file or folder");
        continue;
      }
      for (Path file : files(path)) {
        importFile(file, run);
      }
    }
    run.flush();
    return new ImportReport(run.files, run.articles, run.skipped, run.problems);
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
    try (BufferedReader reader = LocalFiles.lines(file)) {
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

  /** The state of one import: counts, the pending batch, progress reporting. */
  private final class Run {
    private final Consumer<String> progress;
    private final List<Article> batch = new ArrayList<>(BATCH);
    private final List<String> problems = new ArrayList<>();
    private final Instant started = clock.instant();
    private Instant lastProgress = started;
    private int files;
    private int articles;
    private int skipped;

    Run(Consumer<String> progress) {
      this.progress = progress;
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
      sink.accept(List.copyOf(batch));
      articles += batch.size();
      batch.clear();
      Instant now = clock.instant();
      if (Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
        lastProgress = now;
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        progress.accept(
            String.format(
                Locale.ROOT,
                "imported %,d articles from %,d files (%.0f/s), %d skipped",
                articles,
                files,
                articles / seconds,
                skipped));
      }
    }
  }
}
