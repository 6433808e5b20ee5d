package vn.backancity.bot.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Groups of phrases that citizens use for the same thing ("tiêm chủng", "tiêm vắc xin"), read from
 * an editable TSV file, one group per line. A question that contains one phrase of a group also
 * searches for the others: their two-word terms (or the word, for a one-word phrase) become
 * alternates of the question, so they fetch candidates and count towards an article's coverage,
 * never against it. Applied on the question side only; the articles are indexed as written.
 *
 * <p>A phrase is matched with its diacritics when the question has them ("ốm" is not "ôm"), and
 * without when the question was typed without any.
 */
public final class Synonyms {
  /** One phrase: its terms in canonical form and folded. */
  record Phrase(String text, List<String> canonical, List<String> folded) {}

  private final List<List<Phrase>> groups;

  private Synonyms(List<List<Phrase>> groups) {
    this.groups = List.copyOf(groups);
  }

  public static Synonyms none() {
    return new Synonyms(List.of());
  }

  /**
   * Parses lines of two or more phrases separated by tabs; blank lines and lines starting with #
   * are skipped.
   *
   * @throws IllegalArgumentException naming the line when one is malformed
   */
  public static Synonyms parse(String tsv) {
    List<List<String>> groups = new ArrayList<>();
    for (TableLines.Line entry : TableLines.of(tsv)) {
      String line = entry.text();
      List<String> phrases = new ArrayList<>();
      for (String part : line.split("\t+")) {
        if (!part.isBlank()) {
          phrases.add(part.strip());
        }
      }
      if (phrases.size() < 2) {
        throw new IllegalArgumentException(
            "synonyms line " + entry.number() + ": expected two or more phrases separated by tabs");
      }
      groups.add(phrases);
    }
    return of(groups, "synonyms");
  }

  public static Synonyms parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  /** Groups of phrases as written. */
  static Synonyms of(List<List<String>> groups, String what) {
    VietnameseAnalyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
    List<List<Phrase>> parsed = new ArrayList<>();
    for (List<String> group : groups) {
      List<Phrase> phrases = new ArrayList<>();
      for (String text : group) {
        List<String> terms = canonical.terms(text);
        if (terms.isEmpty()) {
          throw new IllegalArgumentException(what + ": no words in \"" + text + "\"");
        }
        phrases.add(new Phrase(text, terms, terms.stream().map(VietnameseText::fold).toList()));
      }
      parsed.add(phrases);
    }
    return new Synonyms(parsed);
  }

  /** Both tables in one. */
  public Synonyms and(Synonyms other) {
    List<List<Phrase>> all = new ArrayList<>(groups);
    all.addAll(other.groups);
    return new Synonyms(all);
  }

  public int size() {
    return groups.size();
  }

  /** The groups as written. */
  public List<List<String>> groups() {
    return groups.stream().map(g -> g.stream().map(Phrase::text).toList()).toList();
  }

  /**
   * Adds to {@code alternates} the folded terms of the other phrases of every group that the
   * question contains a phrase of.
   *
   * @param canonical the question's words, canonical (abbreviations expanded)
   * @param folded the same words folded
   * @param accented whether the question was typed with diacritics
   * @param skip folded two-word terms never to add (the home place, which every article names)
   */
  void addAlternates(
      List<String> canonical,
      List<String> folded,
      boolean accented,
      Set<String> skip,
      Set<String> alternates) {
    for (List<Phrase> group : groups) {
      Phrase found = null;
      for (Phrase p : group) {
        if (accented ? contains(canonical, p.canonical()) : contains(folded, p.folded())) {
          found = p;
          break;
        }
      }
      if (found == null) {
        continue;
      }
      for (Phrase p : group) {
        if (p == found) {
          continue;
        }
        List<String> terms = p.folded();
        if (terms.size() == 1) {
          alternates.add(terms.get(0));
        }
        for (int k = 0; k + 1 < terms.size(); k++) {
          String pair = terms.get(k) + " " + terms.get(k + 1);
          if (!skip.contains(pair)) {
            alternates.add(pair);
          }
        }
      }
    }
  }

  private static boolean contains(List<String> words, List<String> phrase) {
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      int k = 0;
      while (k < phrase.size() && words.get(i + k).equals(phrase.get(k))) {
        k++;
      }
      if (k == phrase.size()) {
        return true;
      }
    }
    return false;
  }
}
