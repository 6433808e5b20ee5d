package vn.backancity.bot.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Answerer;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.answer.Lookup;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.questions.Feedback;
import vn.backancity.bot.questions.QuestionLog;
import vn.backancity.bot.search.VietnameseText;

/**
 * The conversation, the same on every channel: what to reply to a question, a command or a request
 * for more. Knows nothing of Telegram, Zalo or HTTP.
 */
public final class ChatBot {
  private static final Logger log = LoggerFactory.getLogger(ChatBot.class);
  public static final int LATEST = 5;
  // Typed feedback on the latest answer, without diacritics or punctuation.
  private static final Set<String> YES = Set.of("dung", "dung roi", "dung a", "huu ich", "👍");
  private static final Set<String> NO = Set.of("sai", "sai roi", "chua dung", "👎");
  private static final List<String> NO_BECAUSE = List.of("sai:", "sai,", "sai -");

  private final Answerer answerer;
  private final ArticleStore articles;
  private final Links links;
  private final int pageSize;
  private final QuestionLog questions;
  private final Feedback feedback;

  /**
   * @param questions where every question asked is logged
   * @param feedback where 👍 / 👎 on answers are kept
   */
  public ChatBot(
      Answerer answerer,
      ArticleStore articles,
      Links links,
      int pageSize,
      QuestionLog questions,
      Feedback feedback) {
    this.answerer = answerer;
    this.articles = articles;
    this.links = links;
    this.pageSize = pageSize;
    this.questions = questions;
    this.feedback = feedback;
  }

  public Reply welcome() {
    return welcome(Language.VI);
  }

  public Reply welcome(Language lang) {
    return new Reply.Text(Messages.WELCOME.in(lang) + "\n\n" + Messages.HELP.in(lang));
  }

  public Reply help() {
    return help(Language.VI);
  }

  public Reply help(Language lang) {
    return new Reply.Text(Messages.HELP.in(lang));
  }

  /**
   * Page {@code page} (1-based) of the answers to a question asked in a chat; help for an empty
   * one. A first page is logged with the chat's pseudonym, and its answers carry the log's id.
   */
  public Reply ask(String channel, String chatId, String question, int page) {
    return ask(channel, chatId, question, page, Language.VI);
  }

  /** As {@link #ask(String, String, String, int)}, with the bot's own texts in {@code lang}. */
  public Reply ask(String channel, String chatId, String question, int page, Language lang) {
    String q = question == null ? "" : question.strip();
    Lookup lookup = answerer.lookup(q);
    AnswerList list = lookup.list();
    if (list.blank()) {
      return help(lang);
    }
    long questionId = page == 1 ? logged(channel, chatId, q, lookup) : 0;
    if (list.answers().isEmpty()) {
      if (page == 1 && !list.suggestions().isEmpty()) {
        return new Reply.Suggestions(q, list.suggestions(), questionId);
      }
      return page == 1
          ? new Reply.NotFound(q, questionId)
          : new Reply.Text(Messages.NO_MORE.in(lang));
    }
    if (page == 1 && list.choices()) {
      return new Reply.Choices(q, list.page(0, CHOICES), questionId);
    }
    // A page number comes back from a button, which anyone can forge: past the answers is simply
    // "no more" (and no int overflow on the way).
    long start = ((long) Math.max(1, page) - 1) * pageSize;
    if (start >= list.answers().size()) {
      return new Reply.Text(Messages.NO_MORE.in(lang));
    }
    int from = (int) start;
    List<Answer> answers = list.page(from, pageSize);
    if (answers.isEmpty()) {
      return new Reply.Text(Messages.NO_MORE.in(lang));
    }
    boolean more = from + pageSize < list.answers().size();
    return new Reply.Answers(q, answers, page, from, more, questionId);
  }

  /** Logs a question; 0 when the log cannot be written (then the answer goes without buttons). */
  private long logged(String channel, String chatId, String question, Lookup lookup) {
    try {
      return questions.record(channel, chatId, question, lookup);
    } catch (RuntimeException e) {
      log.warn("Question not logged, answered anyway: {}", e.getMessage());
      return 0;
    }
  }

  /** A 👍 / 👎 pressed under an answer; the reply thanks (and asks why after a 👎). */
  public Reply vote(String channel, String personId, long questionId, Feedback.Vote vote) {
    return vote(channel, personId, questionId, vote, Language.VI);
  }

  public Reply vote(
      String channel, String personId, long questionId, Feedback.Vote vote, Language lang) {
    if (!feedback.vote(questionId, feedback.voter(channel, personId), vote, null)) {
      return new Reply.Text(Messages.EXPIRED.in(lang));
    }
    return new Reply.Text(
        vote == Feedback.Vote.UP ? Messages.THANKS.in(lang) : Messages.ASK_REASON.in(lang));
  }

  /**
   * Feedback typed after an answer ("đúng", "sai", "sai: thiếu địa chỉ"), on the person's latest
   * answer; empty when the text is not feedback (then it is a question or a command).
   */
  public Optional<Reply> typedFeedback(String channel, String personId, String text) {
    return typedFeedback(channel, personId, text, Language.VI);
  }

  public Optional<Reply> typedFeedback(
      String channel, String personId, String text, Language lang) {
    String typed = VietnameseText.nfc(text.strip());
    String folded = VietnameseText.fold(typed.toLowerCase(java.util.Locale.ROOT));
    String plain = folded.replaceAll("[.!?]+$", "").strip();
    Feedback.Vote vote = null;
    String reason = null;
    if (YES.contains(plain)) {
      vote = Feedback.Vote.UP;
    } else if (NO.contains(plain)) {
      vote = Feedback.Vote.DOWN;
    } else {
      for (String prefix : NO_BECAUSE) {
        if (folded.startsWith(prefix) && folded.length() > prefix.length()) {
          vote = Feedback.Vote.DOWN;
          reason = typed.substring(prefix.length()).strip();
          break;
        }
      }
    }
    if (vote == null) {
      return Optional.empty();
    }
    Optional<Long> latest = feedback.latestAnswered(channel, personId);
    if (latest.isEmpty()) {
      return Optional.of(new Reply.Text(Messages.NOTHING_TO_RATE.in(lang)));
    }
    feedback.vote(latest.get(), feedback.voter(channel, personId), vote, reason);
    String thanks =
        reason != null
            ? Messages.REASON_NOTED.in(lang)
            : vote == Feedback.Vote.UP ? Messages.THANKS.in(lang) : Messages.ASK_REASON.in(lang);
    return Optional.of(new Reply.Text(thanks));
  }

  public Reply latest() {
    return latest(Language.VI);
  }

  public Reply latest(Language lang) {
    List<Reply.Latest.Item> items =
        articles.latest(LATEST).stream()
            .map(a -> new Reply.Latest.Item(a.title(), links.of(a), a.publishedAt()))
            .toList();
    return items.isEmpty()
        ? new Reply.Text(Messages.NO_ARTICLES.in(lang))
        : new Reply.Latest(items);
  }

  /**
   * Answers to share in another chat (Telegram's inline mode): the first {@code limit} answers,
   * ranked as {@link #ask} ranks them, or the latest articles for an empty query. Not logged: an
   * inline query arrives again and again while it is typed, and the editors' queue wants questions.
   */
  public Reply shareable(String query, int limit) {
    return shareable(query, limit, Language.VI);
  }

  public Reply shareable(String query, int limit, Language lang) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      return latest(lang);
    }
    AnswerList list = answerer.ask(q);
    if (list.answers().isEmpty()) {
      return new Reply.NotFound(q);
    }
    List<Answer> answers = list.page(0, limit);
    return new Reply.Answers(q, answers, 1, 0, list.answers().size() > answers.size());
  }

  /** How many answers an ask-back offers. */
  public static final int CHOICES = 2;

  /**
   * The full answer for the option picked after an ask-back ({@link Reply.Choices}): the question
   * is answered again (from the cache, usually) and the answer from the article with this key is
   * given alone; "expired" when the question no longer offers it.
   */
  public Reply choose(String question, String key, Language lang) {
    AnswerList list = answerer.ask(question == null ? "" : question.strip());
    for (Answer a : list.answers()) {
      if (choiceKey(a.articleId()).equals(key)) {
        return new Reply.Answers(list.question(), List.of(a), 1, 0, false);
      }
    }
    return new Reply.Text(Messages.EXPIRED.in(lang));
  }

  /**
   * The option picked by its number (1-based) among the choices the question offers, or empty when
   * it offers none or fewer.
   */
  public Optional<Reply> chooseNumber(String question, int number) {
    AnswerList list = answerer.ask(question == null ? "" : question.strip());
    if (!list.choices() || number < 1 || number > Math.min(CHOICES, list.answers().size())) {
      return Optional.empty();
    }
    Answer a = list.answers().get(number - 1);
    return Optional.of(new Reply.Answers(list.question(), List.of(a), 1, 0, false));
  }

  /** What a Zalo choice button says (hidden): this prefix and the option's {@link #choiceKey}. */
  public static final String CHOICE_PREFIX = "#chon:";

  /**
   * A choice after an ask-back: a typed number ("1", "2.") takes that option of the chat's last
   * question; a button's "#chon:<key>" takes the option with that article key, so that it gives the
   * article the button named even if the order of the options has changed since. From the question
   * log, so it works on any instance and after a restart. Empty when the text is neither, or a
   * number after a question that offered no choice.
   */
  public Optional<Reply> typedChoice(String channel, String chatId, String text, Language lang) {
    String t = text.strip();
    boolean byKey = t.startsWith(CHOICE_PREFIX);
    if (!byKey) {
      t = t.replaceAll("[.)!]+$", "");
      if (!t.matches("[1-9]")) {
        return Optional.empty();
      }
    }
    List<QuestionLog.Entry> last;
    try {
      last = questions.recent(channel, chatId, 1);
    } catch (RuntimeException e) {
      log.warn("Last question not read, the choice is not taken: {}", e.getMessage());
      return byKey ? Optional.of(new Reply.Text(Messages.EXPIRED.in(lang))) : Optional.empty();
    }
    if (last.isEmpty()) {
      return byKey ? Optional.of(new Reply.Text(Messages.EXPIRED.in(lang))) : Optional.empty();
    }
    String question = last.get(0).question();
    return byKey
        ? Optional.of(choose(question, t.substring(CHOICE_PREFIX.length()).strip(), lang))
        : chooseNumber(question, Integer.parseInt(t));
  }

  /** A short stable key of an article for buttons (8 hex characters of its id's SHA-256). */
  public static String choiceKey(String articleId) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(articleId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Reply textOnly() {
    return textOnly(Language.VI);
  }

  public Reply textOnly(Language lang) {
    return new Reply.Text(Messages.TEXT_ONLY.in(lang));
  }

  public Reply unknownCommand() {
    return unknownCommand(Language.VI);
  }

  public Reply unknownCommand(Language lang) {
    return new Reply.Text(Messages.UNKNOWN_COMMAND.in(lang) + "\n\n" + Messages.HELP.in(lang));
  }
}
