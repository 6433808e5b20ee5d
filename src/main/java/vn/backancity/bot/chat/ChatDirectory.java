package vn.backancity.bot.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * Every chat that ever wrote to the bot, per channel, and whether it can still be reached (a user
 * who blocked the bot, or a group that removed it, is inactive).
 */
public final class ChatDirectory {
  private final DataSource db;
  private final Clock clock;

  public ChatDirectory(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Notes that a chat wrote: creates it, or marks it active and seen now. */
  public void touch(String channel, String chatId, String kind, String title) {
    String sql =
        "INSERT INTO chats (channel, chat_id, kind, title, first_seen, last_seen, active)"
            + " VALUES (?, ?, ?, ?, ?, ?, TRUE) ON CONFLICT (channel, chat_id) DO UPDATE SET"
            + " kind = excluded.kind, title = excluded.title, last_seen = excluded.last_seen,"
            + " active = TRUE";
    long now = clock.millis();
    update(sql, channel, chatId, kind, title, now, now);
  }

  /**
   * SQL for a chat's language from the columns of {@code chats} under alias {@code c}: its explicit
   * choice, else English when the platform's code says so, else Vietnamese ('vi' / 'en').
   */
  public static String languageSql(String c) {
    return "COALESCE("
        + c
        + ".language, CASE WHEN LOWER("
        + c
        + ".language_code) LIKE 'en%'"
        + " THEN 'en' ELSE 'vi' END)";
  }

  /**
   * Only the rows of {@code recipients} (a query of channel, chat_id, kind) whose chat speaks
   * {@code lang}; the caller adds the language's code after the query's own parameters.
   */
  public static String speaking(String recipients) {
    return "SELECT r.channel, r.chat_id, r.kind FROM ("
        + recipients
        + ") r"
        + " JOIN chats lc ON lc.channel = r.channel AND lc.chat_id = r.chat_id"
        + " WHERE "
        + languageSql("lc")
        + " = ?";
  }

  /**
   * As {@link #touch(String, String, String, String)}, noting the language the platform gives for
   * the user (Telegram's {@code language_code}; null leaves the last one known).
   */
  public void touch(String channel, String chatId, String kind, String title, String languageCode) {
    touch(channel, chatId, kind, title);
    if (languageCode != null && !languageCode.isBlank()) {
      String code = languageCode.length() > 16 ? languageCode.substring(0, 16) : languageCode;
      update(
          "UPDATE chats SET language_code = ? WHERE channel = ? AND chat_id = ?",
          code,
          channel,
          chatId);
    }
  }

  /** Keeps a chat's explicit choice of language: it wins over the platform's code from now on. */
  public void chooseLanguage(String channel, String chatId, Language lang) {
    update(
        "UPDATE chats SET language = ? WHERE channel = ? AND chat_id = ?",
        lang.code(),
        channel,
        chatId);
  }

  /** The language of the bot's own texts to a chat (Vietnamese for a chat never seen). */
  public Language language(String channel, String chatId) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT " + languageSql("c") + " FROM chats c WHERE channel = ? AND chat_id = ?")) {
      st.setString(1, channel);
      st.setString(2, chatId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Language.of(rs.getString(1)) : Language.VI;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read chat " + channel + "/" + chatId, e);
    }
  }

  /** Marks a chat unreachable: blocked, deactivated, or the bot was removed. */
  public void deactivate(String channel, String chatId) {
    update("UPDATE chats SET active = FALSE WHERE channel = ? AND chat_id = ?", channel, chatId);
  }

  /** Whether the chat is known and active. */
  public boolean isActive(String channel, String chatId) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT active FROM chats WHERE channel = ? AND chat_id = ?")) {
      st.setString(1, channel);
      st.setString(2, chatId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read chat " + channel + "/" + chatId, e);
    }
  }

  /** How many chats are active on a channel. */
  public int activeCount(String channel) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT COUNT(*) FROM chats WHERE channel = ? AND active = TRUE")) {
      st.setString(1, channel);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count chats", e);
    }
  }

  private void update(String sql, Object... params) {
    Jdbc.update(db, "update chats", sql, params);
  }
}
