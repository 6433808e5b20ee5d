package vn.backancity.bot.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Administrative abbreviations (UBND, HĐND, TP, KT-XH ...) and their long forms, read from an
 * editable TSV file. Both sides are kept as folded term sequences so that matching ignores case and
 * diacritics.
 */
public final class Abbreviations {
  /** One entry: the abbreviation's terms and the long form's terms, canonical and folded. */
  record Entry(
      String shortText,
      String longText,
      List<String> shortFolded,
      List<String> longCanonical,
      List<String> longFolded) {}

  private final List<Entry> entries;

  private Abbreviations(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Abbreviations none() {
    return new Abbreviations(List.of());
  }

  /**
   * Parses "ABBREVIATION\tlong form" lines; blank lines and lines starting with # are skipped.
   *
   * @throws IllegalArgumentException naming the line when one is malformed
   */
  public static Abbreviations parse(String tsv) {
    VietnameseAnalyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
    List<Entry> entries = new ArrayList<>();
    for (TableLines.Line entry : TableLines.of(tsv)) {
      String line = entry.text();
      String[] parts = line.split("\t+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "abbreviations line " + entry.number() + ": expected ABBREVIATION<TAB>long form");
      }
      List<String> shortTerms = fold(canonical.terms(parts[0]));
      List<String> longTerms = canonical.terms(parts[1]);
      if (shortTerms.isEmpty() || longTerms.isEmpty()) {
        throw new IllegalArgumentException("abbreviations line " + entry.number() + ": empty side");
      }
      entries.add(new Entry(parts[0], parts[1], shortTerms, longTerms, fold(longTerms)));
    }
    return new Abbreviations(entries);
  }

  public static Abbreviations parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  private static List<String> fold(List<String> terms) {
    return terms.stream().map(VietnameseText::fold).toList();
  }

  List<Entry> entries() {
    return entries;
  }

  /** The entries as written: {abbreviation, long form}. */
  public List<String[]> pairs() {
    return entries.stream().map(e -> new String[] {e.shortText(), e.longText()}).toList();
  }

  public int size() {
    return entries.size();
  }
}
