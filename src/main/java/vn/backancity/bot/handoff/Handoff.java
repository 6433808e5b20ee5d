package vn.backancity.bot.handoff;

import java.time.Instant;
import java.util.List;
import vn.backancity.bot.delivery.Recipient;

/**
 * A citizen's question sent to the city's staff.
 *
 * @param code the lookup code the citizen was given
 * @param chatId where the reply goes; null on the web, which has no identity
 * @param displayName the name the platform gave the citizen, or null
 * @param context the chat's last questions and what the bot answered, oldest first, as they were
 *     when the request was sent
 * @param answeredAt null while open, as are the reply's text, link and curated answer id
 */
public record Handoff(
    String code,
    String channel,
    String chatId,
    String chatKind,
    String displayName,
    String message,
    List<Exchange> context,
    String status,
    Instant createdAt,
    Instant answeredAt,
    String replyText,
    String replyLink,
    Long curatedId) {
  public static final String OPEN = "open";
  public static final String ANSWERED = "answered";

  /** Closed by the staff without a reply (spam, a duplicate, out of scope). */
  public static final String CLOSED = "closed";

  public Handoff {
    context = List.copyOf(context);
  }

  /**
   * One question of the conversation before the request.
   *
   * @param answers the titles of what the bot answered (an article's, or the city's own answer's)
   */
  public record Exchange(String question, boolean answered, List<String> answers) {
    public Exchange {
      answers = List.copyOf(answers);
    }
  }

  public boolean isOpen() {
    return OPEN.equals(status);
  }

  public boolean isClosed() {
    return CLOSED.equals(status);
  }

  /** Where the staff's reply is delivered; null on the web. */
  public Recipient recipient() {
    return chatId == null ? null : new Recipient(channel, chatId, chatKind);
  }
}
