package vn.backancity.bot.subscription;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.backancity.bot.chat.Language;
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
  private final LanguageChoice languages;

  public SubscriptionCommands(Subscriptions subscriptions) {
    this(subscriptions, TopicPreview.NONE);
  }

  /**
   * @param preview a new topic's latest articles, shown with its confirmation
   */
  public SubscriptionCommands(Subscriptions subscriptions, TopicPreview preview) {
    this(subscriptions, preview, LanguageChoice.NONE);
  }

  /**
   * @param languages where a chat's choice of language ("lang:en" from the settings, "english"
   *     typed) is kept
   */
  public SubscriptionCommands(
      Subscriptions subscriptions, TopicPreview preview, LanguageChoice languages) {
    this.subscriptions = subscriptions;
    this.preview = preview;
    this.languages = languages;
  }

  /** Keeps a chat's explicit choice of language. */
  public interface LanguageChoice {
    LanguageChoice NONE = (chat, lang) -> {};

    void choose(Recipient chat, Language lang);
  }

  /** "/dangky [HH:MM | chủ đề [-từ loại trừ ...]]". */
  public Reply subscribe(Recipient chat, String argument) {
    Language lang = chat.language();
    String arg = argument == null ? "" : argument.strip();
    if (arg.isEmpty()) {
      subscriptions.subscribe(chat, null);
      return text(Messages.SUBSCRIBED.in(lang), currentTime(chat));
    }
    Matcher time = TIME.matcher(arg);
    if (time.matches()) {
      LocalTime at = parseTime(time);
      if (at == null) {
        return new Reply.Text(Messages.BAD_TIME.in(lang));
      }
      boolean existed = subscriptions.find(chat).isPresent();
      subscriptions.subscribe(chat, at);
      return text(
          existed ? Messages.TIME_CHANGED.in(lang) : Messages.SUBSCRIBED.in(lang),
          at.format(Subscriptions.HH_MM));
    }
    return addTopic(chat, arg);
  }

  /** "/huy [chủ đề]". */
  public Reply unsubscribe(Recipient chat, String argument) {
    Language lang = chat.language();
    String arg = argument == null ? "" : argument.strip();
    if (arg.isEmpty()) {
      return subscriptions.unsubscribe(chat)
          ? new Reply.Text(Messages.UNSUBSCRIBED.in(lang))
          : text(
              Messages.NOT_SUBSCRIBED.in(lang),
              subscriptions.defaultTime().format(Subscriptions.HH_MM));
    }
    String key = TopicMatcher.words(arg).key();
    Optional<Subscription.Topic> topic = topic(chat, key);
    if (topic.isPresent() && subscriptions.removeTopic(chat, key)) {
      return text(Messages.TOPIC_REMOVED.in(lang), topic.get().label());
    }
    return text(Messages.TOPIC_UNKNOWN.in(lang), arg);
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
    Language lang = chat.language();
    String notice;
    if (code.matches("time:([01]\\d|2[0-3]):[0-5]\\d")) {
      LocalTime at = LocalTime.parse(code.substring(5));
      subscriptions.subscribe(chat, at);
      notice = Messages.TIME_CHANGED.format(lang, at.format(Subscriptions.HH_MM));
    } else if (code.equals("on")) {
      subscriptions.subscribe(chat, null);
      notice = Messages.SUBSCRIBED.format(lang, currentTime(chat));
    } else if (code.equals("off")) {
      subscriptions.digestOff(chat);
      notice = Messages.DIGEST_OFF.in(lang);
    } else if (code.equals("stop")) {
      subscriptions.unsubscribe(chat);
      return new Reply.Text(Messages.UNSUBSCRIBED.in(lang));
    } else if (code.equals("lang:en") || code.equals("lang:vi")) {
      return chooseLanguage(chat, Language.of(code.substring(5)));
    } else if (code.equals("quiet")) {
      return quietView(chat);
    } else if (code.startsWith("quiet:")) {
      String choice = code.substring(6);
      Optional<QuietHours> quiet = QuietHours.parse(choice);
      if (!choice.equals("off") && quiet.isEmpty()) {
        return view(chat, null);
      }
      if (!subscriptions.setQuietHours(chat, quiet.orElse(null))) {
        return new Reply.Text(Messages.QUIET_NEEDS_SUBSCRIPTION.in(lang));
      }
      notice = quietChanged(quiet.orElse(null), lang);
    } else if (code.startsWith("topic:")) {
      return topicByShortId(chat, code.substring(6))
          .map(t -> topicView(t, lang))
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
      notice = Messages.MODE_CHANGED.format(lang, topic.get().label(), modeName(mode, lang));
    } else if (code.startsWith("drop:")) {
      Optional<Subscription.Topic> topic = topicByShortId(chat, code.substring(5));
      if (topic.isEmpty()) {
        return view(chat, null);
      }
      subscriptions.removeTopic(chat, topic.get().key());
      notice = Messages.TOPIC_REMOVED.format(lang, topic.get().label());
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
    Language lang = chat.language();
    String t = text.strip();
    if (t.startsWith("/")) {
      t = t.substring(1).strip();
    }
    List<String> words = Arrays.asList(t.split("\\s+"));
    List<String> folded = words.stream().map(TopicMatcher::key).toList();
    String whole = String.join(" ", folded);
    if (List.of("english", "tieng anh").contains(whole)) {
      return Optional.of(chooseLanguage(chat, Language.EN));
    }
    if (List.of("tieng viet", "vietnamese").contains(whole)) {
      return Optional.of(chooseLanguage(chat, Language.VI));
    }
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
          ? Optional.of(new Reply.Text(Messages.BAD_QUIET.in(lang)))
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
    Language lang = chat.language();
    String key = TopicMatcher.words(typedTopic).key();
    Optional<Subscription.Topic> topic = topic(chat, key);
    if (topic.isEmpty() || !subscriptions.setMode(chat, key, mode)) {
      return text(Messages.TOPIC_UNKNOWN.in(lang), typedTopic);
    }
    return text(Messages.MODE_CHANGED.in(lang), topic.get().label(), modeName(mode, lang));
  }

  private Reply setQuiet(Recipient chat, QuietHours quiet) {
    Language lang = chat.language();
    if (!subscriptions.setQuietHours(chat, quiet)) {
      return new Reply.Text(Messages.QUIET_NEEDS_SUBSCRIPTION.in(lang));
    }
    return new Reply.Text(quietChanged(quiet, lang));
  }

  private static String quietChanged(QuietHours quiet, Language lang) {
    return quiet == null ? Messages.QUIET_OFF.in(lang) : Messages.QUIET_SET.format(lang, quiet);
  }

  private Reply addTopic(Recipient chat, String label) {
    Language lang = chat.language();
    if (label.length() > MAX_TOPIC_CHARS) {
      return text(Messages.TOPIC_TOO_LONG.in(lang), MAX_TOPIC_CHARS);
    }
    TopicMatcher.Words words = TopicMatcher.words(label);
    if (words.key().isEmpty()) {
      return text(Messages.TOPIC_UNKNOWN.in(lang), label);
    }
    List<Subscription.Topic> topics =
        subscriptions.find(chat).map(Subscription::topics).orElse(List.of());
    if (topics.size() >= MAX_TOPICS
        && topics.stream().noneMatch(t -> t.key().equals(words.key()))) {
      return text(Messages.TOO_MANY_TOPICS.in(lang), MAX_TOPICS);
    }
    Subscriptions.Added added = subscriptions.addTopic(chat, words, label);
    if (added == Subscriptions.Added.EXISTS) {
      return text(Messages.TOPIC_EXISTS.in(lang), label);
    }
    StringBuilder note = new StringBuilder(Messages.TOPIC_ADDED_NOTE.in(lang));
    List<String> excluded = TopicMatcher.excludedAsTyped(label);
    if (!excluded.isEmpty()) {
      note.append("\n\n")
          .append(Messages.TOPIC_EXCLUDES.format(lang, "“" + String.join("”, “", excluded) + "”"));
    }
    List<Reply.Bulletin.Item> latest = preview.latest(words, PREVIEW_ITEMS);
    note.append("\n\n")
        .append(
            latest.isEmpty()
                ? Messages.TOPIC_NO_PREVIEW.in(lang)
                : Messages.TOPIC_PREVIEW.in(lang));
    String header =
        (added == Subscriptions.Added.ADDED
                ? Messages.TOPIC_ADDED.in(lang)
                : Messages.TOPIC_UPDATED.in(lang))
            .formatted(label);
    return new Reply.Bulletin(header, note.toString(), null, latest, 0, null);
  }

  private Reply view(Recipient chat, String notice) {
    Language lang = chat.language();
    Optional<Subscription> found = subscriptions.find(chat);
    StringBuilder text = new StringBuilder();
    if (notice != null) {
      text.append(notice).append("\n\n");
    }
    if (found.isEmpty()) {
      text.append(
          Messages.NOT_SUBSCRIBED.format(
              lang, subscriptions.defaultTime().format(Subscriptions.HH_MM)));
      return new Reply.Settings(
          text.toString(),
          List.of(
              new Reply.Settings.Action(Messages.ACTION_DIGEST_ON.in(lang), "on"),
              languageAction(lang)));
    }
    Subscription s = found.get();
    text.append(Messages.SETTINGS_HEADER.in(lang)).append(":\n• ");
    text.append(
        s.digest()
            ? Messages.SETTINGS_DIGEST_ON.format(lang, s.time())
            : Messages.SETTINGS_DIGEST_OFF.in(lang));
    text.append("\n• ");
    text.append(
        s.quietHours()
            .map(q -> Messages.SETTINGS_QUIET.format(lang, q))
            .orElse(Messages.SETTINGS_NO_QUIET.in(lang)));
    text.append("\n• ");
    text.append(
        s.topics().isEmpty()
            ? Messages.SETTINGS_NO_TOPICS.in(lang)
            : Messages.SETTINGS_TOPICS.format(
                lang,
                String.join(
                    ", ",
                    s.topics().stream()
                        .map(t -> t.label() + " (" + modeName(t.mode(), lang) + ")")
                        .toList())));
    List<Reply.Settings.Action> actions = new ArrayList<>();
    for (String choice : TIME_CHOICES) {
      if (!(s.digest() && choice.equals(s.time()))) {
        actions.add(
            new Reply.Settings.Action(Messages.ACTION_TIME.format(lang, choice), "time:" + choice));
      }
    }
    actions.add(
        s.digest()
            ? new Reply.Settings.Action(Messages.ACTION_DIGEST_OFF.in(lang), "off")
            : new Reply.Settings.Action(Messages.ACTION_DIGEST_ON.in(lang), "on"));
    actions.add(new Reply.Settings.Action(Messages.ACTION_QUIET.in(lang), "quiet"));
    for (Subscription.Topic t : s.topics()) {
      actions.add(
          new Reply.Settings.Action(
              Messages.ACTION_TOPIC.format(lang, shorten(t.label())), "topic:" + shortId(t.key())));
    }
    actions.add(new Reply.Settings.Action(Messages.ACTION_UNSUBSCRIBE.in(lang), "stop"));
    actions.add(languageAction(lang));
    text.append("\n• ").append(Messages.SETTINGS_LANGUAGE.in(lang));
    return new Reply.Settings(text.toString(), actions);
  }

  /** The button that switches to the other language. */
  private static Reply.Settings.Action languageAction(Language lang) {
    return lang == Language.EN
        ? new Reply.Settings.Action(Messages.ACTION_LANGUAGE_VI.in(lang), "lang:vi")
        : new Reply.Settings.Action(Messages.ACTION_LANGUAGE_EN.in(lang), "lang:en");
  }

  /** Switches the chat's language; the settings follow in the new one. */
  private Reply chooseLanguage(Recipient chat, Language lang) {
    languages.choose(chat, lang);
    Recipient now = chat.in(lang);
    return view(now, Messages.LANGUAGE_CHOSEN.in(lang));
  }

  /** One topic: how it reaches the chat, the other modes, drop it. */
  private Reply topicView(Subscription.Topic t, Language lang) {
    String id = shortId(t.key());
    List<Reply.Settings.Action> actions = new ArrayList<>();
    for (Subscription.Mode mode : Subscription.Mode.values()) {
      if (mode != t.mode()) {
        actions.add(
            new Reply.Settings.Action(modeAction(mode, lang), "mode:" + id + ":" + mode.code()));
      }
    }
    actions.add(
        new Reply.Settings.Action(
            Messages.ACTION_DROP_TOPIC.format(lang, shorten(t.label())), "drop:" + id));
    actions.add(new Reply.Settings.Action(Messages.ACTION_BACK.in(lang), "back"));
    return new Reply.Settings(
        Messages.TOPIC_VIEW.format(lang, t.label(), modeDescription(t.mode(), lang)), actions);
  }

  /** Quiet hours: what is set, a few common choices, off. */
  private Reply quietView(Recipient chat) {
    Language lang = chat.language();
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
            new Reply.Settings.Action(
                Messages.ACTION_QUIET_SET.format(lang, q), "quiet:" + choice));
      }
    }
    if (current.isPresent()) {
      actions.add(new Reply.Settings.Action(Messages.ACTION_QUIET_OFF.in(lang), "quiet:off"));
    }
    actions.add(new Reply.Settings.Action(Messages.ACTION_BACK.in(lang), "back"));
    String now =
        current
            .map(q -> Messages.QUIET_NOW.format(lang, q))
            .orElse(Messages.SETTINGS_NO_QUIET.in(lang));
    return new Reply.Settings(now + "\n\n" + Messages.QUIET_EXPLAIN.in(lang), actions);
  }

  static String modeName(Subscription.Mode mode, Language lang) {
    return switch (mode) {
      case ALERT -> Messages.MODE_ALERT.in(lang);
      case DIGEST -> Messages.MODE_DIGEST.in(lang);
      case MUTED -> Messages.MODE_MUTED.in(lang);
    };
  }

  private static String modeDescription(Subscription.Mode mode, Language lang) {
    return switch (mode) {
      case ALERT -> Messages.MODE_ALERT_MEANS.in(lang);
      case DIGEST -> Messages.MODE_DIGEST_MEANS.in(lang);
      case MUTED -> Messages.MODE_MUTED_MEANS.in(lang);
    };
  }

  private static String modeAction(Subscription.Mode mode, Language lang) {
    return switch (mode) {
      case ALERT -> Messages.ACTION_MODE_ALERT.in(lang);
      case DIGEST -> Messages.ACTION_MODE_DIGEST.in(lang);
      case MUTED -> Messages.ACTION_MODE_MUTED.in(lang);
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
