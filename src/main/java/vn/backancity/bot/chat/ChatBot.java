package vn.backancity.bot.chat;

import java.util.List;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Answerer;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.article.ArticleStore;

/**
 * The conversation, the same on every channel: what to reply to a question, a command or a request
 * for more. Knows nothing of Telegram, Zalo or HTTP.
 */
public final class ChatBot {
  public static final int LATEST = 5;

  private final Answerer answerer;
  private final ArticleStore articles;
  private final Links links;
  private final int pageSize;

  public ChatBot(Answerer answerer, ArticleStore articles, Links links, int pageSize) {
    this.answerer = answerer;
    this.articles = articles;
    this.links = links;
    this.pageSize = pageSize;
  }

  public Reply welcome() {
    return new Reply.Text(Messages.WELCOME + "\n\n" + Messages.HELP);
  }

  public Reply help() {
    return new Reply.Text(Messages.HELP);
  }

  /** Page {@code page} (1-based) of the answers to a question; help for an empty one. */
  public Reply ask(String question, int page) {
    String q = question == null ? "" : question.strip();
    AnswerList list = answerer.ask(q);
    if (list.blank()) {
      return help();
    }
    if (list.answers().isEmpty()) {
      return page == 1 ? new Reply.NotFound(q) : new Reply.Text(Messages.NO_MORE);
    }
    // A page number comes back from a button, which anyone can forge: past the answers is simply
    // "no more" (and no int overflow on the way).
    long start = ((long) Math.max(1, page) - 1) * pageSize;
    if (start >= list.answers().size()) {
      return new Reply.Text(Messages.NO_MORE);
    }
    int from = (int) start;
    List<Answer> answers = list.page(from, pageSize);
    if (answers.isEmpty()) {
      return new Reply.Text(Messages.NO_MORE);
    }
    boolean more = from + pageSize < list.answers().size();
    return new Reply.Answers(q, answers, page, from, more);
  }

  public Reply latest() {
    List<Reply.Latest.Item> items =
        articles.latest(LATEST).stream()
            .map(a -> new Reply.Latest.Item(a.title(), links.of(a), a.publishedAt()))
            .toList();
    return items.isEmpty() ? new Reply.Text(Messages.NO_ARTICLES) : new Reply.Latest(items);
  }

  public Reply textOnly() {
    return new Reply.Text(Messages.TEXT_ONLY);
  }

  public Reply unknownCommand() {
    return new Reply.Text(Messages.UNKNOWN_COMMAND);
  }
}
