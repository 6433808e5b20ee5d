package vn.backancity.bot.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Per-feed state (validators, successes, errors, backoff) and items already fetched. */
final class FeedState {
  private final DataSource db;

  FeedState(DataSource db) {
    this.db = db;
  }

  /** Validators of the last successful fetch: {etag, lastModified}, entries may be null. */
  String[] validators(String url) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT etag, last_modified FROM feed_sources WHERE url = ?")) {
      st.setString(1, url);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : new String[2];
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read feed state", e);
    }
  }

  void ensure(String url, String name) {
    update(
        "INSERT INTO feed_sources (url, name, failures, next_attempt, articles)"
            + " VALUES (?, ?, 0, 0, 0) ON CONFLICT (url) DO UPDATE SET name = excluded.name",
        url,
        name);
  }

  void succeeded(
      String url, String etag, String lastModified, Instant now, Instant next, int added) {
    update(
        "UPDATE feed_sources SET etag = ?, last_modified = ?, last_success = ?, last_error = NULL,"
            + " failures = 0, next_attempt = ?, articles = articles + ? WHERE url = ?",
        etag,
        lastModified,
        now.toEpochMilli(),
        next.toEpochMilli(),
        added,
        url);
  }

  void failed(String url, String error, Instant now, Instant next) {
    update(
        "UPDATE feed_sources SET last_error = ?, last_error_at = ?, failures = failures + 1,"
            + " next_attempt = ? WHERE url = ?",
        error,
        now.toEpochMilli(),
        next.toEpochMilli(),
        url);
  }

  int failures(String url) {
    return statuses().stream()
        .filter(s -> s.url().equals(url))
        .mapToInt(SourceStatus::failures)
        .findFirst()
        .orElse(0);
  }

  List<SourceStatus> statuses() {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT * FROM feed_sources ORDER BY name");
        ResultSet rs = st.executeQuery()) {
      List<SourceStatus> out = new ArrayList<>();
      while (rs.next()) {
        out.add(
            new SourceStatus(
                rs.getString("name"),
                rs.getString("url"),
                instant(rs, "last_success"),
                rs.getString("last_error"),
                instant(rs, "last_error_at"),
                rs.getInt("failures"),
                instant(rs, "next_attempt"),
                rs.getInt("articles")));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read feed states", e);
    }
  }

  /** The version marker recorded for an item, or null when it was never fetched. */
  String marker(String articleId) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT marker FROM feed_items WHERE article_id = ?")) {
      st.setString(1, articleId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read feed item", e);
    }
  }

  void fetched(String articleId, String sourceUrl, String marker, Instant now) {
    update(
        "INSERT INTO feed_items (article_id, source_url, marker, fetched_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (article_id) DO UPDATE SET marker = excluded.marker,"
            + " fetched_at = excluded.fetched_at",
        articleId,
        sourceUrl,
        marker,
        now.toEpochMilli());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private void update(String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] == null) {
          st.setNull(i + 1, Types.VARCHAR);
        } else {
          st.setObject(i + 1, params[i]);
        }
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update feed state", e);
    }
  }
}
