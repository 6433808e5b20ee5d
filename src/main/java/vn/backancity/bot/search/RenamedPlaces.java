package vn.backancity.bot.search;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Administrative units before and after a change (merged, renamed, dissolved), read from an
 * editable TSV file: old name, new name ("-" when the unit ceased without a successor of that
 * name), kind, effective date, source. A question naming either side also searches for the other
 * ({@link #asSynonyms}); an answer from an article published before the change that names the old
 * unit carries a note saying so.
 */
public final class RenamedPlaces {
  /**
   * One change.
   *
   * @param newName null when the unit ceased without a successor of that name
   */
  public record Change(
      String oldName, String newName, String kind, LocalDate effective, String source) {}

  private final List<Change> changes;

  private RenamedPlaces(List<Change> changes) {
    this.changes = List.copyOf(changes);
  }

  public static RenamedPlaces none() {
    return new RenamedPlaces(List.of());
  }

  /**
   * Parses "old name TAB new name TAB kind TAB yyyy-MM-dd TAB source" lines; blank lines and lines
   * starting with # are skipped.
   *
   * @throws IllegalArgumentException naming the line when one is malformed
   */
  public static RenamedPlaces parse(String tsv) {
    List<Change> changes = new ArrayList<>();
    for (TableLines.Line entry : TableLines.of(tsv)) {
      String line = entry.text();
      String[] cols = line.split("\t");
      if (cols.length != 5) {
        throw new IllegalArgumentException(
            "renamed places line "
                + entry.number()
                + ": expected old name, new name, kind, date, source separated by tabs");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(cols[3].strip());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "renamed places line " + entry.number() + ": date must be yyyy-MM-dd, not " + cols[3]);
      }
      String oldName = cols[0].strip();
      String newName = cols[1].strip();
      if (oldName.isEmpty() || newName.isEmpty() || cols[4].isBlank()) {
        throw new IllegalArgumentException(
            "renamed places line "
                + entry.number()
                + ": old name, new name and source are required");
      }
      changes.add(
          new Change(
              oldName,
              newName.equals("-") ? null : newName,
              cols[2].strip(),
              date,
              cols[4].strip()));
    }
    return new RenamedPlaces(changes);
  }

  public static RenamedPlaces parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  public List<Change> changes() {
    return changes;
  }

  public int size() {
    return changes.size();
  }

  /**
   * Each change with a new name as a group of two equivalent names, for question expansion. A
   * change of the home place itself ("thị xã Bắc Kạn" to "thành phố Bắc Kạn") is left out: its name
   * is in almost every question and article, context rather than topic, and expanding it only adds
   * noise (measured: it cost a seed question).
   *
   * @param homePlaces the place the service is for ("Bắc Kạn")
   */
  public Synonyms asSynonyms(List<String> homePlaces) {
    Set<String> home = new java.util.HashSet<>();
    for (String p : homePlaces) {
      home.add(VietnameseText.fold(p.toLowerCase(java.util.Locale.ROOT)).strip());
    }
    List<List<String>> groups = new ArrayList<>();
    for (Change c : changes) {
      if (c.newName() != null
          && !c.newName().equalsIgnoreCase(c.oldName())
          && !namesHome(c.oldName(), home)
          && !namesHome(c.newName(), home)) {
        groups.add(List.of(c.oldName(), c.newName()));
      }
    }
    return Synonyms.of(groups, "renamed places");
  }

  /** True when a name ends with a home place's name ("thành phố Bắc Kạn"). */
  private static boolean namesHome(String name, Set<String> home) {
    String folded = VietnameseText.fold(name.toLowerCase(java.util.Locale.ROOT)).strip();
    return home.stream().anyMatch(h -> folded.equals(h) || folded.endsWith(" " + h));
  }

  /** The folded two-word terms of names that must not become alternates. */
  static Set<String> pairsOf(List<List<String>> foldedPhrases) {
    Set<String> pairs = new java.util.HashSet<>();
    for (List<String> p : foldedPhrases) {
      for (int k = 0; k + 1 < p.size(); k++) {
        pairs.add(p.get(k) + " " + p.get(k + 1));
      }
    }
    return pairs;
  }
}
