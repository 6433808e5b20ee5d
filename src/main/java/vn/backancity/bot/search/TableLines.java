package vn.backancity.bot.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries of an editable table in {@code config/} (abbreviations, synonyms, renamed places,
 * place names): its lines stripped, without blank lines and lines starting with #.
 */
final class TableLines {
  /** One entry, and its line number from 1 (for the error naming a malformed line). */
  record Line(int number, String text) {}

  private TableLines() {}

  static List<Line> of(String text) {
    List<Line> entries = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        entries.add(new Line(i + 1, line));
      }
    }
    return entries;
  }
}
