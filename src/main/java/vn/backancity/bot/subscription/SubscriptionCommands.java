package vn.backancity.bot.subscription;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Recipient;

/**
 * The subscription commands, the same on every channel: subscribe ("/dangky", "/dangky 18:30",
 * "/dangky nông thôn mới"), unsubscribe ("/huy", "/huy nông thôn mới"), and the settings view with
 * its actions ("/caidat"). Replies confirm what changed.
 */
public final class SubscriptionCommands {
  /** Topics one chat may follow; a digest's "more" page takes as many. */
  public static final int MAX_TOPICS = 10;

  public static final int MAX_TOPIC_CHARS = 100;
  private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?:\\s*[:hH.g]\\s*(\\d{2})?)?");
  private static final List<String> TIME_CHOICES = List.of("06:00", "07:00", "12:00", "18:30");

  private final Subscriptions subscriptions;

  public SubscriptionCommands(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** "/dangky [HH:MM | chủ đề]". */
  public Reply subscribe(Recipient chat, String argument) {
    String arg = argument == null ? "" : argument.strip();
    if (arg.isEmpty()) {
      subscriptions.subscribe(chat, null);
      return text(Messages.SUBSCRIBED, currentTime(chat));
    }
    Matcher time = TIME.matcher(arg);
    if (time.matches()) {
      LocalTime at = parseTime(time);
      if (at == null) {
        return new Reply.Text(Messages.BAD_TIME);
      }
      boolean existed = subscriptions.find(chat).isPresent();
      subscriptions.subscribe(chat, at);
      return text(
          existed ? Messages.TIME_CHANGED : Messages.SUBSCRIBED, at.format(Subscriptions.HH_MM));
    }
    return addTopic(chat, arg);
  }

  /** "/huy [chủ đề]". */
  public Reply unsubscribe(Recipient chat, String argument) {
    String arg = argument == null ? "" : argument.strip();
    if (arg.isEmpty()) {
      return subscriptions.unsubscribe(chat)
          ? new Reply.Text(Messages.UNSUBSCRIBED)
          : text(Messages.NOT_SUBSCRIBED, subscriptions.defaultTime().format(Subscriptions.HH_MM));
    }
    String key = TopicMatcher.key(arg);
    Optional<Subscription.Topic> topic = topic(chat, key);
    if (topic.isPresent() && subscriptions.removeTopic(chat, key)) {
      return text(Messages.TOPIC_REMOVED, topic.get().label());
    }
    return text(Messages.TOPIC_UNKNOWN, arg);
  }

  /** "/caidat": what is set, with the actions that change it. */
  public Reply settings(Recipient chat) {
    return settings(chat, null);
  }

  /** Applies an action code from {@link #settings}; returns the new settings. */
  public Reply apply(Recipient chat, String code) {
    String notice;
    if (code.matches("time:\\d{2}:\\d{2}")) {
      LocalTime at = LocalTime.parse(code.substring(5));
      subscriptions.subscribe(chat, at);
      notice = Messages.TIME_CHANGED.formatted(at.format(Subscriptions.HH_MM));
    } else if (code.equals("on")) {
      subscriptions.subscribe(chat, null);
      notice = Messages.SUBSCRIBED.formatted(currentTime(chat));
    } else if (code.equals("off")) {
      subscriptions.digestOff(chat);
      notice = Messages.DIGEST_OFF;
    } else if (code.equals("stop")) {
      subscriptions.unsubscribe(chat);
      return new Reply.Text(Messages.UNSUBSCRIBED);
    } else if (code.startsWith("drop:")) {
      String wanted = code.substring(5);
      Optional<Subscription.Topic> topic =
          subscriptions.find(chat).stream()
              .flatMap(s -> s.topics().stream())
              .filter(t -> shortId(t.key()).equals(wanted))
              .findFirst();
      if (topic.isEmpty()) {
        return settings(chat, null);
      }
      subscriptions.removeTopic(chat, topic.get().key());
      notice = Messages.TOPIC_REMOVED.formatted(topic.get().label());
    } else {
      return settings(chat, null);
    }
    return settings(chat, notice);
  }

  private Reply addTopic(Recipient chat, String label) {
    if (label.length() > MAX_TOPIC_CHARS) {
      return text(Messages.TOPIC_TOO_LONG, MAX_TOPIC_CHARS);
    }
    String key = TopicMatcher.key(label);
    if (key.isEmpty()) {
      return text(Messages.TOPIC_UNKNOWN, label);
    }
    List<Subscription.Topic> topics =
        subscriptions.find(chat).map(Subscription::topics).orElse(List.of());
    if (topics.size() >= MAX_TOPICS && topics.stream().noneMatch(t -> t.key().equals(key))) {
      return text(Messages.TOO_MANY_TOPICS, MAX_TOPICS);
    }
    return subscriptions.addTopic(chat, key, label)
        ? text(Messages.TOPIC_ADDED, label)
        : text(Messages.TOPIC_EXISTS, label);
  }

  private Reply settings(Recipient chat, String notice) {
    Optional<Subscription> found = subscriptions.find(chat);
    StringBuilder text = new StringBuilder();
    if (notice != null) {
      text.append(notice).append("\n\n");
    }
    if (found.isEmpty()) {
      text.append(
          Messages.NOT_SUBSCRIBED.formatted(
              subscriptions.defaultTime().format(Subscriptions.HH_MM)));
      return new Reply.Settings(
          text.toString(), List.of(new Reply.Settings.Action(Messages.ACTION_DIGEST_ON, "on")));
    }
    Subscription s = found.get();
    text.append(Messages.SETTINGS_HEADER).append(":\n• ");
    text.append(
        s.digest()
            ? Messages.SETTINGS_DIGEST_ON.formatted(s.time())
            : Messages.SETTINGS_DIGEST_OFF);
    text.append("\n• ");
    text.append(
        s.topics().isEmpty()
            ? Messages.SETTINGS_NO_TOPICS
            : Messages.SETTINGS_TOPICS.formatted(
                String.join(", ", s.topics().stream().map(Subscription.Topic::label).toList())));
    List<Reply.Settings.Action> actions = new ArrayList<>();
    for (String choice : TIME_CHOICES) {
      if (!(s.digest() && choice.equals(s.time()))) {
        actions.add(
            new Reply.Settings.Action(Messages.ACTION_TIME.formatted(choice), "time:" + choice));
      }
    }
    actions.add(
        s.digest()
            ? new Reply.Settings.Action(Messages.ACTION_DIGEST_OFF, "off")
            : new Reply.Settings.Action(Messages.ACTION_DIGEST_ON, "on"));
    for (Subscription.Topic t : s.topics()) {
      actions.add(
          new Reply.Settings.Action(
              Messages.ACTION_DROP_TOPIC.formatted(shorten(t.label())),
              "drop:" + shortId(t.key())));
    }
    actions.add(new Reply.Settings.Action(Messages.ACTION_UNSUBSCRIBE, "stop"));
    return new Reply.Settings(text.toString(), actions);
  }

  private Optional<Subscription.Topic> topic(Recipient chat, String key) {
    return subscriptions.find(chat).stream()
        .flatMap(s -> s.topics().stream())
        .filter(t -> t.key().equals(key))
        .findFirst();
  }

  private String currentTime(Recipient chat) {
    return subscriptions
        .find(chat)
        .map(Subscription::time)
        .orElse(subscriptions.defaultTime().format(Subscriptions.HH_MM));
  }

  private static LocalTime parseTime(Matcher m) {
    int hour = Integer.parseInt(m.group(1));
    int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return hour < 24 && minute < 60 ? LocalTime.of(hour, minute) : null;
  }

  /** A short, stable id of a topic key for callback data (64 bytes at most on Telegram). */
  static String shortId(String key) {
    return Integer.toHexString(key.hashCode());
  }

  private static String shorten(String label) {
    return label.length() <= 24 ? label : label.substring(0, 23) + "…";
  }

  private static Reply text(String template, Object... args) {
    return new Reply.Text(template.formatted(args));
  }
}
