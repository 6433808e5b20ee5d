package vn.backancity.bot;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.article.ArticleChanges;
import vn.backancity.bot.chat.PagedQuestions;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.handoff.HandoffDesk;
import vn.backancity.bot.inbox.Inbox;
import vn.backancity.bot.questions.QuestionLog;

/**
 * Keeps the inbox, the outbox, the article change feed, the questions behind "Xem thêm" buttons and
 * the question log (with its votes) from growing without bound: outbox rows past their expiry
 * become 'expired', finished rows (and article changes) older than their retention and expired
 * paged questions are deleted in small batches (short transactions that never hold the single
 * SQLite writer for long). Runs on a timer on every instance: each step is an idempotent statement,
 * so running it twice or on two instances at once does no harm, and nothing depends on counting
 * requests in one process.
 */
final class Housekeeping implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  static final int BATCH = 1000;
  static final Duration EVERY = Duration.ofMinutes(1);

  /**
   * How long article changes are kept: an instance stopped for longer rebuilds its index at its
   * next start instead of catching up (see ArticleCatalog).
   */
  static final Duration CHANGE_RETENTION = Duration.ofDays(7);

  private final Inbox inbox;
  private final Outbox outbox;
  private final PagedQuestions pagedQuestions;
  private final ArticleChanges changes;
  private final QuestionLog questionLog;
  private final Duration inboxRetention;
  private final Duration outboxRetention;
  private final Duration questionRetention;
  private final Clock clock;
  private java.util.function.IntUnaryOperator handoffs = n -> 0;

  Housekeeping(
      Inbox inbox,
      Outbox outbox,
      PagedQuestions pagedQuestions,
      ArticleChanges changes,
      QuestionLog questionLog,
      Duration inboxRetention,
      Duration outboxRetention,
      Duration questionRetention,
      Clock clock) {
    this.questionLog = questionLog;
    this.questionRetention = questionRetention;
    this.inbox = inbox;
    this.outbox = outbox;
    this.pagedQuestions = pagedQuestions;
    this.changes = changes;
    this.inboxRetention = inboxRetention;
    this.outboxRetention = outboxRetention;
    this.clock = clock;
  }

  /**
   * Also prunes the requests to the staff ("hỏi cán bộ"), after the question log's retention: they
   * hold a chat id and a display name.
   */
  Housekeeping withHandoffs(HandoffDesk desk) {
    this.handoffs = n -> desk.prune(clock.millis() - questionRetention.toMillis(), n);
    return this;
  }

  @Override
  public void run() {
    int expired = outbox.expire();
    int heads = inbox.restoreHeads();
    if (heads > 0) {
      log.warn(
          "Housekeeping: {} chats had pending updates and no turn (finished by an instance older"
              + " than V17?): given their turn back",
          heads);
    }
    long now = clock.millis();
    int inboxRows = drain(n -> inbox.prune(now - inboxRetention.toMillis(), n));
    int outboxRows = drain(n -> outbox.prune(now - outboxRetention.toMillis(), n));
    int questions = drain(pagedQuestions::prune);
    int changeRows = drain(n -> changes.prune(now - CHANGE_RETENTION.toMillis(), n));
    int logged = drain(n -> questionLog.prune(now - questionRetention.toMillis(), n));
    int requests = drain(handoffs);
    if (requests > 0) {
      log.info("Housekeeping: pruned {} requests to the staff", requests);
    }
    if (expired + inboxRows + outboxRows + questions + changeRows + logged > 0) {
      log.info(
          "Housekeeping: {} outbox messages expired; pruned {} inbox, {} outbox and {} article"
              + " change rows, {} paged questions and {} logged questions",
          expired,
          inboxRows,
          outboxRows,
          changeRows,
          questions,
          logged);
    }
  }

  private static int drain(java.util.function.IntUnaryOperator prune) {
    int total = 0;
    int n;
    do {
      n = prune.applyAsInt(BATCH);
      total += n;
    } while (n == BATCH);
    return total;
  }
}
