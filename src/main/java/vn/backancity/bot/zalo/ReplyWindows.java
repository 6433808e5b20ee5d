package vn.backancity.bot.zalo;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * Zalo's reply window per user: free messages are limited to {@link #MAX_MESSAGES} within {@link
 * #LENGTH} of the user's last message. Kept in the database so every instance sees it.
 */
final class ReplyWindows {
  static final Duration LENGTH = Duration.ofHours(48);
  static final int MAX_MESSAGES = 8;

  private final DataSource db;
  private final Clock clock;

  ReplyWindows(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The user wrote: a new window opens. */
  void open(String userId) {
    update(
        "INSERT INTO reply_windows (channel, chat_id, opened_at, used) VALUES ('zalo', ?, ?, 0)"
            + " ON CONFLICT (channel, chat_id) DO UPDATE SET opened_at = excluded.opened_at,"
            + " used = 0",
        userId,
        clock.millis());
  }

  /** Takes one free message of the user's window; false when it is closed or used up. */
  boolean tryUse(String userId) {
    return update(
            "UPDATE reply_windows SET used = used + 1 WHERE channel = 'zalo' AND chat_id = ?"
                + " AND opened_at > ? AND used < ?",
            userId,
            clock.millis() - LENGTH.toMillis(),
            MAX_MESSAGES)
        == 1;
  }

  private int update(String sql, Object... params) {
    return Jdbc.update(db, "update the reply window", sql, params);
  }
}
