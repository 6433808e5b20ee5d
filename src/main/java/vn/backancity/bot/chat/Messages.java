package vn.backancity.bot.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.IllegalFormatException;
import java.util.Locale;

/**
 * The bot's own texts, one constant per key of the bundles {@code i18n/messages.properties}
 * (Vietnamese, the default) and {@code i18n/messages_en.properties}, so that call sites stay
 * readable and a mistyped key does not compile: {@code Messages.WELCOME.in(lang)}, {@code
 * Messages.SUBSCRIBED.format(lang, time)}. {@code MessagesBundleTest} proves that every key is in
 * both bundles with the same placeholders, and that no bundle key is unused.
 */
public enum Messages {
  WELCOME,
  HELP,
  ANSWERS_HEADER,
  NOT_FOUND,
  NO_MORE,
  EXPIRED,
  TEXT_ONLY,
  UNKNOWN_COMMAND,
  NO_ARTICLES,
  LATEST_HEADER,
  READ,
  MORE,
  SUBSCRIBED,
  TIME_CHANGED,
  BAD_TIME,
  TOPIC_ADDED,
  TOPIC_EXISTS,
  TOPIC_TOO_LONG,
  TOO_MANY_TOPICS,
  TOPIC_REMOVED,
  TOPIC_UNKNOWN,
  UNSUBSCRIBED,
  NOT_SUBSCRIBED,
  DIGEST_OFF,
  SETTINGS_HEADER,
  SETTINGS_DIGEST_ON,
  SETTINGS_DIGEST_OFF,
  SETTINGS_TOPICS,
  SETTINGS_NO_TOPICS,
  ACTION_TIME,
  ACTION_DIGEST_ON,
  ACTION_DIGEST_OFF,
  ACTION_DROP_TOPIC,
  ACTION_UNSUBSCRIBE,
  DIGEST_HEADER,
  DIGEST_TOPICS_HEADER,
  ALERT_HEADER,
  MORE_ARTICLES,
  ANNOUNCEMENT_HEADER,
  NOT_ADMIN,
  ANNOUNCE_USAGE,
  PREVIEW,
  SEND,
  CANCEL,
  ANNOUNCEMENT_QUEUED,
  ANNOUNCEMENT_CANCELLED,
  ANNOUNCEMENT_GONE,
  INLINE_ASK_IN_PRIVATE,
  ZALO_WELCOME,
  ZALO_HELP,
  ZALO_MORE,
  ZALO_SETTINGS_HELP,
  HELPFUL,
  NOT_HELPFUL,
  THANKS,
  ASK_REASON,
  REASON_NOTED,
  NOTHING_TO_RATE,
  ZALO_RATE,
  ASK_STAFF,
  HANDOFF_OFFER,
  ZALO_HANDOFF_OFFER,
  HANDOFF_SENT,
  HANDOFF_USAGE,
  HANDOFF_TOO_SOON,
  HANDOFF_BUSY,
  HANDOFF_PRIVATE_ONLY,
  HANDOFF_OPEN,
  HANDOFF_ANSWERED,
  HANDOFF_UNKNOWN,
  HANDOFF_NONE,
  HANDOFF_MINE,
  HANDOFF_WAITING,
  HANDOFF_CLOSED,
  HANDOFF_LINE_CLOSED,
  HANDOFF_LINE_OPEN,
  HANDOFF_LINE_ANSWERED,
  HANDOFF_REPLY_HEADER,
  HANDOFF_REPLY_QUOTE,
  URGENT_HEADER,
  SEND_URGENT,
  PREVIEW_URGENT_HINT,
  ANNOUNCEMENT_QUEUED_URGENT,
  SETTINGS_QUIET,
  SETTINGS_NO_QUIET,
  QUIET_NOW,
  QUIET_EXPLAIN,
  ACTION_QUIET,
  ACTION_QUIET_SET,
  ACTION_QUIET_OFF,
  ACTION_BACK,
  QUIET_SET,
  QUIET_OFF,
  BAD_QUIET,
  QUIET_NEEDS_SUBSCRIPTION,
  MODE_ALERT,
  MODE_DIGEST,
  MODE_MUTED,
  MODE_ALERT_MEANS,
  MODE_DIGEST_MEANS,
  MODE_MUTED_MEANS,
  TOPIC_VIEW,
  ACTION_TOPIC,
  ACTION_MODE_ALERT,
  ACTION_MODE_DIGEST,
  ACTION_MODE_MUTED,
  MODE_CHANGED,
  TOPIC_UPDATED,
  TOPIC_ADDED_NOTE,
  TOPIC_EXCLUDES,
  TOPIC_PREVIEW,
  TOPIC_NO_PREVIEW,
  LANGUAGE_CHOSEN,
  SETTINGS_LANGUAGE,
  ACTION_LANGUAGE_EN,
  ACTION_LANGUAGE_VI,
  ANSWER_NOTE,
  SUGGESTIONS_HEADER,
  POSSIBLY_RELATED,
  CHOICES_HEADER,
  ZALO_CHOOSE,
  PLACES_CHANGED;

  /**
   * The note on an answer from an article that predates a change of an administrative unit it
   * names.
   */
  public static String placesChanged(Language lang, LocalDate date) {
    DateTimeFormatter day =
        lang == Language.EN
            ? DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            : DateTimeFormatter.ofPattern("dd/M/yyyy");
    return PLACES_CHANGED.format(lang, day.format(date));
  }

  /** The text in a language. */
  public String in(Language lang) {
    return lang.bundle().getString(name());
  }

  /** The text in a language with its {@code %s} / {@code %d} placeholders filled. */
  public String format(Language lang, Object... args) {
    String pattern = in(lang);
    try {
      return pattern.formatted(args);
    } catch (IllegalFormatException e) {
      throw new IllegalArgumentException("message " + name() + " in " + lang + ": " + e, e);
    }
  }
}
