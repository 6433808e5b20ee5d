package vn.backancity.bot.curated;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.answer.CuratedSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * The curated answers in the database, and their lookup by normalized question. Lookups use a
 * snapshot in memory, read again after every change made here and at most {@link #REFRESH} after a
 * change made on another instance.
 */
public final class CuratedAnswers implements CuratedSource {
  public static final String TITLE = "Câu trả lời chính thức của thành phố";
  static final Duration REFRESH = Duration.ofSeconds(3);
  private static final String PREFIX = "curated:";

  private static final Logger log = LoggerFactory.getLogger(CuratedAnswers.class);

  /**
   * A question's two match keys: as typed when it has diacritics (else empty), and without them.
   */
  public record Keys(String exact, String folded) {
    boolean isEmpty() {
      return folded.isEmpty();
    }
  }

  private final DataSource db;
  private final Function<String, Keys> keysOf;
  private final Clock clock;
  private final ReentrantLock reloading = new ReentrantLock();
  // Keys of the variants seen, so that a reload analyzes only new or changed questions.
  private final Cache<String, Keys> keyMemo = Caffeine.newBuilder().maximumSize(100_000).build();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), -1);

  /**
   * Which answers each key names, newest change first; as read at {@code readAt} (epoch ms; -1:
   * never read yet).
   */
  private record Snapshot(
      Map<String, List<CuratedAnswer>> byExact,
      Map<String, List<CuratedAnswer>> byFolded,
      long readAt) {}

  /**
   * @param keysOf a question's match keys ({@code QueryTerms#matchKey} as typed and {@code
   *     QuestionAnalyzer#foldedKey}); empty when the question has no words. Computed again from the
   *     questions' text at every start, so that a changed abbreviations file applies.
   */
  public CuratedAnswers(DataSource db, Function<String, Keys> keysOf, Clock clock) {
    this.db = db;
    this.keysOf = keysOf;
    this.clock = clock;
  }

  /** The id of a curated answer shown as an {@link Answer}, or -1 when it is not one. */
  public static long idOf(Answer answer) {
    return answer.curated() ? Long.parseLong(answer.articleId().substring(PREFIX.length())) : -1;
  }

  /** A question's match keys; empty when it has no words to match. */
  public Keys keys(String question) {
    return keyMemo.get(question, keysOf);
  }

  @Override
  public Optional<Answer> answerFor(String exact, String folded) {
    Snapshot s = current();
    CuratedAnswer found = exact.isEmpty() ? null : inForce(s.byExact().get(exact), false);
    if (found == null) {
      found = inForce(s.byFolded().get(folded), true);
    }
    if (found == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Answer(
            PREFIX + found.id(),
            TITLE,
            found.link(),
            found.updatedAt(),
            found.text(),
            List.of(),
            1.0,
            true));
  }

  /**
   * The newest of the answers a key names that has not expired; null when none, or, for a key
   * without diacritics, when it names several answers (a question typed without accents may be
   * either: search answers it instead).
   */
  private CuratedAnswer inForce(List<CuratedAnswer> named, boolean unambiguous) {
    if (named == null) {
      return null;
    }
    List<CuratedAnswer> live =
        named.stream()
            .filter(a -> a.expiresAt() == null || a.expiresAt().isAfter(clock.instant()))
            .toList();
    if (live.isEmpty() || (unambiguous && live.size() > 1)) {
      return null;
    }
    return live.get(0);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    if (s.readAt() < 0) {
      reloading.lock(); // the first read waits for the answers
    } else if (clock.millis() - s.readAt() < REFRESH.toMillis() || !reloading.tryLock()) {
      return s; // fresh enough, or another thread is reading: the old snapshot meanwhile
    }
    try {
      if (snapshot == s) {
        reload();
      }
      return snapshot;
    } finally {
      reloading.unlock();
    }
  }

  /** Reads the answers again; on a failure keeps the old ones (and tries again later). */
  private void reload() {
    try {
      List<CuratedAnswer> all = list();
      Map<String, List<CuratedAnswer>> byExact = new HashMap<>();
      Map<String, List<CuratedAnswer>> byFolded = new HashMap<>();
      // Newest change first (as list() reads them): the first of a key's answers in force wins.
      for (CuratedAnswer a : all) {
        for (String q : a.questions()) {
          Keys k = keys(q);
          if (!k.exact().isEmpty()) {
            add(byExact, k.exact(), a);
          }
          add(byFolded, k.folded(), a);
        }
      }
      snapshot = new Snapshot(Map.copyOf(byExact), Map.copyOf(byFolded), clock.millis());
    } catch (RuntimeException e) {
      log.warn("Curated answers not read again, the last ones stay in use: {}", e.getMessage());
      Snapshot old = snapshot;
      snapshot = new Snapshot(old.byExact(), old.byFolded(), clock.millis());
    }
  }

  private static void add(Map<String, List<CuratedAnswer>> map, String key, CuratedAnswer a) {
    List<CuratedAnswer> list = map.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(a)) {
      list.add(a);
    }
  }

  /** Reads the answers again now, as a write here must be seen at once. */
  private void reloadNow() {
    reloading.lock();
    try {
      reload();
    } finally {
      reloading.unlock();
    }
  }

  /**
   * Refuses a draft whose question, as typed, another answer in force already has (the other's id
   * named): one question, one official answer. An expired answer gives its questions up.
   *
   * @param self the id the draft replaces, or -1
   * @param taken exact keys of other drafts going in with this one, to their row; added to
   */
  private void checkFree(CuratedAnswer.Draft draft, long self, Map<String, Integer> taken) {
    Snapshot s = current();
    for (String q : draft.questions()) {
      Keys k = keys(q);
      // Typed with accents, a question is one answer's; typed without, it must not be another's
      // in any accents (it would be ambiguous: then it would match neither).
      List<CuratedAnswer> same =
          k.exact().isEmpty()
              ? s.byFolded().getOrDefault(k.folded(), List.of())
              : s.byExact().getOrDefault(k.exact(), List.of());
      for (CuratedAnswer other : same) {
        boolean expired = other.expiresAt() != null && !other.expiresAt().isAfter(clock.instant());
        if (other.id() != self && !expired) {
          throw new IllegalArgumentException(
              "field 'questions': \"" + q + "\" already has curated answer " + other.id());
        }
      }
      String mine = k.exact().isEmpty() ? "~" + k.folded() : k.exact();
      Integer row = taken.putIfAbsent(mine, taken.size());
      if (row != null) {
        throw new IllegalArgumentException("field 'questions': \"" + q + "\" is given twice");
      }
    }
  }

  /** Stores a new curated answer; returns its id. Validated by the caller. */
  public long create(CuratedAnswer.Draft draft) {
    checkFree(draft, -1, new HashMap<>());
    long id = inTransaction(c -> insert(c, draft));
    reloadNow();
    return id;
  }

  /**
   * Stores many answers in one transaction, each replacing the answer of its id when there is one
   * (id null: a new answer); all or none. Returns how many replaced an existing answer.
   *
   * @throws Rejected naming the first draft (0-based) that another answer or draft conflicts with
   */
  public int storeAll(List<Long> ids, List<CuratedAnswer.Draft> drafts) {
    Map<String, Integer> taken = new HashMap<>();
    for (int i = 0; i < drafts.size(); i++) {
      try {
        checkFree(drafts.get(i), ids.get(i) == null ? -1 : ids.get(i), taken);
      } catch (IllegalArgumentException e) {
        throw new Rejected(i, e.getMessage());
      }
    }
    int replaced =
        inTransaction(
            c -> {
              int n = 0;
              for (int i = 0; i < drafts.size(); i++) {
                Long id = ids.get(i);
                if (id != null && replace(c, id, drafts.get(i))) {
                  n++;
                } else {
                  insert(c, drafts.get(i));
                }
              }
              return n;
            });
    reloadNow();
    return replaced;
  }

  /** A draft of a batch refused: its position and why. */
  public static final class Rejected extends IllegalArgumentException {
    private final int index;

    Rejected(int index, String message) {
      super(message);
      this.index = index;
    }

    public int index() {
      return index;
    }
  }

  /** Replaces a curated answer; false when there is none with this id. */
  public boolean update(long id, CuratedAnswer.Draft draft) {
    checkFree(draft, id, new HashMap<>());
    boolean found = inTransaction(c -> replace(c, id, draft));
    reloadNow();
    return found;
  }

  private boolean replace(Connection c, long id, CuratedAnswer.Draft draft) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE curated_answers SET text = ?, link = ?, expires_at = ?,"
                + " updated_at = ? WHERE id = ?")) {
      st.setString(1, draft.text());
      setNullable(st, 2, draft.link());
      setNullable(st, 3, draft.expiresAt() == null ? null : draft.expiresAt().toEpochMilli());
      st.setLong(4, clock.millis());
      st.setLong(5, id);
      if (st.executeUpdate() == 0) {
        return false;
      }
    }
    deleteQuestions(c, id);
    insertQuestions(c, id, draft.questions());
    return true;
  }

  /** Deletes a curated answer; false when there was none. */
  public boolean delete(long id) {
    boolean found =
        inTransaction(
            c -> {
              deleteQuestions(c, id);
              try (PreparedStatement st =
                  c.prepareStatement("DELETE FROM curated_answers WHERE id = ?")) {
                st.setLong(1, id);
                return st.executeUpdate() > 0;
              }
            });
    reloadNow();
    return found;
  }

  public Optional<CuratedAnswer> find(long id) {
    return read(id).stream().findFirst();
  }

  /** Every curated answer, newest change first. */
  public List<CuratedAnswer> list() {
    return read(null);
  }

  /** One answer by id, or all of them when {@code id} is null. */
  private List<CuratedAnswer> read(Long id) {
    Object[] params = id == null ? new Object[0] : new Object[] {id};
    Map<Long, List<String>> questions = new HashMap<>();
    Jdbc.query(
            db,
            "read curated questions",
            "SELECT answer_id, question FROM curated_questions"
                + (id == null ? "" : " WHERE answer_id = ?")
                + " ORDER BY answer_id, position",
            rs -> Map.entry(rs.getLong(1), rs.getString(2)),
            params)
        .forEach(
            e -> questions.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Map<Long, CuratedAnswer> out = new LinkedHashMap<>();
    Jdbc.query(
            db,
            "read curated answers",
            "SELECT id, text, link, expires_at, created_at, updated_at FROM curated_answers"
                + (id == null ? "" : " WHERE id = ?")
                + " ORDER BY updated_at DESC, id DESC",
            rs -> {
              long expires = rs.getLong(4);
              boolean never = rs.wasNull();
              long answerId = rs.getLong(1);
              return new CuratedAnswer(
                  answerId,
                  questions.getOrDefault(answerId, List.of()),
                  rs.getString(2),
                  rs.getString(3),
                  never ? null : Instant.ofEpochMilli(expires),
                  Instant.ofEpochMilli(rs.getLong(5)),
                  Instant.ofEpochMilli(rs.getLong(6)));
            },
            params)
        .forEach(a -> out.put(a.id(), a));
    return List.copyOf(out.values());
  }

  private long insert(Connection c, CuratedAnswer.Draft draft) throws SQLException {
    long now = clock.millis();
    long id;
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO curated_answers (text, link, expires_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, draft.text());
      setNullable(st, 2, draft.link());
      setNullable(st, 3, draft.expiresAt() == null ? null : draft.expiresAt().toEpochMilli());
      st.setLong(4, now);
      st.setLong(5, now);
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    insertQuestions(c, id, draft.questions());
    return id;
  }

  private void insertQuestions(Connection c, long id, List<String> questions) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO curated_questions (answer_id, position, question, normalized)"
                + " VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < questions.size(); i++) {
        st.setLong(1, id);
        st.setInt(2, i);
        st.setString(3, questions.get(i));
        st.setString(4, keys(questions.get(i)).folded());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private static void deleteQuestions(Connection c, long id) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("DELETE FROM curated_questions WHERE answer_id = ?")) {
      st.setLong(1, id);
      st.executeUpdate();
    }
  }

  private static void setNullable(PreparedStatement st, int i, Object value) throws SQLException {
    if (value == null) {
      st.setNull(i, Types.NULL);
    } else {
      st.setObject(i, value);
    }
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = db.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot change curated answers", e);
    }
  }
}
