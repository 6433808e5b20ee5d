package vn.backancity.bot.subscription;

import java.util.List;

/**
 * A chat's subscription as it stands.
 *
 * @param digest whether the daily digest is on (topics alone can be kept for their alerts)
 * @param time when the digest comes, HH:mm in the service's time zone
 * @param topics the chat's topics, as typed
 */
public record Subscription(boolean digest, String time, List<Topic> topics) {
  public Subscription {
    topics = List.copyOf(topics);
  }

  /** A saved search: its key (folded words) and its label as the citizen typed it. */
  public record Topic(String key, String label) {}
}
