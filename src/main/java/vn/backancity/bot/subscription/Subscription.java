package vn.backancity.bot.subscription;

import java.util.List;
import java.util.Optional;

/**
 * A chat's subscription as it stands.
 *
 * @param digest whether the daily digest is on (topics alone can be kept for their alerts)
 * @param time when the digest comes, HH:mm in the service's time zone
 * @param topics the chat's topics, as typed
 * @param quiet the chat's quiet hours, or null for none
 */
public record Subscription(boolean digest, String time, List<Topic> topics, QuietHours quiet) {
  public Subscription {
    topics = List.copyOf(topics);
  }

  public Subscription(boolean digest, String time, List<Topic> topics) {
    this(digest, time, topics, null);
  }

  public Optional<QuietHours> quietHours() {
    return Optional.ofNullable(quiet);
  }

  /** How a topic reaches the chat. */
  public enum Mode {
    /** An alert as soon as a matching article comes (at most one an hour), and the digest. */
    ALERT("alert"),
    /** Only in the daily digest. */
    DIGEST("digest"),
    /** Neither: kept, but silent. */
    MUTED("muted");

    private final String code;

    Mode(String code) {
      this.code = code;
    }

    /** As stored and in action codes. */
    public String code() {
      return code;
    }

    /** The mode of a stored code; an unknown one alerts, as every topic did before modes. */
    public static Mode of(String code) {
      for (Mode m : values()) {
        if (m.code.equals(code)) {
          return m;
        }
      }
      return ALERT;
    }
  }

  /**
   * A saved search: its key (folded words to find), its label as the citizen typed it, how it
   * reaches the chat, and the folded phrases that rule an article out.
   */
  public record Topic(String key, String label, Mode mode, List<String> excluded) {
    public Topic {
      excluded = List.copyOf(excluded);
    }

    public Topic(String key, String label) {
      this(key, label, Mode.ALERT, List.of());
    }

    /** What the matcher looks for. */
    public TopicMatcher.Words words() {
      return new TopicMatcher.Words(key, excluded);
    }
  }
}
