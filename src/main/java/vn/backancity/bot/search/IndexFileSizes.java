package vn.backancity.bot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Bytes of a Lucene index by kind of file, compound files opened: what explains an index's size
 * (stored fields against postings, positions, norms, doc values).
 */
public final class IndexFileSizes {
  private IndexFileSizes() {}

  /** The kinds this breakdown names, by file extension; anything else is "other". */
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("fdt", "stored"),
          Map.entry("fdx", "stored"),
          Map.entry("fdm", "stored"),
          Map.entry("tim", "terms"),
          Map.entry("tip", "terms"),
          Map.entry("tmd", "terms"),
          Map.entry("doc", "postings"),
          Map.entry("psm", "postings"),
          Map.entry("pos", "positions"),
          Map.entry("pay", "positions"),
          Map.entry("nvd", "norms"),
          Map.entry("nvm", "norms"),
          Map.entry("dvd", "doc values"),
          Map.entry("dvm", "doc values"));

  /**
   * Bytes per kind (stored, terms, postings, positions, norms, doc values, other) of the commit.
   */
  public static Map<String, Long> of(Path folder) {
    try (Directory dir = FSDirectory.open(folder)) {
      Map<String, Long> out = new TreeMap<>();
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(dir)) {
        if (segment.info.getUseCompoundFile()) {
          try (Directory cfs =
              segment.info.getCodec().compoundFormat().getCompoundReader(dir, segment.info)) {
            for (String file : cfs.listAll()) {
              out.merge(kind(file), cfs.fileLength(file), Long::sum);
            }
          }
        } else {
          for (String file : segment.files()) {
            out.merge(kind(file), dir.fileLength(file), Long::sum);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the index in " + folder, e);
    }
  }

  private static String kind(String file) {
    String ext = file.substring(file.lastIndexOf('.') + 1);
    return KINDS.getOrDefault(ext, "other");
  }

  /** One line: "stored 12.3, terms 4.5, ..." in MB, largest first. */
  public static String describe(Map<String, Long> sizes) {
    StringBuilder out = new StringBuilder();
    sizes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                out.append(out.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.1f", e.getValue() / 1e6)));
    return out.toString();
  }
}
