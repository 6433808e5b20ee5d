package vn.backancity.bot.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.search.VietnameseText;

/**
 * Cleaning rules for text scraped from news portals, shared by every article reader: page chrome,
 * datelines, photo captions, trailing author names, and titles for articles that lack one.
 */
final class ArticleText {

  /** A paragraph equal to one of these ends the article: what follows is a list of other news. */
  private static final Set<String> END_MARKERS =
      Set.of(
          "cac tin khac",
          "tin khac",
          "tin lien quan",
          "bai viet lien quan",
          "tin cung chuyen muc",
          "cac bai viet khac",
          "xem them",
          "tin moi hon",
          "tin cu hon");

  /** Paragraphs that are page furniture wherever they stand. */
  private static final Set<String> CHROME =
      Set.of(
          "phan hoi",
          "binh luan",
          "chia se",
          "in bai viet",
          "in bai",
          "ban in",
          "gui email",
          "gui bai viet",
          "quay lai",
          "ve dau trang",
          "dau trang",
          "share",
          "tweet",
          "facebook",
          "zalo",
          "luot xem",
          "y kien ban doc",
          "gui y kien");

  private static final Pattern DATELINE =
      Pattern.compile(
          "^\\(\\s*(?:[\\w-]+(?:\\.[\\w-]+)+|[\\p{Lu}]{2,10})\\s*\\)\\s*[-–—:]*\\s*",
          Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern PHOTO_CREDIT =
      Pattern.compile("\\((?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh)\\s*:[^)]*\\)|^Ảnh\\s*:");
  private static final String NAME_WORD = "\\p{Lu}[\\p{Ll}\\p{M}]*";
  private static final Pattern NAME = Pattern.compile(NAME_WORD + "(?:\\s+" + NAME_WORD + "){1,4}");
  // An author glued to the last sentence: "... nhiệm vụ./.Đặng Tuyết" or "... đề ra. Hà Ngà".
  private static final Pattern GLUED_AUTHOR =
      Pattern.compile(
          "^(.*?(?:\\./\\.|[.!?…”\"]))\\s*(" + NAME_WORD + "(?:\\s+" + NAME_WORD + "){1,4})$",
          Pattern.DOTALL);
  private static final int MAX_TITLE = 200;
  private static final int DERIVED_TITLE = 100;

  private ArticleText() {}

  /** Whitespace collapsed, NFC, trimmed. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    // One pass instead of three regular expressions (they were a tenth of an import's CPU): a run
    // of spaces, no-break spaces, control characters but the line break, U+2000-U+200B and U+3000
    // becomes one space.
    String nfc = VietnameseText.nfc(text);
    StringBuilder out = new StringBuilder(nfc.length());
    boolean inSpace = false;
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (c != '\n' && isSpace(c)) {
        if (!inSpace) {
          out.append(' ');
          inSpace = true;
        }
      } else {
        out.append(c);
        inSpace = false;
      }
    }
    return out.toString().trim();
  }

  private static boolean isSpace(char c) {
    return c == ' '
        || c == '\u00A0'
        || Character.getType(c) == Character.CONTROL
        || (c >= '\u2000' && c <= '\u200B')
        || c == '\u3000';
  }

  /** Non-blank cleaned lines, cut at the first end marker, without chrome. */
  static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    for (String line : clean(text).split("\n")) {
      String p = line.trim();
      if (p.isEmpty()) {
        continue;
      }
      // Most paragraphs keep more letters than any marker has: no need to make their key.
      String folded = VietnameseText.fold(p);
      String key = keptLetters(folded) > LONGEST_MARKER ? "" : key(folded);
      if (END_MARKERS.contains(key)) {
        break;
      }
      if (!CHROME.contains(key)) {
        out.add(p);
      }
    }
    return out;
  }

  // A key keeps exactly the a-z and 0-9 of its folded paragraph.
  private static final int LONGEST_MARKER =
      java.util.stream.Stream.concat(END_MARKERS.stream(), CHROME.stream())
          .mapToInt(String::length)
          .max()
          .orElse(0);

  private static int keptLetters(String folded) {
    int n = 0;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        n++;
      }
    }
    return n;
  }

  private static String key(String folded) {
    return folded
        .replaceAll("[^a-z0-9 ]", " ")
        .replaceAll(" +", " ")
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The paragraph without a leading "(backancity.gov.vn)-" style dateline. */
  static String withoutDateline(String paragraph) {
    return DATELINE.matcher(paragraph).replaceFirst("");
  }

  /** True for a line that reads like a title: short, and not ending as a sentence does. */
  static boolean looksLikeTitle(String line) {
    return line.length() <= MAX_TITLE
        && line.contains(" ")
        && !line.matches(".*[.,;:…]$")
        && !PHOTO_CREDIT.matcher(line).find();
  }

  /** True for a photo caption: a credit "(Ảnh: ...)", or a short line that is not a sentence. */
  static boolean looksLikeCaption(String paragraph) {
    if (PHOTO_CREDIT.matcher(paragraph).find()) {
      return true;
    }
    if (isHeading(paragraph)) {
      return false;
    }
    return paragraph.length() < 300 && !paragraph.matches("(?s).*[.!?…:;”\"»)]$");
  }

  private static boolean isHeading(String paragraph) {
    return paragraph.equals(paragraph.toUpperCase(Locale.ROOT))
        && paragraph.chars().anyMatch(Character::isLetter);
  }

  /** True for a line that is only a person's name, as bylines are. */
  static boolean looksLikeByline(String paragraph) {
    return NAME.matcher(paragraph).matches() && !isHeading(paragraph);
  }

  /**
   * Splits an author glued to the end of the last paragraph. Returns {text, author}, or null when
   * there is none.
   */
  static String[] splitGluedAuthor(String paragraph) {
    Matcher m = GLUED_AUTHOR.matcher(paragraph);
    if (!m.matches()) {
      return null;
    }
    String text = m.group(1).trim();
    // Without the "./." end marker, accept only a name the sentence is not about to continue.
    if (!text.endsWith("./.") && m.group(2).split("\\s+").length > 3) {
      return null;
    }
    return new String[] {text, m.group(2)};
  }

  /** A title made from the first sentence of the prose, for articles published without one. */
  static String deriveTitle(String firstParagraph) {
    String sentence = firstParagraph.split("(?<=[.!?…])\\s+", 2)[0].replaceAll("[.]+$", "").trim();
    if (sentence.length() <= DERIVED_TITLE + 10) {
      return sentence;
    }
    int cut = sentence.lastIndexOf(' ', DERIVED_TITLE);
    String head = sentence.substring(0, cut > 40 ? cut : DERIVED_TITLE);
    return head.replaceAll("[,;:–-]+$", "").trim() + "…";
  }
}
