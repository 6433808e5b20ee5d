package vn.backancity.bot.article;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Parses the date formats articles arrive with: ISO-8601 (with or without offset or time) and the
 * Vietnamese "06/10/2021 08:15" and "06/10/2021". Times without an offset are Vietnam time.
 */
public final class PublishedDates {
  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final List<DateTimeFormatter> LOCAL_DATE_TIMES =
      List.of(
          DateTimeFormatter.ISO_LOCAL_DATE_TIME,
          DateTimeFormatter.ofPattern("d/M/uuuu H:mm"),
          DateTimeFormatter.ofPattern("d/M/uuuu H:mm:ss"),
          DateTimeFormatter.ofPattern("d-M-uuuu H:mm"),
          DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
          DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"));
  private static final List<DateTimeFormatter> LOCAL_DATES =
      List.of(
          DateTimeFormatter.ISO_LOCAL_DATE,
          DateTimeFormatter.ofPattern("d/M/uuuu"),
          DateTimeFormatter.ofPattern("d-M-uuuu"));

  private PublishedDates() {}

  /** The instant, or throws {@link IllegalArgumentException} naming the text. */
  public static Instant parse(String text) {
    String s = text.trim().replaceAll("\\s+", " ");
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // not ISO with an offset: try the local forms
    }
    for (DateTimeFormatter f : LOCAL_DATE_TIMES) {
      try {
        return LocalDateTime.parse(s, f).atZone(VIETNAM).toInstant();
      } catch (DateTimeException ignored) {
        // next format
      }
    }
    for (DateTimeFormatter f : LOCAL_DATES) {
      try {
        return LocalDate.parse(s, f).atStartOfDay(VIETNAM).toInstant();
      } catch (DateTimeException ignored) {
        // next format
      }
    }
    throw new IllegalArgumentException("unreadable date: " + text);
  }
}
