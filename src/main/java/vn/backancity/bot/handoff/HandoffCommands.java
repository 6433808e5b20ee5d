package vn.backancity.bot.handoff;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.backancity.bot.article.PublishedDates;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Recipient;

/**
 * Asking a person from a chat, the same on every chat channel: send a question to the staff
 * ("/hoinguoi", "hỏi cán bộ", the "Hỏi cán bộ" button) and ask a request's status by its code
 * ("/trangthai BK7Q2M", "trạng thái BK7Q2M"; without a code, the chat's latest requests). Only in
 * private chats: the staff's reply goes back to the chat that asked, and a group is not a person. A
 * status is shown only in the chat that sent the request.
 */
public final class HandoffCommands {
  static final int LATEST = 3;
  private static final int QUOTED = 300;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(PublishedDates.VIETNAM);

  private final HandoffDesk desk;

  public HandoffCommands(HandoffDesk desk) {
    this.desk = desk;
  }

  /** Sends {@code text} (when blank, the chat's last question) to the staff. */
  public Reply ask(Recipient chat, String displayName, String text) {
    Language lang = chat.language();
    if (!"private".equals(chat.kind())) {
      return new Reply.Text(Messages.HANDOFF_PRIVATE_ONLY.in(lang));
    }
    return opened(chat, desk.fromChat(chat, displayName, text));
  }

  /** Sends a question this chat asked (by its log id) to the staff: the "Hỏi cán bộ" button. */
  public Reply askAbout(Recipient chat, String displayName, long questionId) {
    Language lang = chat.language();
    if (!"private".equals(chat.kind())) {
      return new Reply.Text(Messages.HANDOFF_PRIVATE_ONLY.in(lang));
    }
    return opened(chat, desk.aboutQuestion(chat, displayName, questionId));
  }

  /** The status of a request by its code; without one, the chat's latest requests. */
  public Reply status(Recipient chat, String code) {
    Language lang = chat.language();
    String typed = code == null ? "" : code.strip();
    if (typed.isEmpty()) {
      List<Handoff> mine = desk.latest(chat, LATEST);
      if (mine.isEmpty()) {
        return new Reply.Text(Messages.HANDOFF_NONE.format(lang, askCommand(chat.channel())));
      }
      List<String> lines = new ArrayList<>();
      lines.add(Messages.HANDOFF_MINE.in(lang));
      for (Handoff h : mine) {
        lines.add(
            h.isOpen()
                ? Messages.HANDOFF_LINE_OPEN.format(lang, h.code(), time(h.createdAt()))
                : h.isClosed()
                    ? Messages.HANDOFF_LINE_CLOSED.format(lang, h.code())
                    : Messages.HANDOFF_LINE_ANSWERED.format(
                        lang, h.code(), statusCommand(chat.channel(), h.code())));
      }
      return new Reply.Text(String.join("\n", lines));
    }
    Optional<Handoff> found = desk.ofChat(chat, typed);
    if (found.isEmpty()) {
      return new Reply.Text(Messages.HANDOFF_UNKNOWN.format(lang, shorten(typed, 20)));
    }
    return new Reply.Text(describe(found.get(), lang));
  }

  /** A request's status as the citizen reads it: waiting, or the staff's reply with its link. */
  public static String describe(Handoff h) {
    return describe(h, Language.VI);
  }

  /** As {@link #describe(Handoff)}, in a language. */
  public static String describe(Handoff h, Language lang) {
    String question = shorten(h.message(), QUOTED);
    if (h.isOpen()) {
      return Messages.HANDOFF_OPEN.format(lang, h.code(), time(h.createdAt()), question);
    }
    if (h.isClosed()) {
      return Messages.HANDOFF_CLOSED.format(lang, h.code(), question);
    }
    String reply = h.replyText() + (h.replyLink() == null ? "" : "\n" + h.replyLink());
    return Messages.HANDOFF_ANSWERED.format(lang, h.code(), time(h.answeredAt()), question, reply);
  }

  private Reply opened(Recipient chat, HandoffDesk.Opened opened) {
    Language lang = chat.language();
    String text =
        switch (opened) {
          case HandoffDesk.Opened.Created c ->
              Messages.HANDOFF_SENT.format(
                  lang, c.handoff().code(), statusCommand(chat.channel(), c.handoff().code()));
          case HandoffDesk.Opened.TooSoon t -> Messages.HANDOFF_TOO_SOON.format(lang, t.seconds());
          case HandoffDesk.Opened.Busy b -> Messages.HANDOFF_BUSY.in(lang);
          case HandoffDesk.Opened.Waiting w ->
              Messages.HANDOFF_WAITING.format(
                  lang, w.open(), statusCommand(chat.channel(), "").strip());
          case HandoffDesk.Opened.Empty e ->
              Messages.HANDOFF_USAGE.format(lang, askCommand(chat.channel()));
        };
    return new Reply.Text(text);
  }

  /** How a citizen asks a status on a channel: Telegram has commands, Zalo typed words. */
  static String statusCommand(String channel, String code) {
    return ("telegram".equals(channel) ? "/trangthai " : "trạng thái ") + code;
  }

  private static String askCommand(String channel) {
    return "telegram".equals(channel) ? "/hoinguoi" : "hỏi cán bộ";
  }

  private static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
