package vn.backancity.bot.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.curated.CuratedAnswer;
import vn.backancity.bot.curated.CuratedAnswers;
import vn.backancity.bot.curated.DraftReader;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.questions.Askers;
import vn.backancity.bot.questions.QuestionLog;
import vn.backancity.bot.questions.ReviewQueue;

/**
 * Requests to the staff, from the citizen's side and the staff's: a citizen sends a question
 * (typed, or one the bot could not answer) and gets a lookup code; the request keeps the chat's
 * last questions and answers with it (the question log keeps no chat ids, so they are copied at the
 * time); a staff reply is recorded, delivered as a push through the outbox (Zalo's reply window
 * applies as for every push), and may become the city's curated answer to the question.
 *
 * <p>Bounded work for whoever asks: one request a {@link #MIN_INTERVAL} per chat or web client,
 * {@link #MAX_MESSAGE} characters, at most {@link #MAX_OPEN} open requests per channel.
 */
public final class HandoffDesk {
  public static final int MAX_MESSAGE = 1000;
  public static final int MAX_REPLY = DraftReader.MAX_TEXT;
  public static final int MAX_LINK = DraftReader.MAX_LINK;
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  public static final String WEB = "web";
  static final int MAX_OPEN = 1000;

  /** Open requests one sender may have: more wait until the staff answer or close one. */
  static final int MAX_OPEN_EACH = 3;

  static final int CONTEXT = 3;
  static final int TITLES = 3;
  private static final int QUOTED = 300;

  private final Handoffs handoffs;
  private final QuestionLog questions;
  private final Askers askers;
  private final ArticleStore articles;
  private final CuratedAnswers curated;
  private final DraftReader drafts;
  private final ReviewQueue queue;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;

  /**
   * @param askers the question log's pseudonyms: a request is limited, and found, by its sender's
   * @param queue the review queue, which a question answered as curated leaves
   */
  public HandoffDesk(
      Handoffs handoffs,
      QuestionLog questions,
      Askers askers,
      ArticleStore articles,
      CuratedAnswers curated,
      ReviewQueue queue,
      Outbox outbox,
      ObjectMapper json,
      Clock clock) {
    this.handoffs = handoffs;
    this.questions = questions;
    this.askers = askers;
    this.articles = articles;
    this.curated = curated;
    this.drafts = new DraftReader(curated, clock);
    this.queue = queue;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
  }

  /** What became of a citizen's request. */
  public sealed interface Opened {
    /** Sent: the request and its code. */
    record Created(Handoff handoff) implements Opened {}

    /** The same chat sent one less than {@link #MIN_INTERVAL} ago: wait this long. */
    record TooSoon(long seconds) implements Opened {}

    /** Too many requests are waiting on this channel. */
    record Busy() implements Opened {}

    /** This sender already has {@code open} requests waiting ({@link #MAX_OPEN_EACH}). */
    record Waiting(int open) implements Opened {}

    /** No text, and no earlier question to send. */
    record Empty() implements Opened {}
  }

  /**
   * A request from a chat: {@code text}, or when it is blank the chat's last question. The chat's
   * last questions go with it.
   *
   * @param displayName the name the platform gives the citizen, or null
   */
  public Opened fromChat(Recipient chat, String displayName, String text) {
    List<QuestionLog.Entry> recent = questions.recent(chat.channel(), chat.chatId(), CONTEXT);
    String message = text == null ? "" : text.strip();
    if (message.isEmpty()) {
      if (recent.isEmpty()) {
        return new Opened.Empty();
      }
      message = recent.get(0).question();
    }
    return open(chat, chat.channel(), chat.chatId(), displayName, message, recent);
  }

  /**
   * A request from a chat about a question it asked ("Hỏi cán bộ" under an answer that found
   * nothing); the question's id is checked against the chat, as a button is anyone's to forge.
   */
  public Opened aboutQuestion(Recipient chat, String displayName, long questionId) {
    Optional<QuestionLog.Entry> asked = questions.find(questionId, chat.channel(), chat.chatId());
    List<QuestionLog.Entry> recent = questions.recent(chat.channel(), chat.chatId(), CONTEXT);
    if (asked.isEmpty()) {
      return fromChat(chat, displayName, "");
    }
    return open(chat, chat.channel(), chat.chatId(), displayName, asked.get().question(), recent);
  }

  /**
   * A request from the web chat, which has no identity: {@code client} (its address) limits it and
   * is kept only as a pseudonym. {@code questionId}, the id {@code /api/ask} gave this client, adds
   * that question and its answers as the context, or is the message when {@code text} is blank.
   */
  public Opened fromWeb(String client, String text, Long questionId) {
    List<QuestionLog.Entry> context = new ArrayList<>();
    if (questionId != null) {
      questions.find(questionId, WEB, client).ifPresent(context::add);
    }
    String message = text == null ? "" : text.strip();
    if (message.isEmpty()) {
      if (context.isEmpty()) {
        return new Opened.Empty();
      }
      message = context.get(0).question();
    }
    return open(null, WEB, client, null, message, context);
  }

  private Opened open(
      Recipient chat,
      String channel,
      String id,
      String displayName,
      String message,
      List<QuestionLog.Entry> recent) {
    String requester = askers.of(channel, id);
    Optional<Long> last = handoffs.lastRequestAt(channel, requester);
    long wait = last.map(at -> at + MIN_INTERVAL.toMillis() - clock.millis()).orElse(0L);
    if (wait > 0) {
      return new Opened.TooSoon((wait + 999) / 1000);
    }
    int mine = handoffs.openCount(channel, requester);
    if (mine >= MAX_OPEN_EACH) {
      return new Opened.Waiting(mine);
    }
    if (handoffs.openCount(channel) >= MAX_OPEN) {
      return new Opened.Busy();
    }
    List<Handoff.Exchange> context = new ArrayList<>();
    for (int i = recent.size() - 1; i >= 0; i--) {
      context.add(exchange(recent.get(i)));
    }
    String name = displayName == null || displayName.isBlank() ? null : shorten(displayName, 200);
    return handoffs
        .insert(
            MIN_INTERVAL, chat, channel, requester, name, shorten(message, MAX_MESSAGE), context)
        .<Opened>map(Opened.Created::new)
        .orElseGet(() -> new Opened.TooSoon(MIN_INTERVAL.toSeconds()));
  }

  /** A logged question with the titles of what the bot answered. */
  private Handoff.Exchange exchange(QuestionLog.Entry e) {
    List<String> titles = new ArrayList<>();
    try {
      for (JsonNode result : json.readTree(e.results())) {
        if (titles.size() == TITLES) {
          break;
        }
        String id = result.path("id").asText("");
        titles.add(title(id));
      }
    } catch (IOException | RuntimeException ex) {
      // An unreadable result list shows no titles; the question is still worth showing.
    }
    return new Handoff.Exchange(e.question(), e.answered(), titles);
  }

  private String title(String resultId) {
    if (resultId.startsWith("curated:")) {
      try {
        long id = Long.parseLong(resultId.substring("curated:".length()));
        return curated
            .find(id)
            .map(a -> "✅ " + shorten(a.text(), 120))
            .orElse("✅ " + CuratedAnswers.TITLE);
      } catch (NumberFormatException e) {
        return "✅ " + CuratedAnswers.TITLE;
      }
    }
    return articles.find(resultId).map(Article::title).orElse(resultId);
  }

  /** A request sent from this chat, by its code. */
  public Optional<Handoff> ofChat(Recipient chat, String code) {
    return handoffs
        .find(Handoffs.normalize(code))
        .filter(h -> h.channel().equals(chat.channel()) && chat.chatId().equals(h.chatId()));
  }

  /** A request sent from the web chat, by its code (the code is all the web has). */
  public Optional<Handoff> ofWeb(String code) {
    return handoffs.find(Handoffs.normalize(code)).filter(h -> WEB.equals(h.channel()));
  }

  /** The latest requests sent from this chat, newest first. */
  public List<Handoff> latest(Recipient chat, int limit) {
    return handoffs.byRequester(chat.channel(), askers.of(chat.channel(), chat.chatId()), limit);
  }

  /**
   * Closes an open request without a reply (spam, a duplicate, out of scope): it no longer counts
   * against its sender or the channel, and its status says it was closed. False when it is not open
   * or unknown.
   */
  public boolean close(String code) {
    return handoffs.close(Handoffs.normalize(code));
  }

  /** A request by its code, for the staff. */
  public Optional<Handoff> find(String code) {
    return handoffs.find(Handoffs.normalize(code));
  }

  /** Requests by status ({@link Handoff#OPEN} or {@link Handoff#ANSWERED}), for the staff. */
  public List<Handoff> list(String status, int limit) {
    return handoffs.list(status, limit);
  }

  /** Deletes up to {@code batch} requests sent before {@code before}; returns how many. */
  public int prune(long before, int batch) {
    return handoffs.prune(before, batch);
  }

  /** What became of a staff reply. */
  public sealed interface Answered {
    /** Recorded, and queued for the citizen when the request has a chat. */
    record Done(Handoff handoff, Long curatedId, boolean delivered) implements Answered {}

    record NoSuchRequest() implements Answered {}

    /** It had been answered already (perhaps by another member of staff a moment before). */
    record AlreadyAnswered(Handoff handoff) implements Answered {}
  }

  /**
   * The staff's reply to a request: recorded and, on a chat channel, delivered as a push with the
   * code in it. With {@code saveAsCurated}, the reply also becomes the city's curated answer to the
   * citizen's question (given from then on to whoever asks it, on every channel).
   *
   * @throws IllegalArgumentException naming the field: text, link or save_as_curated
   */
  public Answered reply(String code, String text, String link, boolean saveAsCurated) {
    String replyText = text == null ? "" : text.strip();
    if (replyText.isEmpty()) {
      throw new IllegalArgumentException("field 'text' is required and must be a non-empty string");
    }
    if (replyText.length() > MAX_REPLY) {
      throw new IllegalArgumentException(
          "field 'text' is longer than " + MAX_REPLY + " characters");
    }
    String replyLink = link == null || link.isBlank() ? null : link.strip();
    if (replyLink != null && (replyLink.length() > MAX_LINK || !Article.isWebAddress(replyLink))) {
      throw new IllegalArgumentException("field 'link' must be an http(s) URL");
    }
    Optional<Handoff> found = handoffs.find(Handoffs.normalize(code));
    if (found.isEmpty()) {
      return new Answered.NoSuchRequest();
    }
    Handoff request = found.get();
    if (!request.isOpen()) {
      return new Answered.AlreadyAnswered(request);
    }
    Long curatedId = null;
    if (saveAsCurated) {
      CuratedAnswer.Draft draft = curatedDraft(request.message(), replyText, replyLink);
      try {
        curatedId = curated.create(draft);
      } catch (IllegalArgumentException e) {
        throw notCurated(e);
      }
      queue.dismiss(curated.keys(request.message()).folded());
    }
    // The staff's words stay as written; the frame around them is in the citizen's language.
    Language lang = handoffs.language(request);
    Reply.Bulletin message =
        new Reply.Bulletin(
            Messages.HANDOFF_REPLY_HEADER.format(lang, request.code()),
            Messages.HANDOFF_REPLY_QUOTE.format(lang, shorten(request.message(), QUOTED))
                + "\n\n"
                + replyText,
            replyLink,
            List.of(),
            0,
            null);
    if (!handoffs.answer(request, replyText, replyLink, curatedId, message, outbox)) {
      return new Answered.AlreadyAnswered(handoffs.find(request.code()).orElse(request));
    }
    boolean delivered = request.recipient() != null;
    if (delivered) {
      outbox.enqueued();
    }
    return new Answered.Done(handoffs.find(request.code()).orElseThrow(), curatedId, delivered);
  }

  /** The citizen's question with the reply, checked as an editor's curated answer is. */
  private CuratedAnswer.Draft curatedDraft(String question, String text, String link) {
    ObjectNode node = json.createObjectNode();
    node.putArray("questions").add(question);
    node.put("text", text);
    if (link != null) {
      node.put("link", link);
    }
    try {
      return drafts.read(node);
    } catch (IllegalArgumentException e) {
      throw notCurated(e);
    }
  }

  private static IllegalArgumentException notCurated(IllegalArgumentException e) {
    return new IllegalArgumentException(
        "field 'save_as_curated': the question cannot become a curated answer ("
            + e.getMessage()
            + ")");
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
