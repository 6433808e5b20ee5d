package vn.backancity.bot.search;

import java.util.List;
import java.util.Set;

/** Reads the {@link QuestionType} from a question's words. */
final class QuestionTypes {
  private static final Set<String> DATE_PAIRS =
      Set.of(
          "khi nao",
          "bao gio",
          "nam nao",
          "ngay nao",
          "thang nao",
          "luc nao",
          "hom nao",
          "thoi gian nao",
          "thoi diem nao",
          "dip nao");
  private static final Set<String> PLACE_PAIRS =
      Set.of(
          "o dau",
          "tai dau",
          "noi nao",
          "cho nao",
          "dia diem nao",
          "xa nao",
          "phuong nao",
          "huyen nao",
          "tinh nao",
          "thon nao",
          "dia chi",
          "vi tri");
  // A bare topic that names a quantity ("thu ngân sách 9 tháng") asks for its figure.
  private static final Set<String> QUANTITY_PAIRS =
      Set.of(
          "ngan sach",
          "doanh thu",
          "tong muc",
          "ty le",
          "so luong",
          "san luong",
          "dien tich",
          "dan so",
          "gia tri",
          "thu nhap",
          "kinh phi",
          "von dau",
          "tong von",
          "muc luong",
          "chi phi",
          "tang truong",
          "binh quan",
          "tong so");
  // Also a person named by what they do ("cầu thủ nào", "ca sĩ nào"): the answer is a name.
  private static final Set<String> PERSON_PAIRS =
      Set.of(
          "nguoi nao",
          "dong chi nao",
          "ong nao",
          "ba nao",
          "la ai",
          "cau thu nao",
          "ca si nao",
          "nghe si nao",
          "dien vien nao",
          "tac gia nao",
          "nha tho nao",
          "nha van nao");

  private QuestionTypes() {}

  static QuestionType detect(List<String> canonical, List<String> folded, boolean accented) {
    String text = " " + String.join(" ", folded) + " ";
    if (containsAny(text, DATE_PAIRS)) {
      return QuestionType.DATE;
    }
    if (containsAny(text, PLACE_PAIRS) || last(canonical, folded, accented, "đâu", "dau")) {
      return QuestionType.PLACE;
    }
    int count = countWord(canonical, folded, accented);
    String before = count > 0 ? folded.get(count - 1) : "";
    if (count >= 0 && !NEGATIONS.contains(before)) {
      // "loại mấy", "lần thứ mấy" ask which one: a rank ("loại III"), not necessarily a figure;
      // "may" typed without diacritics may be "máy" ("may bay").
      boolean asked = accented || folded.get(count).equals("bao");
      return asked && !RANKS.contains(before) ? QuestionType.NUMBER : QuestionType.QUANTITY;
    }
    if (containsAny(text, PERSON_PAIRS)
        || has(canonical, folded, accented, "ai", "ai")
        // "vị nào" (which person, politely), not "ví nào" (which wallet) nor "vị" (a flavour).
        || pair(canonical, folded, accented, "vị nào", "vi nao")) {
      return QuestionType.PERSON;
    }
    return containsAny(text, QUANTITY_PAIRS) ? QuestionType.QUANTITY : QuestionType.OTHER;
  }

  // Before "mấy" / "bao nhiêu", words that make them ask which one, or say "not many".
  private static final Set<String> RANKS =
      Set.of("thu", "loai", "khoa", "hang", "ky", "ki", "cap", "giai", "so");
  private static final Set<String> NEGATIONS = Set.of("khong", "chang", "cha");

  /**
   * Where the question asks how many: the index of "bao" in "bao nhiêu" (however typed), of "mấy"
   * typed with its diacritics, or of "may" in a question typed without any (also "máy"); else -1.
   */
  private static int countWord(List<String> canonical, List<String> folded, boolean accented) {
    for (int i = 0; i < folded.size(); i++) {
      boolean bao =
          folded.get(i).equals("bao") && i + 1 < folded.size() && folded.get(i + 1).equals("nhieu");
      boolean may = accented ? canonical.get(i).equals("mấy") : folded.get(i).equals("may");
      if (bao || may) {
        return i;
      }
    }
    return -1;
  }

  private static boolean containsAny(String text, Set<String> phrases) {
    for (String p : phrases) {
      if (text.contains(" " + p + " ")) {
        return true;
      }
    }
    return false;
  }

  /** The word as typed with diacritics, or folded when the whole question has none. */
  private static boolean has(
      List<String> canonical, List<String> folded, boolean accented, String word, String bare) {
    return accented ? canonical.contains(word) : folded.contains(bare);
  }

  /** Two words in a row, as typed: with their diacritics when the question has them. */
  private static boolean pair(
      List<String> canonical, List<String> folded, boolean accented, String words, String bare) {
    String text = " " + String.join(" ", accented ? canonical : folded) + " ";
    return text.contains(" " + (accented ? words : bare) + " ");
  }

  private static boolean last(
      List<String> canonical, List<String> folded, boolean accented, String word, String bare) {
    if (canonical.isEmpty()) {
      return false;
    }
    int end = canonical.size() - 1;
    return accented ? canonical.get(end).equals(word) : folded.get(end).equals(bare);
  }
}
