package vn.backancity.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import vn.backancity.bot.storage.LocalFiles;

/**
 * A corpus of any size made from the shared one, the same for the same size every time: article
 * after article of the source, pass after pass, each keeps its title and lead and gets the first
 * part of its own body followed by the rest of the body of one of the {@value #WINDOW} articles
 * read before it, a new id ({@code syn-<pass>-<line>}) and a publication date between 2015 and
 * 2025, all drawn from one fixed seed. Written as gzipped JSON lines while it is made: only the
 * window is ever in memory.
 */
public final class SyntheticCorpus {
  static final long SEED = 42;
  static final int WINDOW = 64;
  private static final long FROM = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
  private static final long TO = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

  private final ObjectMapper json;

  public SyntheticCorpus(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Writes {@code n} articles made from {@code source} (JSON lines with title, lead and body, one
   * sentence per line; gzipped or not) to {@code target} as gzipped JSON lines.
   */
  public void write(Path source, long n, Path target) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("the size must not be negative");
    }
    Random random = new Random(SEED);
    String[][] window = new String[WINDOW][];
    long written = 0;
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(target), 1 << 16),
                StandardCharsets.UTF_8),
            1 << 16)) {
      for (int pass = 0; written < n; pass++) {
        int line = 0;
        try (BufferedReader in = LocalFiles.lines(source)) {
          for (String text; written < n && (text = in.readLine()) != null; ) {
            if (text.isBlank()) {
              continue;
            }
            line++;
            JsonNode node = json.readTree(text);
            String[] body = node.path("body").asText("").split("\n");
            String[] donor = window[random.nextInt(WINDOW)];
            window[(line - 1) % WINDOW] = body;
            ObjectNode article = json.createObjectNode();
            article.put("id", "syn-" + pass + "-" + line);
            article.put("title", node.path("title").asText(""));
            article.put("lead", node.path("lead").asText(""));
            article.put("body", String.join("\n", recombined(body, donor, random)));
            long seconds = FROM + (long) (random.nextDouble() * (TO - FROM));
            article.put("published_at", Instant.ofEpochSecond(seconds).toString());
            out.write(json.writeValueAsString(article));
            out.write('\n');
            written++;
          }
        }
        if (line == 0) {
          throw new IllegalArgumentException(source + " holds no articles");
        }
      }
    }
  }

  /** The first part of {@code own}, then the rest of {@code donor} (own alone without a donor). */
  private static List<String> recombined(String[] own, String[] donor, Random random) {
    List<String> out = new ArrayList<>();
    int keep = own.length <= 1 ? own.length : 1 + random.nextInt(own.length);
    out.addAll(Arrays.asList(own).subList(0, keep));
    if (donor != null && donor != own && donor.length > 1) {
      int from = random.nextInt(donor.length);
      out.addAll(Arrays.asList(donor).subList(from, donor.length));
    }
    return out;
  }
}
