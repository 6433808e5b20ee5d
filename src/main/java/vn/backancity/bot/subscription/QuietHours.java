package vn.backancity.bot.subscription;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.search.VietnameseText;

/**
 * A subscriber's quiet hours: local times of day in the service's zone, from (inclusive) to until
 * (exclusive); until earlier than from crosses midnight (22:00–06:30). Non-urgent pushes decided
 * inside them wait for their end.
 */
public record QuietHours(LocalTime from, LocalTime until) {
  private static final String TIME = "(\\d{1,2})(?:\\s*[:hg.]\\s*(\\d{2})?)?";
  // "22:00-06:30", "22h - 6h30", "22g đến 6g", "22 toi 6"; matched on folded, lower-case text.
  private static final Pattern RANGE =
      Pattern.compile(TIME + "\\s*(?:-|–|—|den|toi|->)\\s*" + TIME);

  public QuietHours {
    if (from.equals(until)) {
      throw new IllegalArgumentException("quiet hours must not start and end at the same time");
    }
  }

  /** "22:00-06:30" (as stored and shown). */
  @Override
  public String toString() {
    return from.format(Subscriptions.HH_MM) + "–" + until.format(Subscriptions.HH_MM);
  }

  /** Whether a local time of day falls inside. */
  public boolean contains(LocalTime t) {
    return from.isBefore(until)
        ? !t.isBefore(from) && t.isBefore(until)
        : !t.isBefore(from) || t.isBefore(until);
  }

  /**
   * When a push decided at {@code now} may go: now outside the quiet hours, else their next end.
   */
  public Instant release(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    if (!contains(local.toLocalTime())) {
      return now;
    }
    ZonedDateTime end = local.with(until).withSecond(0).withNano(0);
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return end.toInstant();
  }

  /**
   * Reads quiet hours as citizens type them: "22:00-06:30", "22h-6h30", "22g đến 6g", "22 - 6".
   * Empty when the text holds no such range, or an impossible time.
   */
  public static Optional<QuietHours> parse(String typed) {
    String folded =
        VietnameseText.fold(VietnameseText.nfc(typed)).toLowerCase(java.util.Locale.ROOT).strip();
    Matcher m = RANGE.matcher(folded);
    if (!m.find()) {
      return Optional.empty();
    }
    LocalTime from = time(m.group(1), m.group(2));
    LocalTime until = time(m.group(3), m.group(4));
    if (from == null || until == null || from.equals(until)) {
      return Optional.empty();
    }
    return Optional.of(new QuietHours(from, until));
  }

  // Words that may stand around a typed range without making it a question.
  private static final java.util.Set<String> FILLER =
      java.util.Set.of("tu", "moi", "ngay", "hang", "dem", "sang", "toi", "nhe", "a", "nha", "den");

  /**
   * Quiet hours typed as a setting: a range and at most a few filler words ("từ 22h đến 6h mỗi
   * ngày"). Empty when anything else is said around it: "giờ yên lặng từ 22h đến 6h phải không" is
   * a question about the city's rules, not a setting.
   */
  public static Optional<QuietHours> parseWhole(String typed) {
    String folded =
        VietnameseText.fold(VietnameseText.nfc(typed)).toLowerCase(java.util.Locale.ROOT).strip();
    Matcher m = RANGE.matcher(folded);
    if (!m.find()) {
      return Optional.empty();
    }
    String around =
        (folded.substring(0, m.start()) + " " + folded.substring(m.end()))
            .replaceAll("[^\\p{L}\\d]+", " ")
            .strip();
    for (String word : around.isEmpty() ? new String[0] : around.split(" ")) {
      if (!FILLER.contains(word)) {
        return Optional.empty();
      }
    }
    return parse(typed);
  }

  /** From the two stored columns; empty when they are not set. */
  static Optional<QuietHours> of(String from, String until) {
    if (from == null || until == null) {
      return Optional.empty();
    }
    return Optional.of(new QuietHours(LocalTime.parse(from), LocalTime.parse(until)));
  }

  private static LocalTime time(String hour, String minute) {
    int h = Integer.parseInt(hour);
    int m = minute == null ? 0 : Integer.parseInt(minute);
    if (h == 24 && m == 0) {
      h = 0;
    }
    return h < 24 && m < 60 ? LocalTime.of(h, m) : null;
  }

  /** The milliseconds form of {@link #release(Instant, ZoneId)}. */
  public long release(long nowMillis, ZoneId zone) {
    return release(Instant.ofEpochMilli(nowMillis), zone).toEpochMilli();
  }
}
