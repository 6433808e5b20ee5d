package vn.backancity.bot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import vn.backancity.bot.admin.Announcements;
import vn.backancity.bot.chat.ChatBot;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.PagedQuestions;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.delivery.Replies;
import vn.backancity.bot.handoff.HandoffCommands;
import vn.backancity.bot.inbox.InboxItem;
import vn.backancity.bot.inbox.InboxWorker;
import vn.backancity.bot.questions.Feedback;
import vn.backancity.bot.subscription.SubscriptionCommands;

/**
 * Handles one Telegram update from the inbox: maps messages, commands, button presses and
 * membership changes to the chat core, and queues what it replies in the outbox's reply lane.
 * Inline queries, which have no chat and expire within seconds, are answered at once ({@link
 * InlineAnswers}).
 */
public final class TelegramUpdates implements InboxWorker.Handler {
  public static final String CHANNEL = "telegram";
  private static final Logger log = LoggerFactory.getLogger(TelegramUpdates.class);
  private static final Set<String> GONE = Set.of("kicked", "left");
  private static final int MAX_QUESTION = 1000;

  private final ChatBot bot;
  private final ChatDirectory chats;
  private final SubscriptionCommands subscriptions;
  private final Announcements announcements;
  private final Outbox outbox;
  private final Set<Long> admins;
  private final Clock clock;
  private final TelegramGateway gateway;
  private final Supplier<String> botUsername;
  private final ObjectMapper json;
  private final Duration replyDeadline;
  // Questions behind "Xem thêm" buttons, for messages that do not show them in full.
  private final PagedQuestions pagedQuestions;
  private final InlineAnswers inline;
  private final HandoffCommands handoffs;

  /**
   * @param admins Telegram user ids allowed to send announcements with /thongbao
   * @param handoffs asking a person: /hoinguoi, /trangthai and the "Hỏi cán bộ" button
   */
  public TelegramUpdates(
      ChatBot bot,
      ChatDirectory chats,
      PagedQuestions pagedQuestions,
      SubscriptionCommands subscriptions,
      Announcements announcements,
      Outbox outbox,
      Set<Long> admins,
      Clock clock,
      TelegramGateway gateway,
      Supplier<String> botUsername,
      ObjectMapper json,
      Duration replyDeadline,
      HandoffCommands handoffs) {
    this.handoffs = handoffs;
    this.bot = bot;
    this.chats = chats;
    this.pagedQuestions = pagedQuestions;
    this.subscriptions = subscriptions;
    this.announcements = announcements;
    this.outbox = outbox;
    this.admins = Set.copyOf(admins);
    this.clock = clock;
    this.gateway = gateway;
    this.botUsername = botUsername;
    this.json = json;
    this.replyDeadline = replyDeadline;
    this.inline = new InlineAnswers(bot, gateway);
  }

  /**
   * Handles an update from the inbox. Its replies are queued in the outbox under the inbox row's
   * id, so handling it again after a crash queues nothing twice. Throws when it should be tried
   * again (the database failed).
   */
  @Override
  public void handle(InboxItem item) throws IOException {
    Update update = json.readValue(item.payload(), Update.class);
    Replies replies = outbox.replies("tg" + item.id(), replyDeadline);
    if (update.hasMessage()) {
      onMessage(update.getMessage(), replies);
    } else if (update.hasCallbackQuery()) {
      onCallback(update.getCallbackQuery(), replies);
    } else if (update.hasMyChatMember()) {
      onMembership(update.getMyChatMember());
    } else if (update.hasInlineQuery()) {
      inline.answer(update.getInlineQuery());
    } else {
      log.debug("Update {} ignored: not a kind the bot handles", update.getUpdateId());
    }
  }

  private void onMessage(Message m, Replies replies) {
    Chat chat = m.getChat();
    boolean group = !"private".equals(chat.getType());
    // A person's Telegram language speaks for their private chat, not for a group.
    String languageCode = group || m.getFrom() == null ? null : m.getFrom().getLanguageCode();
    chats.touch(CHANNEL, String.valueOf(chat.getId()), chat.getType(), title(chat), languageCode);
    Recipient here = recipient(chat).in(chats.language(CHANNEL, String.valueOf(chat.getId())));
    Language lang = here.language();
    if (!m.hasText()) {
      if (!group) {
        replies.send(here, bot.textOnly(lang));
      }
      return;
    }
    String text = m.getText().strip();
    TelegramCommand command = TelegramCommand.parse(text);
    if (command == null) {
      if (!group) {
        replies.send(
            here,
            subscriptions
                .typed(here, text)
                .or(() -> bot.typedFeedback(CHANNEL, here.chatId(), text, lang))
                .orElseGet(() -> ask(here, text, 1)));
      }
      return;
    }
    if (!command.addressedTo(botUsername.get())) {
      return;
    }
    Reply reply =
        switch (command.name()) {
          case "start" -> bot.welcome(lang);
          case "help", "huongdan" -> bot.help(lang);
          case "tim" -> ask(here, command.argument(), 1);
          case "moi" -> bot.latest(lang);
          case "dangky" -> subscriptions.subscribe(here, command.argument());
          case "huy" -> subscriptions.unsubscribe(here, command.argument());
          case "caidat" -> subscriptions.settings(here, command.argument());
          case "thongbao" -> announce(m, command.argument(), lang);
          case "hoinguoi" -> handoffs.ask(here, displayName(m.getFrom()), command.argument());
          case "trangthai" -> handoffs.status(here, command.argument());
          default -> group ? null : bot.unknownCommand(lang);
        };
    if (reply != null) {
      replies.send(here, reply);
    }
  }

  private Reply ask(Recipient chat, String question, int page) {
    String q = question.length() > MAX_QUESTION ? question.substring(0, MAX_QUESTION) : question;
    Reply reply = bot.ask(CHANNEL, chat.chatId(), q, page, chat.language());
    if (reply instanceof Reply.Choices c) {
      // The option buttons carry the question's short id: every instance can answer them.
      pagedQuestions.remember(
          CHANNEL, chat.chatId(), TelegramFormatter.questionId(c.question()), c.question());
    }
    if (reply instanceof Reply.Answers a && a.more()) {
      // The message may not carry the question back (over 200 characters it is shortened, and a
      // long answer's button is on its last part): remember it where every instance sees it.
      pagedQuestions.remember(
          CHANNEL, chat.chatId(), TelegramFormatter.questionId(a.question()), a.question());
    }
    return reply;
  }

  /**
   * /thongbao: a draft for subscribers, shown back with "Gửi", "Gửi khẩn" (ahead of other pushes,
   * through quiet hours) and "Huỷ"; admins only.
   */
  private Reply announce(Message m, String text, Language lang) {
    if (m.getFrom() == null || !admins.contains(m.getFrom().getId())) {
      return new Reply.Text(Messages.NOT_ADMIN.in(lang));
    }
    if (text.isBlank()) {
      return new Reply.Text(Messages.ANNOUNCE_USAGE.in(lang));
    }
    String body =
        text.length() > Announcements.MAX_TEXT ? text.substring(0, Announcements.MAX_TEXT) : text;
    long id =
        announcements.create(
            body,
            null,
            "subscribers",
            clock.millis(),
            null,
            "telegram:" + m.getFrom().getId(),
            true);
    return new Reply.Preview(id, body, announcements.audienceSize("subscribers"));
  }

  private void onCallback(CallbackQuery q, Replies replies) {
    String data = q.getData() == null ? "" : q.getData();
    Long chatId = q.getMessage() == null ? null : q.getMessage().getChatId();
    Chat chat = q.getMessage() instanceof Message shown ? shown.getChat() : null;
    Recipient here =
        new Recipient(
            CHANNEL,
            String.valueOf(chatId),
            chat == null ? "private" : chat.getType(),
            chatId == null ? Language.VI : chats.language(CHANNEL, String.valueOf(chatId)));
    Language lang = here.language();
    if (chatId != null && data.startsWith(TelegramFormatter.SETTING_PREFIX)) {
      answerCallback(q.getId(), null);
      replies.send(
          here,
          subscriptions.apply(here, data.substring(TelegramFormatter.SETTING_PREFIX.length())));
      return;
    }
    if (chatId != null && data.startsWith(TelegramFormatter.VOTE_PREFIX)) {
      onVote(q, here, data, replies);
      return;
    }
    if (chatId != null && data.startsWith(TelegramFormatter.HANDOFF_PREFIX)) {
      onHandoff(q, here, data, replies);
      return;
    }
    if (chatId != null && data.startsWith(TelegramFormatter.PICK_PREFIX)) {
      onPick(q, here, data, replies);
      return;
    }
    if (chatId != null && data.startsWith("ann:")) {
      onAnnouncementButton(q, here, data, replies);
      return;
    }
    String[] parts = data.split(":");
    if (!data.startsWith(TelegramFormatter.MORE_PREFIX) || parts.length != 3 || chatId == null) {
      answerCallback(q.getId(), Messages.EXPIRED.in(lang));
      return;
    }
    int page;
    try {
      page = Math.max(2, Integer.parseInt(parts[2]));
    } catch (NumberFormatException e) {
      answerCallback(q.getId(), Messages.EXPIRED.in(lang));
      return;
    }
    String question =
        q.getMessage() instanceof Message shown
            ? TelegramFormatter.questionIn(shown.getText())
            : null;
    if (question == null) {
      question = pagedQuestions.find(CHANNEL, String.valueOf(chatId), parts[1]).orElse(null);
    }
    if (question == null) {
      answerCallback(q.getId(), Messages.EXPIRED.in(lang));
      return;
    }
    answerCallback(q.getId(), null);
    replies.send(here, ask(here, question, page));
  }

  /** 👍 / 👎 under an answer: "vote:<question id>:up|down", one vote per person, changeable. */
  private void onVote(CallbackQuery q, Recipient here, String data, Replies replies) {
    Language lang = here.language();
    String[] parts = data.split(":");
    long questionId;
    try {
      questionId = parts.length == 3 ? Long.parseLong(parts[1]) : -1;
    } catch (NumberFormatException e) {
      questionId = -1;
    }
    if (questionId < 0 || q.getFrom() == null || !List.of("up", "down").contains(parts[2])) {
      answerCallback(q.getId(), Messages.EXPIRED.in(lang));
      return;
    }
    Feedback.Vote vote = parts[2].equals("up") ? Feedback.Vote.UP : Feedback.Vote.DOWN;
    Reply thanks = bot.vote(CHANNEL, String.valueOf(q.getFrom().getId()), questionId, vote, lang);
    if (vote == Feedback.Vote.UP
        || !(thanks instanceof Reply.Text t)
        || !t.text().equals(Messages.ASK_REASON.in(lang))) {
      answerCallback(q.getId(), ((Reply.Text) thanks).text());
      return;
    }
    // A 👎: say where a reason goes, in the chat, where it stays readable.
    answerCallback(q.getId(), Messages.THANKS.in(lang));
    replies.send(here, thanks);
  }

  /** An ask-back option: "pick:<question id>:<article key>" gives that article's full answer. */
  private void onPick(CallbackQuery q, Recipient here, String data, Replies replies) {
    String[] parts = data.split(":");
    String question =
        parts.length == 3
            ? pagedQuestions.find(CHANNEL, here.chatId(), parts[1]).orElse(null)
            : null;
    if (question == null) {
      answerCallback(q.getId(), Messages.EXPIRED.in(here.language()));
      return;
    }
    answerCallback(q.getId(), null);
    replies.send(here, bot.choose(question, parts[2], here.language()));
  }

  /** "Hỏi cán bộ" under an answer that found nothing: "handoff:<question id>". */
  private void onHandoff(CallbackQuery q, Recipient here, String data, Replies replies) {
    Language lang = here.language();
    long questionId;
    try {
      questionId = Long.parseLong(data.substring(TelegramFormatter.HANDOFF_PREFIX.length()));
    } catch (NumberFormatException e) {
      answerCallback(q.getId(), Messages.EXPIRED.in(lang));
      return;
    }
    answerCallback(q.getId(), null);
    replies.send(here, handoffs.askAbout(here, displayName(q.getFrom()), questionId));
  }

  /** The name Telegram shows for a user (first and last name), or null. */
  private static String displayName(org.telegram.telegrambots.meta.api.objects.User user) {
    if (user == null || user.getFirstName() == null) {
      return null;
    }
    return user.getLastName() == null
        ? user.getFirstName()
        : user.getFirstName() + " " + user.getLastName();
  }

  private void onAnnouncementButton(CallbackQuery q, Recipient here, String data, Replies replies) {
    Language lang = here.language();
    if (q.getFrom() == null || !admins.contains(q.getFrom().getId())) {
      answerCallback(q.getId(), Messages.NOT_ADMIN.in(lang));
      return;
    }
    boolean send = data.startsWith(TelegramFormatter.SEND_PREFIX);
    boolean urgent = data.startsWith(TelegramFormatter.SEND_URGENT_PREFIX);
    String prefix =
        send
            ? TelegramFormatter.SEND_PREFIX
            : urgent ? TelegramFormatter.SEND_URGENT_PREFIX : TelegramFormatter.CANCEL_PREFIX;
    long id;
    try {
      id = Long.parseLong(data.substring(prefix.length()));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      answerCallback(q.getId(), Messages.EXPIRED.in(lang));
      return;
    }
    answerCallback(q.getId(), null);
    String text;
    if (send || urgent) {
      int queued = urgent ? announcements.confirmUrgent(id) : announcements.confirm(id);
      text =
          queued < 0
              ? Messages.ANNOUNCEMENT_GONE.format(lang, id)
              : (urgent
                      ? Messages.ANNOUNCEMENT_QUEUED_URGENT.in(lang)
                      : Messages.ANNOUNCEMENT_QUEUED.in(lang))
                  .formatted(id, queued);
    } else {
      text =
          announcements.cancel(id)
              ? Messages.ANNOUNCEMENT_CANCELLED.format(lang, id)
              : Messages.ANNOUNCEMENT_GONE.format(lang, id);
    }
    replies.send(here, new Reply.Text(text));
  }

  private static Recipient recipient(Chat chat) {
    return new Recipient(CHANNEL, String.valueOf(chat.getId()), chat.getType());
  }

  private void onMembership(ChatMemberUpdated change) {
    String chatId = String.valueOf(change.getChat().getId());
    String status = change.getNewChatMember().getStatus();
    if (GONE.contains(status)) {
      chats.deactivate(CHANNEL, chatId);
      int skipped = outbox.blockChat(CHANNEL, chatId, "bot " + status);
      log.info("Telegram chat {} removed the bot ({}): {} pushes skipped", chatId, status, skipped);
    } else {
      chats.touch(CHANNEL, chatId, change.getChat().getType(), title(change.getChat()));
    }
  }

  private void answerCallback(String id, String text) {
    try {
      gateway.answerCallback(id, text);
    } catch (TelegramFailure e) {
      log.warn("Telegram answerCallbackQuery failed: {} {}", e.code(), e.getMessage());
    }
  }

  private static String title(Chat chat) {
    return chat.getTitle() != null ? chat.getTitle() : chat.getFirstName();
  }
}
