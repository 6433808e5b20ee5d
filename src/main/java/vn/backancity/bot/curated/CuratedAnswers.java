package vn.backancity.bot.curated;

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

  private final DataSource db;
  private final Function<String, String> normalizer;
  private final Clock clock;
  private final ReentrantLock reloading = new ReentrantLock();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Long.MIN_VALUE);

  private record Snapshot(Map<String, CuratedAnswer> byKey, long readAt) {}

  /**
   * @param normalizer a question's match key ({@code QuestionAnalyzer#matchKey}); empty when the
   *     question has no words
   */
  public CuratedAnswers(DataSource db, Function<String, String> normalizer, Clock clock) {
    this.db = db;
    this.normalizer = normalizer;
    this.clock = clock;
  }

  /** The id of a curated answer shown as an {@link Answer}, or -1 when it is not one. */
  public static long idOf(Answer answer) {
    return answer.curated() ? Long.parseLong(answer.articleId().substring(PREFIX.length())) : -1;
  }

  /** A question's match key; empty when it has no words to match. */
  public String key(String question) {
    return normalizer.apply(question);
  }

  @Override
  public Optional<Answer> answerFor(String key) {
    CuratedAnswer found = current().byKey().get(key);
    if (found == null
        || (found.expiresAt() != null && !found.expiresAt().isAfter(clock.instant()))) {
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

  private Snapshot current() {
    Snapshot s = snapshot;
    if (clock.millis() - s.readAt() >= REFRESH.toMillis() && reloading.tryLock()) {
      try {
        reload();
        s = snapshot;
      } finally {
        reloading.unlock();
      }
    }
    return s;
  }

  private void reload() {
    Map<String, CuratedAnswer> byKey = new HashMap<>();
    Map<Long, List<String>> keys = new HashMap<>();
    Jdbc.query(
            db,
            "read curated keys",
            "SELECT answer_id, normalized FROM curated_questions",
            rs -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(e -> keys.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    // Oldest first, so that a key two answers share goes to the latest change.
    List<CuratedAnswer> all = new ArrayList<>(list());
    all.sort((a, b) -> a.updatedAt().compareTo(b.updatedAt()));
    for (CuratedAnswer a : all) {
      keys.getOrDefault(a.id(), List.of()).forEach(k -> byKey.put(k, a));
    }
    snapshot = new Snapshot(Map.copyOf(byKey), clock.millis());
  }

  /** Stores a new curated answer; returns its id. Validated by the caller. */
  public long create(CuratedAnswer.Draft draft) {
    long id = inTransaction(c -> insert(c, draft));
    reload();
    return id;
  }

  /** Replaces a curated answer; false when there is none with this id. */
  public boolean update(long id, CuratedAnswer.Draft draft) {
    boolean found =
        inTransaction(
            c -> {
              try (PreparedStatement st =
                  c.prepareStatement(
                      "UPDATE curated_answers SET text = ?, link = ?, expires_at = ?,"
                          + " updated_at = ? WHERE id = ?")) {
                st.setString(1, draft.text());
                setNullable(st, 2, draft.link());
                setNullable(
                    st, 3, draft.expiresAt() == null ? null : draft.expiresAt().toEpochMilli());
                st.setLong(4, clock.millis());
                st.setLong(5, id);
                if (st.executeUpdate() == 0) {
                  return false;
                }
              }
              deleteQuestions(c, id);
              insertQuestions(c, id, draft.questions());
              return true;
            });
    reload();
    return found;
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
    reload();
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
        st.setString(4, key(questions.get(i)));
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
