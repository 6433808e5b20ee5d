package vn.backancity.bot.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names of places made of several words ("Hòa Bình", "Thái Nguyên", "Phùng Chí Kiên"), read from an
 * editable list, one name per line. In a question such a name is one thing: an article that has
 * "bình" (in "bình xét") or "nguyên" (in "nguyên nhân") but not the name does not hold those words
 * of the question ({@code PassageScorer}). Matched with the name's diacritics when the question has
 * them, and without when it was typed without any.
 *
 * <p>Lower-case words before a name are the kind of place the question must name with it: "phường
 * Xuất Hóa" is the ward only in "phường Xuất Hóa", so that "xuất hóa đơn" stays three words.
 */
public final class PlaceNames {
  /** One name: the words the question must have before it, and its own words. */
  private record Name(Form before, Form name) {}

  /** Words in canonical form and folded. */
  private record Form(List<String> canonical, List<String> folded) {
    List<String> in(boolean accented) {
      return accented ? canonical : folded;
    }
  }

  /**
   * A name found in a question.
   *
   * @param start the position of its first word among the question's words
   * @param folded its words, folded
   */
  record Found(int start, List<String> folded) {}

  private final List<Name> names;

  private PlaceNames(List<Name> names) {
    this.names = List.copyOf(names);
  }

  public static PlaceNames none() {
    return new PlaceNames(List.of());
  }

  /**
   * Parses one name per line, maybe after its kind in lower case; blank lines and lines starting
   * with # are skipped, and so are one-word names (a word alone is matched as a word anyway).
   */
  public static PlaceNames parse(String text) {
    VietnameseAnalyzer canonical = new VietnameseAnalyzer(WordForm.CANONICAL, false);
    List<Name> names = new ArrayList<>();
    for (TableLines.Line entry : TableLines.of(text)) {
      // Leading lower-case words are the kind ("phường"), the rest the name ("Xuất Hóa").
      List<String> words = Arrays.asList(entry.text().split("\\s+"));
      int kind = 0;
      while (kind < words.size() && Character.isLowerCase(words.get(kind).codePointAt(0))) {
        kind++;
      }
      List<String> name = canonical.terms(String.join(" ", words.subList(kind, words.size())));
      if (name.size() >= 2) {
        List<String> before = canonical.terms(String.join(" ", words.subList(0, kind)));
        names.add(new Name(form(before), form(name)));
      }
    }
    return new PlaceNames(names);
  }

  private static Form form(List<String> terms) {
    return new Form(terms, terms.stream().map(VietnameseText::fold).toList());
  }

  public static PlaceNames parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  public int size() {
    return names.size();
  }

  /**
   * The names the question contains, in the order of the list.
   *
   * @param canonical the question's words, canonical (abbreviations expanded)
   * @param folded the same words folded
   * @param accented whether the question was typed with diacritics
   */
  List<Found> in(List<String> canonical, List<String> folded, boolean accented) {
    List<Found> found = new ArrayList<>();
    List<String> question = accented ? canonical : folded;
    for (Name n : names) {
      List<String> before = n.before().in(accented);
      List<String> name = n.name().in(accented);
      for (int at = before.size(); at + name.size() <= question.size(); at++) {
        if (wordsAt(question, at, name) && wordsAt(question, at - before.size(), before)) {
          found.add(new Found(at, n.name().folded()));
        }
      }
    }
    return found;
  }

  /** Whether {@code words} stand in {@code question} from {@code at} (by index: no views made). */
  private static boolean wordsAt(List<String> question, int at, List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      if (!question.get(at + i).equals(words.get(i))) {
        return false;
      }
    }
    return true;
  }
}
