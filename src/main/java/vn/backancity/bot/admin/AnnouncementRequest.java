package vn.backancity.bot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import vn.backancity.bot.article.PublishedDates;

/**
 * A checked announcement body: {"text", "link", "audience", "send_at", "expires_at", "urgent"},
 * only text required. Every problem is reported naming its field.
 *
 * @param expiresAt epoch ms after which undelivered copies are not sent, or null for the default
 * @param urgent ahead of other pushes and through quiet hours (flood, storm, power, water)
 */
record AnnouncementRequest(
    String text, String link, String audience, long sendAt, Long expiresAt, boolean urgent) {

  static AnnouncementRequest parse(ObjectMapper json, String body, Clock clock) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      throw new IllegalArgumentException("field 'text' is required and must be a non-empty string");
    }
    if (text.asText().length() > Announcements.MAX_TEXT) {
      throw new IllegalArgumentException(
          "field 'text' is longer than " + Announcements.MAX_TEXT + " characters");
    }
    String link = optional(node, "link");
    if (link != null && !isWebLink(link)) {
      throw new IllegalArgumentException("field 'link' must be an http(s) URL");
    }
    String audience = optional(node, "audience");
    if (audience == null) {
      audience = "subscribers";
    }
    if (!Announcements.validAudience(audience)) {
      throw new IllegalArgumentException(
          "field 'audience' must be \"subscribers\", \"everyone\" or \"topic:<words>\"");
    }
    Long sendAt = dateTime(node, "send_at");
    long at = sendAt != null ? sendAt : clock.millis();
    Long expiresAt = dateTime(node, "expires_at");
    if (expiresAt != null && expiresAt <= Math.max(at, clock.millis())) {
      throw new IllegalArgumentException("field 'expires_at' must be after send_at and now");
    }
    JsonNode urgent = node.get("urgent");
    if (urgent != null && !urgent.isNull() && !urgent.isBoolean()) {
      throw new IllegalArgumentException("field 'urgent' must be true or false");
    }
    return new AnnouncementRequest(
        text.asText().strip(), link, audience, at, expiresAt, urgent != null && urgent.asBoolean());
  }

  private static Long dateTime(JsonNode node, String field) {
    String value = optional(node, field);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be a date-time with offset, e.g. 2026-11-22T07:00:00+07:00");
    }
  }

  /** Epoch ms as an ISO date-time in Vietnam's zone. */
  static String format(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), PublishedDates.VIETNAM)
        .toString();
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return value.asText().isBlank() ? null : value.asText().strip();
  }

  private static boolean isWebLink(String link) {
    try {
      URI uri = URI.create(link);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
