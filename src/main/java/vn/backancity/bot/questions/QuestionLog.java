package vn.backancity.bot.questions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.AnswerList;
import vn.backancity.bot.answer.Lookup;
import vn.backancity.bot.search.QuestionAnalyzer;
import vn.backancity.bot.storage.Jdbc;

/**
 * Every question asked on a channel, for the review queue, the dashboard and metrics: time,
 * channel, a pseudonym of the asker (never the chat id), the question with long digit runs masked,
 * its normalized form, what was answered and how fast. Chat channels write each question at once
 * (their feedback words look it up next); the public web queues them and a writer stores them in
 * batches every {@link #FLUSH_EVERY}, so that a flood of web questions costs no write each. A full
 * queue ({@link #QUEUE}) drops the entry and counts it rather than slow the answers.
 */
public final class QuestionLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuestionLog.class);
  public static final Duration FLUSH_EVERY = Duration.ofMillis(500);
  static final int QUEUE = 10_000;
  static final int BATCH = 500;
  static final int RESULTS_KEPT = 5;
  // 2025-01-01T00:00:00Z: question ids count seconds from here.
  private static final long ID_EPOCH_SECOND = 1_735_689_600L;
  private static final String INSERT =
      "INSERT INTO asked_questions (id, asked_at, channel, asker, question, normalized, answered,"
          + " curated_id, results, latency_us, cache_hit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";

  /** One logged question, as stored. */
  public record Entry(
      long id,
      long askedAt,
      String channel,
      String asker,
      String question,
      String normalized,
      boolean answered,
      Long curatedId,
      String results,
      long latencyMicros,
      boolean cacheHit) {

    Entry withId(long other) {
      return new Entry(
          other,
          askedAt,
          channel,
          asker,
          question,
          normalized,
          answered,
          curatedId,
          results,
          latencyMicros,
          cacheHit);
    }
  }

  private final DataSource db;
  private final Askers askers;
  private final ObjectMapper json;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // The results of recent answer lists, by identity: a cached answer is the same list every time,
  // and writing its results as JSON for each ask cost 6% of a cached /api/ask.
  private final Cache<AnswerList, Results> results =
      Caffeine.newBuilder().weakKeys().maximumSize(4096).recordStats().build();
  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
  // The queued entries by id (as many as the queue holds), so a vote on one needs no guessing.
  private final Map<Long, Entry> queued = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
  private final Object writing = new Object();
  private ScheduledExecutorService writer;

  public QuestionLog(DataSource db, Askers askers, ObjectMapper json, Clock clock) {
    this.db = db;
    this.askers = askers;
    this.json = json;
    this.clock = clock;
  }

  /** Starts the writer of queued (web) questions. */
  public synchronized QuestionLog start() {
    if (writer == null) {
      writer =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("question-log").daemon().factory());
      long every = FLUSH_EVERY.toMillis();
      writer.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Called with every question logged (metrics count them). */
  public void onLogged(Consumer<Entry> listener) {
    listeners.add(listener);
  }

  /**
   * Logs a question asked in a chat, written before this returns; its id is the feedback handle.
   */
  public long record(String channel, String chatId, String question, Lookup lookup) {
    Entry e = entry(channel, askers.of(channel, chatId), question, lookup);
    write(List.of(e));
    return e.id();
  }

  /**
   * Logs a question asked on the web, stored within {@link #FLUSH_EVERY}; its id is the feedback
   * handle.
   */
  public long submit(String channel, String clientId, String question, Lookup lookup) {
    Entry e = entry(channel, askers.of(channel, clientId), question, lookup);
    // Ids are random within their second (32 bits): two in one second can meet. The questions of
    // the last half second are all still queued, so a clash with one of them takes another id
    // rather than overwriting its entry (whose id is the other asker's handle for votes).
    while (queued.putIfAbsent(e.id(), e) != null) {
      e = e.withId(nextId());
    }
    if (!queue.offer(e)) {
      queued.remove(e.id());
      long n = dropped.incrementAndGet();
      if (n == 1 || n % 1000 == 0) {
        log.warn("Question log queue full: {} questions not logged so far", n);
      }
    }
    return e.id();
  }

  /**
   * The last questions asked in a chat (or by a web client), newest first, written ones only: the
   * conversation a request to the staff shows, found by the asker's pseudonym.
   */
  public List<Entry> recent(String channel, String chatId, int limit) {
    return Jdbc.query(
        db,
        "read a chat's last questions",
        "SELECT id, asked_at, channel, asker, question, normalized, answered, curated_id, results,"
            + " latency_us, cache_hit FROM asked_questions WHERE channel = ? AND asker = ?"
            + " ORDER BY asked_at DESC LIMIT ?",
        QuestionLog::entry,
        channel,
        askers.of(channel, chatId),
        limit);
  }

  /**
   * A question by its id if it was asked in this chat (or by this web client): an id from a button
   * or a web page is anyone's to forge, and gives nobody another person's question.
   */
  public Optional<Entry> find(long id, String channel, String chatId) {
    String asker = askers.of(channel, chatId);
    Entry queuedEntry = queued.get(id);
    if (queuedEntry != null) {
      return Optional.of(queuedEntry)
          .filter(e -> e.channel().equals(channel) && e.asker().equals(asker));
    }
    return Jdbc.query(
            db,
            "read a logged question",
            "SELECT id, asked_at, channel, asker, question, normalized, answered, curated_id,"
                + " results, latency_us, cache_hit FROM asked_questions WHERE id = ?"
                + " AND channel = ? AND asker = ?",
            QuestionLog::entry,
            id,
            channel,
            asker)
        .stream()
        .findFirst();
  }

  private static Entry entry(java.sql.ResultSet rs) throws SQLException {
    long curated = rs.getLong(8);
    Long curatedId = rs.wasNull() ? null : curated;
    return new Entry(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getBoolean(7),
        curatedId,
        rs.getString(9),
        rs.getLong(10),
        rs.getBoolean(11));
  }

  /** Questions not logged because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Writes the queued questions now if the one with this id is among them (a vote on it came before
   * the writer ran); true when it was. Ids never given out cost nothing.
   */
  public boolean flushIfQueued(long id) {
    if (!queued.containsKey(id)) {
      return false;
    }
    flush();
    return true;
  }

  /** Writes the queued questions now. */
  public void flush() {
    synchronized (writing) {
      List<Entry> batch = new ArrayList<>(BATCH);
      while (queue.drainTo(batch, BATCH) > 0) {
        write(batch);
        batch.clear();
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Question log not written, trying again: {}", e.getMessage());
    }
  }

  private Entry entry(String channel, String asker, String question, Lookup lookup) {
    // Kept only for the answer cache's lists: another list is new on every ask.
    Results kept =
        lookup.shared() ? results.get(lookup.list(), this::results) : results(lookup.list());
    return new Entry(
        nextId(),
        clock.millis(),
        channel,
        asker,
        mask(question),
        lookup.key(),
        !lookup.list().answers().isEmpty(),
        kept.curated(),
        kept.json(),
        lookup.micros(),
        lookup.cacheHit());
  }

  /** The kept results' hits and loads (a load is an answer list's results written), for tests. */
  public CacheStats keptResults() {
    return results.stats();
  }

  /** What the log keeps of an answer list: its first results as JSON, the curated answer's id. */
  private record Results(String json, Long curated) {}

  private Results results(AnswerList list) {
    ArrayNode results = json.createArrayNode();
    Long curated = null;
    for (Answer a : list.answers()) {
      if (results.size() == RESULTS_KEPT) {
        break;
      }
      if (a.curated()) {
        curated = Long.parseLong(a.articleId().substring(a.articleId().indexOf(':') + 1));
      }
      results.addObject().put("id", a.articleId()).put("score", Math.round(a.score() * 1000) / 1e3);
    }
    return new Results(results.toString(), curated);
  }

  /** The question with phone and ID numbers replaced by "•••". */
  static String mask(String question) {
    return QuestionAnalyzer.maskNumbers(question);
  }

  /**
   * The second it is given in (since 2025, 31 bits: until 2093), then 32 random bits. In time
   * order, so that inserts append to the id index instead of rewriting a random page of it each
   * (measured: 4× the writer's cost at 2,500 questions a flush on 600k rows); random within the
   * second, so that an asker cannot guess another's id from their own.
   */
  private long nextId() {
    long second = Math.max(0, clock.millis() / 1000 - ID_EPOCH_SECOND) & 0x7FFF_FFFFL;
    long id;
    do {
      id = second << 32 | (random.nextInt() & 0xFFFF_FFFFL);
    } while (id == 0);
    return id;
  }

  private void write(List<Entry> batch) {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(INSERT)) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        for (Entry e : batch) {
          st.setLong(1, e.id());
          st.setLong(2, e.askedAt());
          st.setString(3, e.channel());
          st.setString(4, e.asker());
          st.setString(5, e.question());
          st.setString(6, e.normalized());
          st.setBoolean(7, e.answered());
          if (e.curatedId() == null) {
            st.setNull(8, Types.BIGINT);
          } else {
            st.setLong(8, e.curatedId());
          }
          st.setString(9, e.results());
          st.setLong(10, e.latencyMicros());
          st.setBoolean(11, e.cacheHit());
          st.addBatch();
        }
        st.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot log questions", e);
    }
    for (Entry e : batch) {
      queued.remove(e.id());
      listeners.forEach(l -> l.accept(e));
    }
  }

  /**
   * Deletes up to {@code batch} questions asked before {@code before}, their votes, votes cast
   * before it, and dismissals made before it.
   */
  public int prune(long before, int batch) {
    Jdbc.update(
        db,
        "prune feedback",
        "DELETE FROM feedback WHERE question_id IN (SELECT id FROM asked_questions"
            + " WHERE asked_at < ? ORDER BY asked_at LIMIT ?)",
        before,
        batch);
    // A vote cast while its question was being deleted, or on a question already gone.
    Jdbc.update(
        db,
        "prune old votes",
        "DELETE FROM feedback WHERE (question_id, voter) IN (SELECT question_id, voter"
            + " FROM feedback WHERE voted_at < ? LIMIT ?)",
        before,
        batch);
    Jdbc.update(
        db,
        "prune review dismissals",
        "DELETE FROM review_dismissals WHERE normalized IN (SELECT normalized"
            + " FROM review_dismissals WHERE dismissed_at < ? LIMIT ?)",
        before,
        batch);
    return Jdbc.update(
        db,
        "prune the question log",
        "DELETE FROM asked_questions WHERE id IN (SELECT id FROM asked_questions"
            + " WHERE asked_at < ? ORDER BY asked_at LIMIT ?)",
        before,
        batch);
  }

  /** Stops the writer after storing what is queued. */
  @Override
  public void close() {
    ScheduledExecutorService w;
    synchronized (this) {
      w = writer;
      writer = null;
    }
    if (w != null) {
      w.shutdown();
      try {
        w.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushQuietly();
  }
}
