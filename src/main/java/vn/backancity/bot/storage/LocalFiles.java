package vn.backancity.bot.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Small file chores shared by the commands: gzip-aware reading, folder size, folder removal. */
public final class LocalFiles {
  private LocalFiles() {}

  /**
   * Lines of a UTF-8 text file, gunzipped when its name ends in ".gz" (any case). Bytes that are
   * not UTF-8 raise {@link java.nio.charset.CharacterCodingException} rather than turning into
   * replacement characters.
   */
  public static BufferedReader lines(Path file) throws IOException {
    return lines(file, Files.newInputStream(file));
  }

  /**
   * Lines of {@code raw}, the content of {@code file} (gunzipped when its name ends in ".gz"), for
   * a caller that wraps the file's stream, e.g. to count the bytes read.
   */
  public static BufferedReader lines(Path file, InputStream raw) throws IOException {
    InputStream in = raw;
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        1 << 16);
  }

  /** Bytes of all files below a folder. */
  public static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** Removes a folder with everything in it; nothing when it does not exist. */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
