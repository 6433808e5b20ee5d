package vn.backancity.bot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import javax.sql.DataSource;

/** One-statement writes, for the stores whose writes are single statements. */
public final class Jdbc {
  private Jdbc() {}

  /**
   * Runs one INSERT, UPDATE or DELETE on its own connection; a null parameter is bound as SQL NULL
   * of unspecified type (PostgreSQL infers it). Returns the rows changed.
   *
   * @param what what the statement does, for the error message
   */
  public static int update(DataSource db, String what, String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] == null) {
          st.setNull(i + 1, Types.NULL);
        } else {
          st.setObject(i + 1, params[i]);
        }
      }
      return st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  /** "?, ?, ?": {@code n} placeholders for an IN list. */
  public static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
