package vn.backancity.bot.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.testing.SteppingClock;
import vn.backancity.bot.testing.TestApps;

/** Imports into a real SQLite file and Lucene index in a temporary folder. */
class ArticleImportTest {
  @TempDir Path data;
  @TempDir Path inputs;

  @Test
  void seedsImportWithFileNamesAsIdsAndReimportUpdatesInPlace() throws Exception {
    try (App app = TestApps.empty(data)) {
      ImportReport first = app.importPaths(List.of(TestApps.SEEDS), line -> {});
      ImportReport again = app.importPaths(List.of(TestApps.SEEDS), line -> {});

      assertThat(first.articles()).isEqualTo(5);
      assertThat(again.articles()).isEqualTo(5);
      assertThat(app.store().count()).isEqualTo(5);
      assertThat(app.index().size()).isEqualTo(5);
      assertThat(app.store().find("002_d5279ddcd5c22846")).isPresent();
    }
  }

  @Test
  void changedArticleReplacesTheOldOneInStoreAndSearch() throws Exception {
    Path file = inputs.resolve("tin-1.txt");
    Files.writeString(file, "Tiêu đề cũ\n\nNội dung về hợp tác xã chè Bằng Phúc.\n");
    try (App app = TestApps.empty(data)) {
      app.importPaths(List.of(file), line -> {});
      Files.writeString(file, "Tiêu đề mới\n\nNội dung về hợp tác xã miến dong.\n");
      app.importPaths(List.of(file), line -> {});

      assertThat(app.store().count()).isEqualTo(1);
      assertThat(app.store().find("tin-1").orElseThrow().title()).isEqualTo("Tiêu đề mới");
      assertThat(app.answerer().ask("hợp tác xã miến dong").answers()).hasSize(1);
      assertThat(app.answerer().ask("hợp tác xã chè Bằng Phúc").answers()).isEmpty();
    }
  }

  @Test
  void brokenFilesAndLinesAreSkippedByNameAndTheRestIsImported() throws Exception {
    Files.write(
        inputs.resolve("bad-utf8.txt"), new byte[] {'T', 'i', (byte) 0xC3, (byte) 0x28, '\n'});
    Files.writeString(inputs.resolve("empty.txt"), "\n\n");
    Files.writeString(inputs.resolve("broken.json"), "{\"id\": ");
    Files.writeString(
        inputs.resolve("mixed.jsonl"),
        "{\"id\":\"ok-1\",\"title\":\"Tin một\",\"body\":\"Nội dung một.\"}\n"
            + "{not json}\n"
            + "\n"
            + "{\"id\":\"ok-2\",\"title\":\"Tin hai\",\"body\":\"Nội dung hai.\"}\n");
    Files.writeString(inputs.resolve("good.txt"), "Tin tốt\n\nMột đoạn văn bình thường.\n");
    try (App app = TestApps.empty(data)) {
      ImportReport report = app.importPaths(List.of(inputs), line -> {});

      assertThat(report.articles()).isEqualTo(3);
      assertThat(report.skipped()).isEqualTo(4);
      assertThat(report.problems())
          .anyMatch(p -> p.contains("bad-utf8.txt") && p.contains("UTF-8"))
          .anyMatch(p -> p.contains("empty.txt"))
          .anyMatch(p -> p.contains("broken.json"))
          .anyMatch(p -> p.contains("mixed.jsonl:2"));
      assertThat(app.store().find("ok-2")).isPresent();
      assertThat(app.store().find("good")).isPresent();
    }
  }

  @Test
  void articleWhoseUrlIsNotAnHttpAddressIsSkippedWithTheReason() throws Exception {
    Files.writeString(
        inputs.resolve("links.jsonl"),
        "{\"id\":\"web\",\"title\":\"Tin\",\"body\":\"Một.\",\"url\":\"https://backancity.gov.vn/a\"}\n"
            + "{\"id\":\"js\",\"title\":\"Tin\",\"body\":\"Hai.\",\"url\":\"javascript:alert(1)\"}\n"
            + "{\"id\":\"data\",\"title\":\"Tin\",\"body\":\"Ba.\",\"url\":\"data:text/html,x\"}\n"
            + "{\"id\":\"rel\",\"title\":\"Tin\",\"body\":\"Bốn.\",\"url\":\"/tin/4\"}\n");
    try (App app = TestApps.empty(data)) {
      ImportReport report = app.importPaths(List.of(inputs), line -> {});

      assertThat(report.articles()).isEqualTo(1);
      assertThat(report.skipped()).isEqualTo(3);
      assertThat(report.problems())
          .containsExactly(
              inputs.resolve("links.jsonl") + ":2: skipped, field 'url' must be an http(s) address",
              inputs.resolve("links.jsonl") + ":3: skipped, field 'url' must be an http(s) address",
              inputs.resolve("links.jsonl")
                  + ":4: skipped, field 'url' must be an http(s) address");
      assertThat(app.store().find("web").orElseThrow().url())
          .isEqualTo("https://backancity.gov.vn/a");
      assertThat(app.store().find("js")).isEmpty();
    }
  }

  @Test
  void gzippedJsonLinesWithoutIdsGetFileAndLineIdsAndProgressIsReported() throws Exception {
    Path gz = inputs.resolve("feed.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      for (int i = 0; i < 2500; i++) {
        out.write(
            ("{\"title\":\"Bài số " + i + "\",\"lead\":\"Nội dung bài số " + i + ".\"}\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    List<String> progress = new ArrayList<>();
    Clock clock = new SteppingClock(Instant.parse("2026-11-21T00:00:00Z"), Duration.ofSeconds(1));
    try (App app = App.open(TestApps.settings(data, Map.of()), clock)) {
      ImportReport report = app.importPaths(List.of(gz), progress::add);

      assertThat(report.articles()).isEqualTo(2500);
      assertThat(progress).isNotEmpty().allMatch(line -> line.startsWith("imported "));
      assertThat(app.store().find("feed-1")).isPresent();
      assertThat(app.store().find("feed-2500")).isPresent();
      assertThat(app.index().size()).isEqualTo(2500);
    }
  }

  @Test
  void progressOfALongImportSaysHowMuchIsReadTheRateAndTheTimeLeft() throws Exception {
    Path jsonl = inputs.resolve("archive.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 6000; i++) {
      lines.append("{\"title\":\"Tin số ").append(i).append("\",\"lead\":\"Nội dung.\"}\n");
    }
    Files.writeString(jsonl, lines);
    List<String> progress = new ArrayList<>();
    Clock clock = new SteppingClock(Instant.parse("2026-11-21T00:00:00Z"), Duration.ofSeconds(1));
    try (App app = App.open(TestApps.settings(data, Map.of()), clock)) {
      ImportReport report = app.importPaths(List.of(jsonl), progress::add);

      assertThat(report.articles()).isEqualTo(6000);
      assertThat(progress).isNotEmpty();
      assertThat(progress.get(0))
          .matches(
              "imported [0-9,]+ articles from 1 files, \\d+% of 0\\.\\d MB read, .*/s,"
                  + " about \\d+:\\d\\d left; 0 skipped");
      assertThat(app.index().size()).isEqualTo(6000);
    }
  }

  @Test
  void indexMissingOrBehindIsRebuiltFromTheDatabaseOnOpen() throws Exception {
    try (App app = TestApps.withSeeds(data)) {
      assertThat(app.index().size()).isEqualTo(5);
    }
    // Lose the derived index entirely: the database is the source of truth.
    try (var files = Files.walk(data.resolve("index"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    try (App app = TestApps.empty(data)) {
      assertThat(app.index().size()).isEqualTo(5);
      assertThat(app.answerer().ask("Khu di tích Nà Pậu ở đâu?").answers()).isNotEmpty();
    }
  }

  @Test
  void indexingABatchOverlapsSavingTheNextAndEverythingIsIndexedWhenTheImportReturns()
      throws Exception {
    Path jsonl = inputs.resolve("archive.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      lines.append("{\"title\":\"Bài số ").append(i).append("\",\"lead\":\"Nội dung.\"}\n");
    }
    Files.writeString(jsonl, lines);
    List<Integer> saved = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Integer> searchable = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch firstIndexing = new java.util.concurrent.CountDownLatch(1);
    ArticleImporter importer =
        new ArticleImporter(
            batch -> {
              // The second batch is saved only while the first is being indexed.
              if (!saved.isEmpty()) {
                await(firstIndexing);
              }
              saved.add(batch.size());
            },
            () -> {
              int count = saved.stream().mapToInt(Integer::intValue).sum();
              if (count > 0) {
                firstIndexing.countDown();
              }
              searchable.add(count);
            },
            App.jsonMapper(),
            Clock.systemUTC());

    ImportReport report = importer.importPaths(List.of(jsonl), line -> {});

    assertThat(report.articles()).isEqualTo(5000);
    assertThat(saved).containsExactly(2000, 2000, 1000);
    assertThat(searchable).last().isEqualTo(5000);
  }

  @Test
  void aLargeImportIsSearchableWhenItReturns() throws Exception {
    Path jsonl = inputs.resolve("archive.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 4500; i++) {
      lines
          .append("{\"id\":\"tin-")
          .append(i)
          .append("\",\"title\":\"Bài số ")
          .append(i)
          .append("\",\"lead\":\"Hợp tác xã số ")
          .append(i)
          .append(".\"}\n");
    }
    Files.writeString(jsonl, lines);
    try (App app = TestApps.empty(data)) {
      app.importPaths(List.of(jsonl), line -> {});

      assertThat(app.index().size()).isEqualTo(4500);
      assertThat(app.catalog().lag()).isZero();
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AssertionError("the first batch was not indexed while the second was saved");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
