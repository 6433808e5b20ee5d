package vn.backancity.bot.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import vn.backancity.bot.storage.Jdbc;

/**
 * Articles in the relational database, the source of truth the search index is built from. Every
 * change is also recorded in the {@link ArticleChanges change feed}, in the same transaction.
 */
public final class ArticleStore {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final int FILL_PAGE = 500;
  // Ids per query of findAll: well under every database's limit on parameters.
  private static final int FIND_CHUNK = 500;
  private static final String COLUMNS =
      "id, title, url, published_at, lead, paragraphs, captions, author, tags";

  private final DataSource db;
  private final ObjectMapper json;
  private final Clock clock;
  private final ArticleChanges changes;

  public ArticleStore(DataSource db, ObjectMapper json, Clock clock) {
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.changes = new ArticleChanges(db, clock);
  }

  /** The change feed that every write of this store records into. */
  public ArticleChanges changes() {
    return changes;
  }

  /**
   * Inserts new articles and replaces changed ones, in one transaction. An article whose content is
   * unchanged keeps its row as it was and records no change.
   *
   * @return how many rows were inserted or changed
   */
  public int upsertAll(List<Article> articles) {
    String sql =
        "INSERT INTO articles ("
            + COLUMNS
            + ", content_hash, text_hash, created_at, updated_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
            + "ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url, "
            + "published_at = excluded.published_at, lead = excluded.lead, "
            + "paragraphs = excluded.paragraphs, captions = excluded.captions, "
            + "author = excluded.author, tags = excluded.tags, "
            + "content_hash = excluded.content_hash, text_hash = excluded.text_hash, "
            + "updated_at = excluded.updated_at "
            + "WHERE articles.content_hash <> excluded.content_hash";
    long now = clock.millis();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      List<String> changed = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(sql)) {
        changes.begin(c);
        for (Article a : articles) {
          st.setString(1, a.id());
          st.setString(2, a.title());
          st.setString(3, a.url());
          if (a.publishedAt() == null) {
            st.setNull(4, Types.BIGINT);
          } else {
            st.setLong(4, a.publishedAt().toEpochMilli());
          }
          st.setString(5, a.lead());
          st.setString(6, toJson(a.paragraphs()));
          st.setString(7, toJson(a.captions()));
          st.setString(8, a.author());
          st.setString(9, toJson(a.tags()));
          st.setString(10, contentHash(a));
          st.setString(11, textHash(a));
          st.setLong(12, now);
          st.setLong(13, now);
          if (st.executeUpdate() > 0) {
            changed.add(a.id());
          }
        }
        changes.recordAll(c, changed, ArticleChanges.Kind.UPSERT);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      return changed.size();
    } catch (SQLException e) {
      throw new StoreException("could not save articles", e);
    }
  }

  /**
   * The id of another article with the same text (title and prose, see {@link #textHash}) under
   * whatever address and date, if one exists: a republished copy.
   */
  public Optional<String> sameTextAs(Article article) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT id FROM articles WHERE text_hash = ? AND id <> ? LIMIT 1")) {
      st.setString(1, textHash(article));
      st.setString(2, article.id());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not look up article content", e);
    }
  }

  /**
   * Gives the rows saved before text hashes existed (migration V6) theirs, so that {@link
   * #sameTextAs} sees them. Touches neither {@code content_hash} nor {@code updated_at}: the index
   * stays current.
   *
   * @return how many rows were filled
   */
  public int fillTextHashes() {
    int filled = 0;
    while (true) { // in pages: a large legacy table never sits in memory whole
      List<Article> missing =
          query(
              "SELECT " + COLUMNS + " FROM articles WHERE text_hash IS NULL ORDER BY id LIMIT ?",
              FILL_PAGE);
      if (missing.isEmpty()) {
        return filled;
      }
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement st =
            c.prepareStatement(
                "UPDATE articles SET text_hash = ? WHERE id = ? AND text_hash IS NULL")) {
          for (Article a : missing) {
            st.setString(1, textHash(a));
            st.setString(2, a.id());
            st.addBatch();
          }
          st.executeBatch();
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("could not fill text hashes", e);
      }
      filled += missing.size();
    }
  }

  /** Deletes an article, leaving a tombstone in the change feed; false when there was none. */
  public boolean delete(String id) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement st = c.prepareStatement("DELETE FROM articles WHERE id = ?")) {
        changes.begin(c);
        st.setString(1, id);
        boolean deleted = st.executeUpdate() == 1;
        if (deleted) {
          changes.record(c, id, ArticleChanges.Kind.DELETE);
        }
        c.commit();
        return deleted;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not delete article " + id, e);
    }
  }

  public Optional<Article> find(String id) {
    List<Article> found = query("SELECT " + COLUMNS + " FROM articles WHERE id = ?", id);
    return found.stream().findFirst();
  }

  /** The articles among {@code ids} that exist, by id (read a few hundred at a time). */
  public Map<String, Article> findAll(Collection<String> ids) {
    Map<String, Article> out = new HashMap<>();
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += FIND_CHUNK) {
      out.putAll(findChunk(all.subList(from, Math.min(all.size(), from + FIND_CHUNK))));
    }
    return out;
  }

  private Map<String, Article> findChunk(Collection<String> ids) {
    Map<String, Article> out = new HashMap<>();
    String marks = Jdbc.placeholders(ids.size());
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM articles WHERE id IN (" + marks + ")")) {
      int i = 1;
      for (String id : ids) {
        st.setString(i++, id);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Article a = read(rs);
          out.put(a.id(), a);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read articles", e);
    }
  }

  /** The most recent articles, by publication date where known, else by import time. */
  public List<Article> latest(int limit) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM articles ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT ?",
        limit);
  }

  /**
   * Articles first imported in (after, upTo] (epoch ms) and published since {@code publishedSince}
   * or undated, newest first: what digests and alerts announce. The publication filter keeps an
   * import of old articles from flooding subscribers.
   */
  public List<Added> added(long after, long upTo, long publishedSince) {
    return added(after, upTo, publishedSince, Integer.MAX_VALUE);
  }

  /**
   * The newest {@code limit} of {@link #added(long, long, long)}: a bulk import of undated articles
   * counts as fresh, and a scan must not hold a whole archive in memory.
   */
  public List<Added> added(long after, long upTo, long publishedSince, int limit) {
    String sql =
        "SELECT "
            + COLUMNS
            + ", created_at FROM articles WHERE created_at > ? AND created_at <= ?"
            + " AND (published_at IS NULL OR published_at >= ?)"
            + " ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT ?";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, after);
      st.setLong(2, upTo);
      st.setLong(3, publishedSince);
      st.setInt(4, limit);
      return readAdded(st);
    } catch (SQLException e) {
      throw new StoreException("could not read new articles", e);
    }
  }

  /** An article with the time it was first imported (epoch ms). */
  public record Added(Article article, long createdAt) {
    /** Where a page that ends with this article stopped. */
    public Position position() {
      return new Position(createdAt, article.id());
    }
  }

  /** A place in the order of {@link #addedPage}: newest import first, then id descending. */
  public record Position(long createdAt, String id) {
    public Position {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * Up to {@code limit} articles first imported in (after, upTo], newest import first (ties by id,
   * descending), starting just after {@code from} (null: from the newest). A keyset page over the
   * created_at index: a page costs the same however deep it is and however many rows the range
   * holds, unlike {@link #added}, which reads the whole range.
   */
  public List<Added> addedPage(long after, long upTo, Position from, int limit) {
    String sql =
        "SELECT "
            + COLUMNS
            + ", created_at FROM articles WHERE created_at > ? AND created_at <= ?"
            + (from == null ? "" : " AND (created_at < ? OR id < ?)")
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      int i = 1;
      st.setLong(i++, after);
      // From a position, the index range starts at its time: rows before it are never read.
      st.setLong(i++, from == null ? upTo : Math.min(upTo, from.createdAt()));
      if (from != null) {
        st.setLong(i++, from.createdAt());
        st.setString(i++, from.id());
      }
      st.setInt(i, limit);
      return readAdded(st);
    } catch (SQLException e) {
      throw new StoreException("could not read a page of new articles", e);
    }
  }

  private List<Added> readAdded(PreparedStatement st) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      List<Added> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Added(read(rs), rs.getLong("created_at")));
      }
      return out;
    }
  }

  public int count() {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM articles");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new StoreException("could not count articles", e);
    }
  }

  /**
   * The sequence number of the last change recorded (0 when none): it grows with every insert,
   * update and delete, so a derived index that holds it is current. Replaces the former
   * "count:max(updated_at)" version, which missed a delete paired with an insert.
   */
  public long sequence() {
    return changes.latest();
  }

  /** Streams every article in id order, for rebuilding the index. */
  public void forEach(Consumer<Article> action) {
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT " + COLUMNS + " FROM articles ORDER BY id")) {
      st.setFetchSize(500);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          action.accept(read(rs));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("could not read articles", e);
    }
  }

  private List<Article> query(String sql, Object param) {
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setObject(1, param);
      try (ResultSet rs = st.executeQuery()) {
        List<Article> out = new ArrayList<>();
        while (rs.next()) {
          out.add(read(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("could not read articles", e);
    }
  }

  private Article read(ResultSet rs) throws SQLException {
    long published = rs.getLong("published_at");
    // wasNull speaks of the last column read: ask it now, not after reading the url.
    Instant publishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(published);
    return new Article(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("url"),
        publishedAt,
        rs.getString("lead"),
        fromJson(rs.getString("paragraphs")),
        fromJson(rs.getString("captions")),
        rs.getString("author"),
        fromJson(rs.getString("tags")));
  }

  private String toJson(List<String> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize strings", e);
    }
  }

  private List<String> fromJson(String text) {
    try {
      return json.readValue(text, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * What tells one text from another, whatever its address: the title and the prose (lead and
   * paragraphs). Captions, author, tags, URL and date are left out; two pages that say the same are
   * one article.
   */
  public static String textHash(Article a) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(a.title().getBytes(StandardCharsets.UTF_8));
      for (String part : a.prose()) {
        sha.update((byte) 0);
        sha.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything saved: a re-import with the same hash changes nothing. */
  private String contentHash(Article a) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          List.of(
              a.title(),
              String.valueOf(a.url()),
              String.valueOf(a.publishedAt()),
              a.lead(),
              toJson(a.paragraphs()),
              toJson(a.captions()),
              String.valueOf(a.author()),
              toJson(a.tags()))) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
