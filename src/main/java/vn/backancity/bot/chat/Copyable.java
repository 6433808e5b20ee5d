package vn.backancity.bot.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value in a reply that a reader may want to copy: a phone number (to call it) or a lookup code
 * (to quote it later). Channels that have copy buttons (Telegram's {@code copy_text}) offer one for
 * each value {@link #in} finds in the text they show, so a reply needs nothing more than to say the
 * value in one of these forms:
 *
 * <ul>
 *   <li>a Vietnamese phone number: 10 digits from 03, 05, 07, 08, 09 (mobile), 11 digits from 02
 *       (landline), "+84" or "84" for the leading 0, or an 1800 / 1900 hotline; grouped with
 *       spaces, dots or dashes, the area code in brackets or not ("0209 3870 123", "(0209)
 *       3.870.123", "0912-345-678");
 *   <li>a lookup code: six capital letters or digits after the word "Mã" (or "code", in English)
 *       and at most five more words, a colon allowed ("Mã tra cứu của bạn là K7Q2XM", "mã câu hỏi:
 *       4HD9TA").
 * </ul>
 *
 * @param label what the button shows, as the reply wrote it
 * @param text what is copied: a phone number's digits (with "+" when written so), or the code
 */
public record Copyable(String label, String text) {
  /** Buttons beyond a few are noise; a reply with more numbers lists them in its text anyway. */
  public static final int MAX = 3;

  // A run that starts like a phone number; its digits are checked in phone().
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\d.,/+])(?:\\+?84|\\(0|0|1[89]00)[\\d .()\\-]{3,16}\\d(?![\\d/])");
  private static final Pattern CODE =
      Pattern.compile(
          "(?<![\\p{L}\\d])([Mm]ã|MÃ|[Cc]ode)(?:\\s+\\p{L}+){0,5}\\s*:?\\s*(?<=[\\s:])([A-Z0-9]{6})(?![\\p{L}\\d])");

  /** The phone numbers and lookup codes in a text, first seen first, each once, at most MAX. */
  public static List<Copyable> in(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    Map<String, Copyable> found = new LinkedHashMap<>();
    List<int[]> order = new ArrayList<>();
    List<Copyable> values = new ArrayList<>();
    Matcher code = CODE.matcher(text);
    while (code.find()) {
      order.add(new int[] {code.start(2), values.size()});
      // Labelled in the text's language: "Mã K7Q2XM", or "Code K7Q2XM" after English words.
      String word =
          code.group(1).toLowerCase(java.util.Locale.ROOT).startsWith("c") ? "Code " : "Mã ";
      values.add(new Copyable(word + code.group(2), code.group(2)));
    }
    Matcher phone = PHONE.matcher(text);
    int from = 0;
    while (from < text.length() && phone.find(from)) {
      // Greedy: "0912345678 0209 3870 123" is two numbers. Take the longest prefix that is one.
      String run = phone.group();
      Copyable number = null;
      int end = run.length();
      while (end > 0 && (number = phone(run.substring(0, end))) == null) {
        end = lastDigitBefore(run, run.lastIndexOf(' ', end - 1));
      }
      if (number != null) {
        order.add(new int[] {phone.start(), values.size()});
        values.add(number);
        from = phone.start() + end;
      } else {
        from = phone.end();
      }
    }
    order.sort((a, b) -> Integer.compare(a[0], b[0]));
    for (int[] at : order) {
      Copyable value = values.get(at[1]);
      found.putIfAbsent(value.text(), value);
      if (found.size() == MAX) {
        break;
      }
    }
    return List.copyOf(found.values());
  }

  /** The length of {@code run} up to its last digit before {@code space}; 0 when none. */
  private static int lastDigitBefore(String run, int space) {
    for (int i = space - 1; i >= 0; i--) {
      if (Character.isDigit(run.charAt(i))) {
        return i + 1;
      }
    }
    return 0;
  }

  /** A phone number written as {@code written}, or null when its digits make none. */
  static Copyable phone(String written) {
    String label = written.strip();
    String digits = label.replaceAll("\\D", "");
    boolean plus = label.startsWith("+");
    String national;
    if (digits.startsWith("84") && (plus || digits.length() == 11 || digits.length() == 12)) {
      national = "0" + digits.substring(2);
    } else {
      national = digits;
    }
    boolean mobile = national.length() == 10 && national.matches("0[35789]\\d{8}");
    boolean landline = national.length() == 11 && national.matches("02\\d{9}");
    boolean hotline = national.matches("1[89]00\\d{4}(\\d{2})?");
    if (!mobile && !landline && !hotline) {
      return null;
    }
    // Brackets are only kept when balanced; a trailing one belongs to the sentence.
    if (label.startsWith("(") && !label.contains(")")) {
      label = label.substring(1);
    }
    return new Copyable(label, plus ? "+" + digits : digits);
  }
}
