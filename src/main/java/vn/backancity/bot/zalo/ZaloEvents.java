package vn.backancity.bot.zalo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.chat.TypedWords;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.delivery.Replies;
import vn.backancity.bot.handoff.HandoffCommands;
import vn.backancity.bot.handoff.Handoffs;
import vn.backancity.bot.inbox.InboxItem;
import vn.backancity.bot.inbox.InboxWorker;
import vn.backancity.bot.subscription.SubscriptionCommands;
import vn.backancity.bot.subscription.TopicMatcher;

/**
 * Handles one Zalo OA event: questions and typed commands (Zalo has no slash commands, so "dang
 * ky", "đăng ký chủ đề ...", "huy", "cai dat", "gio yen lang 22:00-06:30", "tat chu de ..." are
 * recognized with or without diacritics), follows and unfollows, and other message kinds. A user's
 * message reopens the reply window and releases pushes held while it was closed (of held digests,
 * only the latest).
 */
final class ZaloEvents implements InboxWorker.Handler {
  static final String CHANNEL = ZaloSender.CHANNEL;
  private static final Logger log = LoggerFactory.getLogger(ZaloEvents.class);
  private static final int MAX_QUESTION = 1000;

  private final ChatBot bot;
  private final ChatDirectory chats;
  private final SubscriptionCommands subscriptions;
  private final Outbox outbox;
  private final ReplyWindows windows;
  private final ObjectMapper json;
  private final Duration replyDeadline;
  private final HandoffCommands handoffs;

  ZaloEvents(
      ChatBot bot,
      ChatDirectory chats,
      SubscriptionCommands subscriptions,
      Outbox outbox,
      ReplyWindows windows,
      ObjectMapper json,
      Duration replyDeadline,
      HandoffCommands handoffs) {
    this.handoffs = handoffs;
    this.bot = bot;
    this.chats = chats;
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.windows = windows;
    this.json = json;
    this.replyDeadline = replyDeadline;
  }

  /**
   * Handles an event from the inbox. Its replies are queued in the outbox under the inbox row's id,
   * so handling it again after a crash queues nothing twice.
   */
  /** Zalo's user ids are decimal numbers (about 19 digits); the chats table keeps up to 64. */
  private static final java.util.regex.Pattern USER_ID =
      java.util.regex.Pattern.compile("[0-9]{1,40}");

  @Override
  public void handle(InboxItem item) throws IOException {
    JsonNode event = json.readTree(item.payload());
    Replies replies = outbox.replies("za" + item.id(), replyDeadline);
    String name = event.path("event_name").asText("");
    JsonNode who =
        name.equals("follow") || name.equals("unfollow")
            ? event.path("follower")
            : event.path("sender");
    if ((name.startsWith("user_send_") || name.equals("follow") || name.equals("unfollow"))
        && !USER_ID.matcher(who.path("id").asText("")).matches()) {
      // Signed by Zalo, yet no id a chat could be kept under: handled as done, nothing stored.
      log.warn("Zalo event {} without a usable user id: ignored", name);
      return;
    }
    switch (name) {
      case "user_send_text" -> {
        String user = event.path("sender").path("id").asText();
        userWrote(user);
        Reply reply = route(user, event.path("message").path("text").asText(""));
        // An answer to a question quotes it, so that the citizen sees what it answers.
        boolean answer =
            reply instanceof Reply.Answers
                || reply instanceof Reply.NotFound
                || reply instanceof Reply.Suggestions
                || reply instanceof Reply.Choices;
        replies.send(to(user), reply, answer ? messageId(event) : null);
      }
      case "follow" -> {
        String user = event.path("follower").path("id").asText();
        userWrote(user);
        Language lang = chats.language(CHANNEL, user);
        replies.send(to(user), new Reply.Text(Messages.ZALO_WELCOME.in(lang)));
      }
      case "unfollow" -> {
        String user = event.path("follower").path("id").asText();
        chats.deactivate(CHANNEL, user);
        outbox.blockChat(CHANNEL, user, "unfollowed the OA");
        log.info("Zalo user {} unfollowed: marked inactive", user);
      }
      default -> {
        if (name.startsWith("user_send_")) {
          String user = event.path("sender").path("id").asText();
          userWrote(user);
          replies.send(to(user), bot.textOnly(chats.language(CHANNEL, user)));
        } else {
          log.debug("Zalo event {} ignored", name);
        }
      }
    }
  }

  /** The event's msg_id when it can be quoted (Zalo's are short hex strings), else null. */
  private static String messageId(JsonNode event) {
    String id = event.path("message").path("msg_id").asText("");
    return MESSAGE_ID.matcher(id).matches() ? id : null;
  }

  private static final java.util.regex.Pattern MESSAGE_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static Recipient to(String user) {
    return new Recipient(CHANNEL, user, "private");
  }

  private void userWrote(String user) {
    chats.touch(CHANNEL, user, "private", null);
    windows.open(user);
    int released = outbox.releaseHeld(CHANNEL, user);
    if (released > 0) {
      log.info("Zalo user {} wrote: {} held messages released", user, released);
      outbox.enqueued();
    }
  }

  /** What a text asks for: a typed command, or a question. */
  Reply route(String user, String text) {
    Language lang = chats.language(CHANNEL, user);
    String t = text.strip();
    if (t.startsWith("/")) {
      t = t.substring(1).strip();
    }
    if (t.isEmpty()) {
      return new Reply.Text(Messages.ZALO_HELP.in(lang));
    }
    Recipient chat = new Recipient(CHANNEL, user, "private", lang);
    if (t.startsWith(ZaloFormatter.SETTING_PREFIX)) {
      // A settings button: its action code, as Telegram's settings buttons carry it.
      return subscriptions.apply(chat, t.substring(ZaloFormatter.SETTING_PREFIX.length()).strip());
    }
    List<String> words = Arrays.asList(t.split("\\s+"));
    List<String> folded = words.stream().map(TopicMatcher::key).toList();
    String whole = String.join(" ", folded);
    switch (whole) {
      case "cai dat", "caidat" -> {
        return subscriptions.settings(chat);
      }
      case "tat ban tin" -> {
        return subscriptions.apply(chat, "off");
      }
      case "tin moi", "moi" -> {
        return bot.latest(lang);
      }
      case "help", "huong dan", "tro giup", "start", "menu" -> {
        return new Reply.Text(Messages.ZALO_HELP.in(lang));
      }
      default -> {}
    }
    // Quiet hours and topic modes: "gio yen lang 22:00-06:30", "tat chu de ...".
    Optional<Reply> setting = subscriptions.typed(chat, t);
    if (setting.isPresent()) {
      return setting.get();
    }
    int verb = TypedWords.prefix(folded, 0, "dang ky", "dangky");
    if (verb > 0) {
      String rest = TypedWords.rest(words, verb);
      int topic = TypedWords.prefix(folded, verb, "chu de", "chude");
      if (topic > 0) {
        return subscriptions.subscribe(chat, TypedWords.rest(words, verb + topic));
      }
      String restFolded = TopicMatcher.key(rest);
      if (rest.isEmpty()
          || restFolded.equals("ban tin")
          || rest.matches("\\d{1,2}([:hHg.]\\d{0,2})?")) {
        return subscriptions.subscribe(chat, restFolded.equals("ban tin") ? "" : rest);
      }
      // "đăng ký khai sinh ở đâu" is a question, not a subscription.
    }
    verb = TypedWords.prefix(folded, 0, "huy");
    if (verb > 0) {
      String rest = TypedWords.rest(words, verb);
      int topic = TypedWords.prefix(folded, verb, "chu de", "chude");
      if (topic > 0) {
        return subscriptions.unsubscribe(chat, TypedWords.rest(words, verb + topic));
      }
      String restFolded = TopicMatcher.key(rest);
      if (rest.isEmpty() || restFolded.equals("dang ky") || restFolded.equals("ban tin")) {
        return subscriptions.unsubscribe(chat, "");
      }
    }
    // "hỏi cán bộ <câu hỏi>" sends it to the staff (alone: the last question asked).
    verb = TypedWords.prefix(folded, 0, "hoi can bo");
    if (verb > 0) {
      return handoffs.ask(chat, null, TypedWords.rest(words, verb));
    }
    // "trạng thái BK7Q2M"; "trạng thái đường Trường Chinh" is a question.
    verb = TypedWords.prefix(folded, 0, "trang thai", "trangthai");
    if (verb > 0) {
      String code = TypedWords.rest(words, verb);
      if (code.isEmpty() || Handoffs.isCode(Handoffs.normalize(code))) {
        return handoffs.status(chat, code);
      }
    }
    // "1" or "2" (or a choice button) after an ask-back: the full answer of that option.
    Optional<Reply> picked = bot.typedChoice(CHANNEL, user, t, lang);
    if (picked.isPresent()) {
      return picked.get();
    }
    Optional<Reply> rated = bot.typedFeedback(CHANNEL, user, t, lang);
    if (rated.isPresent()) {
      return rated.get();
    }
    verb = TypedWords.prefix(folded, 0, "tim");
    String question = verb > 0 && words.size() > 1 ? TypedWords.rest(words, verb) : t;
    if (question.length() > MAX_QUESTION) {
      question = question.substring(0, MAX_QUESTION);
    }
    return bot.ask(CHANNEL, user, question, 1, lang);
  }
}
