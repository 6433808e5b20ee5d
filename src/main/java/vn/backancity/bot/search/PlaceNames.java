package vn.backancity.bot.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names of places made of several words ("Hòa Bình", "Thái Nguyên", "Phùng Chí Kiên"), read from an
 * editable list, one name per line. In a question such a name is one thing: an article that has
 * "bình" (in "bình xét") or "nguyên" (in "nguyên nhân") but not the name does not hold those words
 * of the question ({@code PassageScorer}). Matched with the name's diacritics when the question has
 * them, and without when it was typed without any.
 */
public final class PlaceNames {
  /** One name: its words in canonical form and folded. */
  private record Name(List<String> canonical, List<String> folded) {}

  private final List<Name> names;

  private PlaceNames(List<Name> names) {
    this.names = List.copyOf(names);
  }

  public static PlaceNames none() {
    return new PlaceNames(List.of());
  }

  /**
   * Parses one name per line; blank lines and lines starting with # are skipped, and so are
   * one-word names (a word alone is matched as a word anyway).
   */
  public static PlaceNames parse(String text) {
    VietnameseAnalyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
    List<Name> names = new ArrayList<>();
    for (String line : text.split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      List<String> terms = canonical.terms(name);
      if (terms.size() >= 2) {
        names.add(new Name(terms, terms.stream().map(VietnameseText::fold).toList()));
      }
    }
    return new PlaceNames(names);
  }

  public static PlaceNames parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  public int size() {
    return names.size();
  }

  /**
   * The folded two-word terms ("hoa binh") that lie inside a name the question contains.
   *
   * @param canonical the question's words, canonical (abbreviations expanded)
   * @param folded the same words folded
   * @param accented whether the question was typed with diacritics
   */
  Set<String> pairsIn(List<String> canonical, List<String> folded, boolean accented) {
    Set<String> pairs = new LinkedHashSet<>();
    List<String> question = accented ? canonical : folded;
    for (Name name : names) {
      List<String> words = accented ? name.canonical() : name.folded();
      for (int start = 0; start + words.size() <= question.size(); start++) {
        if (question.subList(start, start + words.size()).equals(words)) {
          for (int k = 0; k + 1 < words.size(); k++) {
            pairs.add(name.folded().get(k) + " " + name.folded().get(k + 1));
          }
        }
      }
    }
    return pairs;
  }
}
