package vn.backancity.bot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** One-statement reads and writes, for the stores whose work is single statements. */
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
      bind(st, params);
      return st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  /** Maps one row of a result to a value. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs one SELECT on its own connection and maps every row (nulls bound as in update). */
  public static <T> List<T> query(
      DataSource db, String what, String sql, Row<T> row, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, params);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  private static void bind(PreparedStatement st, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] == null) {
        st.setNull(i + 1, Types.NULL);
      } else {
        st.setObject(i + 1, params[i]);
      }
    }
  }

  /** "?, ?, ?": {@code n} placeholders for an IN list. */
  public static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
