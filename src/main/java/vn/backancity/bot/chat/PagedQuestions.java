package vn.backancity.bot.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * Questions behind "Xem thêm" buttons, by chat and a short id that fits in a button. In the
 * database rather than in one instance's memory: a load balancer may route the button press to
 * another instance, or the instance that answered may have restarted. Kept {@link #KEEP}, then
 * pruned by housekeeping.
 */
public final class PagedQuestions {
  /** How long a "Xem thêm" button keeps working. */
  public static final Duration KEEP = Duration.ofDays(2);

  private final DataSource db;
  private final Clock clock;

  public PagedQuestions(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Remembers a question (again: its time starts over) for the chat's button with this id. */
  public void remember(String channel, String chatId, String questionId, String question) {
    Jdbc.update(
        db,
        "remember a paged question",
        "INSERT INTO paged_questions (channel, chat_id, question_id, question, expires_at)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, chat_id, question_id) DO UPDATE SET"
            + " question = excluded.question, expires_at = excluded.expires_at",
        channel,
        chatId,
        questionId,
        question,
        clock.millis() + KEEP.toMillis());
  }

  /** The question behind the chat's button with this id, unless it is unknown or expired. */
  public Optional<String> find(String channel, String chatId, String questionId) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT question FROM paged_questions WHERE channel = ? AND chat_id = ?"
                    + " AND question_id = ? AND expires_at > ?")) {
      st.setString(1, channel);
      st.setString(2, chatId);
      st.setString(3, questionId);
      st.setLong(4, clock.millis());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a paged question", e);
    }
  }

  /** Deletes up to {@code batch} expired questions; returns how many. */
  public int prune(int batch) {
    return Jdbc.update(
        db,
        "prune paged questions",
        "DELETE FROM paged_questions WHERE (channel, chat_id, question_id) IN (SELECT channel,"
            + " chat_id, question_id FROM paged_questions WHERE expires_at <= ? LIMIT ?)",
        clock.millis(),
        batch);
  }
}
