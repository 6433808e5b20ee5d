package vn.backancity.bot.subscription;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.chat.TypedWords;
import vn.backancity.bot.delivery.Recipient;

/**
 * The subscription commands, the same on every channel: subscribe ("/dangky", "/dangky 18:30",
 * "/dangky nông thôn mới", "/dangky nông thôn mới -bóng đá", answered with the topic's latest
 * articles), unsubscribe ("/huy", "/huy nông thôn mới"), the settings view with its actions
 * ("/caidat": digest time, quiet hours, how each topic reaches the chat), and the same settings
 * typed, with or without diacritics ("giờ yên lặng 22:00-06:30", "tắt giờ yên lặng", "chủ đề nông
 * thôn mới chỉ bản tin", "tắt chủ đề nông thôn mới", "bật chủ đề nông thôn mới"). Replies confirm
 * what changed.
 */
public final class SubscriptionCommands {
  /** Topics one chat may follow; a digest's "more" page takes as many. */
  public static final int MAX_TOPICS = 10;

  public static final int MAX_TOPIC_CHARS = 100;

  /** How many of a new topic's latest articles its confirmation shows. */
  public static final int PREVIEW_ITEMS = 3;

  private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?:\\s*[:hH.g]\\s*(\\d{2})?)?");
  private static final List<String> TIME_CHOICES = List.of("06:00", "07:00", "12:00", "18:30");
  private static final List<String> QUIET_CHOICES =
      List.of("21:00-06:00", "22:00-06:00", "22:00-06:30", "23:00-07:00");

  private final Subscriptions subscriptions;
  private final TopicPreview preview;

  public SubscriptionCommands(Subscriptions subscriptions) {
    this(subscriptions, TopicPreview.NONE);
  }

  /**
   * @param preview a new topic's latest articles, shown with its confirmation
   */
  public SubscriptionCommands(Subscriptions subscriptions, TopicPreview preview) {
    this.subscriptions = subscriptions;
    this.preview = preview;
  }

  /** "/dangky [HH:MM | chủ đề [-từ loại trừ ...]]". */
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
    String key = TopicMatcher.words(arg).key();
    Optional<Subscription.Topic> topic = topic(chat, key);
    if (topic.isPresent() && subscriptions.removeTopic(chat, key)) {
      return text(Messages.TOPIC_REMOVED, topic.get().label());
    }
    return text(Messages.TOPIC_UNKNOWN, arg);
  }

  /** "/caidat": what is set, with the actions that change it. */
  public Reply settings(Recipient chat) {
    return view(chat, null);
  }

  /** "/caidat &lt;a setting typed&gt;" ("/caidat giờ yên lặng 22:00-06:30"), else the settings. */
  public Reply settings(Recipient chat, String typed) {
    if (typed == null || typed.isBlank()) {
      return view(chat, null);
    }
    return typed(chat, typed).orElseGet(() -> view(chat, null));
  }

  /** Applies an action code from {@link #settings}; returns the new settings (or a sub-view). */
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
    } else if (code.equals("quiet")) {
      return quietView(chat);
    } else if (code.startsWith("quiet:")) {
      String choice = code.substring(6);
      Optional<QuietHours> quiet = QuietHours.parse(choice);
      if (!choice.equals("off") && quiet.isEmpty()) {
        return view(chat, null);
      }
      if (!subscriptions.setQuietHours(chat, quiet.orElse(null))) {
        return new Reply.Text(Messages.QUIET_NEEDS_SUBSCRIPTION);
      }
      notice = quietChanged(quiet.orElse(null));
    } else if (code.startsWith("topic:")) {
      return topicByShortId(chat, code.substring(6))
          .map(t -> topicView(t))
          .orElse(view(chat, null));
    } else if (code.startsWith("mode:")) {
      String[] parts = code.split(":");
      Optional<Subscription.Topic> topic =
          parts.length == 3 ? topicByShortId(chat, parts[1]) : Optional.empty();
      if (topic.isEmpty()) {
        return view(chat, null);
      }
      Subscription.Mode mode = Subscription.Mode.of(parts[2]);
      subscriptions.setMode(chat, topic.get().key(), mode);
      notice = Messages.MODE_CHANGED.formatted(topic.get().label(), modeName(mode));
    } else if (code.startsWith("drop:")) {
      Optional<Subscription.Topic> topic = topicByShortId(chat, code.substring(5));
      if (topic.isEmpty()) {
        return view(chat, null);
      }
      subscriptions.removeTopic(chat, topic.get().key());
      notice = Messages.TOPIC_REMOVED.formatted(topic.get().label());
    } else {
      return view(chat, null);
    }
    return view(chat, notice);
  }

  /**
   * A setting typed in words, with or without diacritics: quiet hours ("giờ yên lặng 22:00-06:30",
   * "giờ yên lặng" to see them, "tắt giờ yên lặng") and a topic's mode ("chủ đề &lt;x&gt; báo
   * ngay", "chủ đề &lt;x&gt; chỉ bản tin", "chủ đề &lt;x&gt; tắt", "tắt chủ đề &lt;x&gt;", "bật chủ
   * đề &lt;x&gt;"). Empty when the text is none of these (a question, another command).
   */
  public Optional<Reply> typed(Recipient chat, String text) {
    String t = text.strip();
    if (t.startsWith("/")) {
      t = t.substring(1).strip();
    }
    List<String> words = Arrays.asList(t.split("\\s+"));
    List<String> folded = words.stream().map(TopicMatcher::key).toList();
    int off = TypedWords.prefix(folded, 0, "tat gio yen lang", "tat yen lang", "bo gio yen lang");
    if (off > 0 && off == folded.size()) {
      return Optional.of(setQuiet(chat, null));
    }
    int quiet = TypedWords.prefix(folded, 0, "gio yen lang", "yen lang", "gioyenlang", "yenlang");
    if (quiet > 0) {
      String rest = TypedWords.rest(words, quiet);
      String restFolded = TopicMatcher.key(rest);
      if (rest.isEmpty()) {
        return Optional.of(quietView(chat));
      }
      if (List.of("tat", "off", "khong", "bo", "huy").contains(restFolded)) {
        return Optional.of(setQuiet(chat, null));
      }
      Optional<QuietHours> range = QuietHours.parseWhole(rest);
      if (range.isPresent()) {
        return Optional.of(setQuiet(chat, range.get()));
      }
      // "giờ yên lặng ở khu dân cư là mấy giờ" or "… từ 22h đến 6h phải không" is a question; a
      // range mistyped ("25:00-6:00", digits and signs only) is not.
      return rest.matches("[\\d\\s:hHgG.,\\-–]+") && rest.chars().anyMatch(Character::isDigit)
          ? Optional.of(new Reply.Text(Messages.BAD_QUIET))
          : Optional.empty();
    }
    int mute = TypedWords.prefix(folded, 0, "tat chu de", "tat chude");
    if (mute > 0 && mute < words.size()) {
      return Optional.of(setMode(chat, TypedWords.rest(words, mute), Subscription.Mode.MUTED));
    }
    int unmute = TypedWords.prefix(folded, 0, "bat chu de", "bat chude");
    if (unmute > 0 && unmute < words.size()) {
      return Optional.of(setMode(chat, TypedWords.rest(words, unmute), Subscription.Mode.ALERT));
    }
    int topic = TypedWords.prefix(folded, 0, "chu de", "chude");
    if (topic > 0) {
      for (Subscription.Mode mode : Subscription.Mode.values()) {
        for (String phrase : modeWords(mode)) {
          int n = phrase.split(" ").length;
          if (folded.size() > topic + n
              && String.join(" ", folded.subList(folded.size() - n, folded.size()))
                  .equals(phrase)) {
            String label = String.join(" ", words.subList(topic, words.size() - n)).strip();
            // "chủ đề của bản tin là gì" names no topic of this chat: a question.
            if (topic(chat, TopicMatcher.words(label).key()).isEmpty()) {
              return Optional.empty();
            }
            return Optional.of(setMode(chat, label, mode));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The folded words that, after "chủ đề &lt;x&gt;", choose a mode. */
  private static List<String> modeWords(Subscription.Mode mode) {
    return switch (mode) {
      case ALERT -> List.of("bao ngay", "bat");
      case DIGEST -> List.of("chi trong ban tin", "chi ban tin", "trong ban tin", "ban tin");
      case MUTED -> List.of("tat bao", "tat");
    };
  }

  private Reply setMode(Recipient chat, String typedTopic, Subscription.Mode mode) {
    String key = TopicMatcher.words(typedTopic).key();
    Optional<Subscription.Topic> topic = topic(chat, key);
    if (topic.isEmpty() || !subscriptions.setMode(chat, key, mode)) {
      return text(Messages.TOPIC_UNKNOWN, typedTopic);
    }
    return text(Messages.MODE_CHANGED, topic.get().label(), modeName(mode));
  }

  private Reply setQuiet(Recipient chat, QuietHours quiet) {
    if (!subscriptions.setQuietHours(chat, quiet)) {
      return new Reply.Text(Messages.QUIET_NEEDS_SUBSCRIPTION);
    }
    return new Reply.Text(quietChanged(quiet));
  }

  private static String quietChanged(QuietHours quiet) {
    return quiet == null ? Messages.QUIET_OFF : Messages.QUIET_SET.formatted(quiet);
  }

  private Reply addTopic(Recipient chat, String label) {
    if (label.length() > MAX_TOPIC_CHARS) {
      return text(Messages.TOPIC_TOO_LONG, MAX_TOPIC_CHARS);
    }
    TopicMatcher.Words words = TopicMatcher.words(label);
    if (words.key().isEmpty()) {
      return text(Messages.TOPIC_UNKNOWN, label);
    }
    List<Subscription.Topic> topics =
        subscriptions.find(chat).map(Subscription::topics).orElse(List.of());
    if (topics.size() >= MAX_TOPICS
        && topics.stream().noneMatch(t -> t.key().equals(words.key()))) {
      return text(Messages.TOO_MANY_TOPICS, MAX_TOPICS);
    }
    Subscriptions.Added added = subscriptions.addTopic(chat, words, label);
    if (added == Subscriptions.Added.EXISTS) {
      return text(Messages.TOPIC_EXISTS, label);
    }
    StringBuilder note = new StringBuilder(Messages.TOPIC_ADDED_NOTE);
    List<String> excluded = TopicMatcher.excludedAsTyped(label);
    if (!excluded.isEmpty()) {
      note.append("\n\n")
          .append(Messages.TOPIC_EXCLUDES.formatted("“" + String.join("”, “", excluded) + "”"));
    }
    List<Reply.Bulletin.Item> latest = preview.latest(words, PREVIEW_ITEMS);
    note.append("\n\n")
        .append(latest.isEmpty() ? Messages.TOPIC_NO_PREVIEW : Messages.TOPIC_PREVIEW);
    String header =
        (added == Subscriptions.Added.ADDED ? Messages.TOPIC_ADDED : Messages.TOPIC_UPDATED)
            .formatted(label);
    return new Reply.Bulletin(header, note.toString(), null, latest, 0, null);
  }

  private Reply view(Recipient chat, String notice) {
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
        s.quietHours()
            .map(q -> Messages.SETTINGS_QUIET.formatted(q))
            .orElse(Messages.SETTINGS_NO_QUIET));
    text.append("\n• ");
    text.append(
        s.topics().isEmpty()
            ? Messages.SETTINGS_NO_TOPICS
            : Messages.SETTINGS_TOPICS.formatted(
                String.join(
                    ", ",
                    s.topics().stream()
                        .map(t -> t.label() + " (" + modeName(t.mode()) + ")")
                        .toList())));
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
    actions.add(new Reply.Settings.Action(Messages.ACTION_QUIET, "quiet"));
    for (Subscription.Topic t : s.topics()) {
      actions.add(
          new Reply.Settings.Action(
              Messages.ACTION_TOPIC.formatted(shorten(t.label())), "topic:" + shortId(t.key())));
    }
    actions.add(new Reply.Settings.Action(Messages.ACTION_UNSUBSCRIBE, "stop"));
    return new Reply.Settings(text.toString(), actions);
  }

  /** One topic: how it reaches the chat, the other modes, drop it. */
  private Reply topicView(Subscription.Topic t) {
    String id = shortId(t.key());
    List<Reply.Settings.Action> actions = new ArrayList<>();
    for (Subscription.Mode mode : Subscription.Mode.values()) {
      if (mode != t.mode()) {
        actions.add(new Reply.Settings.Action(modeAction(mode), "mode:" + id + ":" + mode.code()));
      }
    }
    actions.add(
        new Reply.Settings.Action(
            Messages.ACTION_DROP_TOPIC.formatted(shorten(t.label())), "drop:" + id));
    actions.add(new Reply.Settings.Action(Messages.ACTION_BACK, "back"));
    return new Reply.Settings(
        Messages.TOPIC_VIEW.formatted(t.label(), modeDescription(t.mode())), actions);
  }

  /** Quiet hours: what is set, a few common choices, off. */
  private Reply quietView(Recipient chat) {
    Optional<Subscription> found = subscriptions.find(chat);
    if (found.isEmpty()) {
      return view(chat, null);
    }
    Optional<QuietHours> current = found.get().quietHours();
    List<Reply.Settings.Action> actions = new ArrayList<>();
    for (String choice : QUIET_CHOICES) {
      QuietHours q = QuietHours.parse(choice).orElseThrow();
      if (!current.equals(Optional.of(q))) {
        actions.add(
            new Reply.Settings.Action(Messages.ACTION_QUIET_SET.formatted(q), "quiet:" + choice));
      }
    }
    if (current.isPresent()) {
      actions.add(new Reply.Settings.Action(Messages.ACTION_QUIET_OFF, "quiet:off"));
    }
    actions.add(new Reply.Settings.Action(Messages.ACTION_BACK, "back"));
    String now =
        current.map(q -> Messages.QUIET_NOW.formatted(q)).orElse(Messages.SETTINGS_NO_QUIET);
    return new Reply.Settings(now + "\n\n" + Messages.QUIET_EXPLAIN, actions);
  }

  static String modeName(Subscription.Mode mode) {
    return switch (mode) {
      case ALERT -> Messages.MODE_ALERT;
      case DIGEST -> Messages.MODE_DIGEST;
      case MUTED -> Messages.MODE_MUTED;
    };
  }

  private static String modeDescription(Subscription.Mode mode) {
    return switch (mode) {
      case ALERT -> Messages.MODE_ALERT_MEANS;
      case DIGEST -> Messages.MODE_DIGEST_MEANS;
      case MUTED -> Messages.MODE_MUTED_MEANS;
    };
  }

  private static String modeAction(Subscription.Mode mode) {
    return switch (mode) {
      case ALERT -> Messages.ACTION_MODE_ALERT;
      case DIGEST -> Messages.ACTION_MODE_DIGEST;
      case MUTED -> Messages.ACTION_MODE_MUTED;
    };
  }

  private Optional<Subscription.Topic> topicByShortId(Recipient chat, String wanted) {
    return subscriptions.find(chat).stream()
        .flatMap(s -> s.topics().stream())
        .filter(t -> shortId(t.key()).equals(wanted))
        .findFirst();
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
