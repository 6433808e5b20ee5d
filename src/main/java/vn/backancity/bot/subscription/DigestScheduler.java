package vn.backancity.bot.subscription;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.article.ArticleStore;
import vn.backancity.bot.chat.ChatDirectory;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.config.DigestSettings;
import vn.backancity.bot.delivery.Outbox;
import vn.backancity.bot.delivery.Recipient;
import vn.backancity.bot.storage.Jdbc;

/**
 * Decides digests and topic alerts, on every tick of an injected clock, and writes them to the
 * outbox in the same transaction that records the decision:
 *
 * <ul>
 *   <li>A chat whose digest time has come today and which has had no digest today gets one:
 *       articles added since its previous digest, newest first (only those matching its topics,
 *       when it follows any). The conditional update of {@code last_digest_day} and the outbox's
 *       unique dedupe key make it one digest a day, across restarts and several instances. No new
 *       articles, no message.
 *   <li>Articles added since the last alert scan that match a topic alert the chats following it,
 *       at most once per topic per {@code alertEvery}. The scan's watermark is advanced with
 *       compare-and-set, so only one instance alerts for a window.
 * </ul>
 *
 * <p>A topic set to "digest only" feeds the digest but never alerts; a muted one does neither (a
 * chat whose every topic is muted gets no digest: its digest is about its topics). An article with
 * a topic's excluded phrase does not match it. A digest or alert decided during the chat's quiet
 * hours is queued to go at their end (not_before), still decided once; alerts that pile up over a
 * quiet night are merged into the one waiting, so the morning brings one message per topic.
 */
public final class DigestScheduler {
  private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
  private static final String ALERT_MARK = "alerts";
  private static final int BATCH = 200;
  private static final int ALERT_ITEMS = 5;
  // Fresh articles one digest or alert scan reads at most, newest first: after a bulk import of
  // undated articles (all "fresh"), the scan stays within a small heap (the service runs in 512
  // MB).
  static final int MAX_FRESH = 2000;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final DataSource db;
  private final Outbox outbox;
  private final ArticleStore articles;
  private final TopicMatcher matcher;
  private final Links links;
  private final DigestSettings settings;
  private final Collection<String> channels;
  private final Clock clock;

  public DigestScheduler(
      DataSource db,
      Outbox outbox,
      ArticleStore articles,
      TopicMatcher matcher,
      Links links,
      DigestSettings settings,
      Collection<String> channels,
      Clock clock) {
    this.db = db;
    this.outbox = outbox;
    this.articles = articles;
    this.matcher = matcher;
    this.links = links;
    this.settings = settings;
    this.channels = List.copyOf(channels);
    this.clock = clock;
  }

  /** One look at the clock: due digests, then alerts. Returns how many messages were queued. */
  public int tick() {
    int queued = digests() + alerts();
    if (queued > 0) {
      outbox.enqueued();
    }
    return queued;
  }

  private record Due(Recipient chat, long since, QuietHours quiet) {
    long notBefore(long now, java.time.ZoneId zone) {
      return quiet == null ? now : quiet.release(now, zone);
    }
  }

  /** Queues today's digests that are due; returns how many messages. */
  int digests() {
    if (channels.isEmpty()) {
      return 0;
    }
    long now = clock.millis();
    ZonedDateTime local = ZonedDateTime.now(clock.withZone(settings.zone()));
    String today = local.toLocalDate().toString();
    String time = local.toLocalTime().format(Subscriptions.HH_MM);
    List<Due> due = dueDigests(today, time);
    if (due.isEmpty()) {
      return 0;
    }
    long oldest = due.stream().mapToLong(Due::since).min().orElse(now);
    List<ArticleStore.Added> fresh =
        articles.added(oldest, now, now - settings.maxAge().toMillis(), MAX_FRESH);
    Map<Article, TopicMatcher.Text> texts = new HashMap<>();
    int queued = 0;
    for (int from = 0; from < due.size(); from += BATCH) {
      List<Due> batch = due.subList(from, Math.min(due.size(), from + BATCH));
      queued += decide(batch, fresh, texts, today, local, now);
    }
    log.info("Digests for {}: {} chats due, {} messages queued", today, due.size(), queued);
    return queued;
  }

  private int decide(
      List<Due> batch,
      List<ArticleStore.Added> fresh,
      Map<Article, TopicMatcher.Text> texts,
      String today,
      ZonedDateTime local,
      long now) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      int queued = 0;
      try {
        for (Due d : batch) {
          // Muted topics are left out; a chat with topics, all muted, gets nothing.
          List<Subscription.Topic> all = Subscriptions.topics(c, d.chat());
          List<Subscription.Topic> topics =
              all.stream().filter(t -> t.mode() != Subscription.Mode.MUTED).toList();
          boolean silenced = !all.isEmpty() && topics.isEmpty();
          List<Article> items = new ArrayList<>();
          for (ArticleStore.Added a : silenced ? List.<ArticleStore.Added>of() : fresh) {
            if (a.createdAt() > d.since() && matchesAny(topics, a.article(), texts)) {
              items.add(a.article());
            }
          }
          // The claim: only one decision per chat and day, whoever runs it.
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE subscriptions SET last_digest_day = ?, since = ?"
                      + " WHERE channel = ? AND chat_id = ?"
                      + " AND (last_digest_day IS NULL OR last_digest_day <> ?)")) {
            st.setString(1, today);
            st.setLong(2, items.isEmpty() ? d.since() : now);
            st.setString(3, d.chat().channel());
            st.setString(4, d.chat().chatId());
            st.setString(5, today);
            if (st.executeUpdate() == 0 || items.isEmpty()) {
              continue;
            }
          }
          Reply.Bulletin digest = digest(items, topics, d.since(), now, local, d.chat().language());
          long notBefore = d.notBefore(now, settings.zone());
          if (outbox.enqueue(c, d.chat(), "digest", "digest:" + today, digest, notBefore)) {
            queued++;
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      return queued;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot queue digests", e);
    }
  }

  private Reply.Bulletin digest(
      List<Article> items,
      List<Subscription.Topic> topics,
      long since,
      long now,
      ZonedDateTime local,
      Language lang) {
    String day = local.format(DAY);
    String header =
        topics.isEmpty()
            ? Messages.DIGEST_HEADER.format(lang, day)
            : Messages.DIGEST_TOPICS_HEADER.format(
                lang,
                day,
                String.join(", ", topics.stream().map(Subscription.Topic::label).toList()));
    int shown = Math.min(items.size(), settings.maxItems());
    int more = items.size() - shown;
    StringBuilder list = new StringBuilder("/tin-moi?tu=" + since + "&den=" + now);
    for (Subscription.Topic t : topics) {
      list.append("&chude=").append(URLEncoder.encode(t.words().spec(), StandardCharsets.UTF_8));
    }
    return new Reply.Bulletin(
        header,
        null,
        null,
        bulletinItems(items.subList(0, shown)),
        more,
        more > 0 ? links.page(list.toString()) : null);
  }

  private List<Reply.Bulletin.Item> bulletinItems(List<Article> items) {
    return items.stream()
        .map(a -> new Reply.Bulletin.Item(a.title(), Summaries.firstSentence(a), links.of(a)))
        .toList();
  }

  private boolean matchesAny(
      List<Subscription.Topic> topics, Article a, Map<Article, TopicMatcher.Text> texts) {
    if (topics.isEmpty()) {
      return true;
    }
    TopicMatcher.Text text = texts.computeIfAbsent(a, matcher::text);
    return topics.stream().anyMatch(t -> matcher.matches(t.words(), text));
  }

  private List<Due> dueDigests(String today, String time) {
    String sql =
        "SELECT s.channel, s.chat_id, c.kind, s.since, s.quiet_from, s.quiet_until, "
            + ChatDirectory.languageSql("c")
            + " FROM subscriptions s"
            + " JOIN chats c ON c.channel = s.channel AND c.chat_id = s.chat_id"
            + " WHERE s.digest = TRUE AND c.active = TRUE AND s.digest_time <= ?"
            + " AND (s.last_digest_day IS NULL OR s.last_digest_day <> ?)"
            + " AND s.channel IN ("
            + Jdbc.placeholders(channels.size())
            + ") ORDER BY s.channel, s.chat_id";
    try (Connection c = db.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, time);
      st.setString(2, today);
      int i = 3;
      for (String channel : channels) {
        st.setString(i++, channel);
      }
      List<Due> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Due(
                  new Recipient(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      Language.of(rs.getString(7))),
                  rs.getLong(4),
                  QuietHours.of(rs.getString(5), rs.getString(6)).orElse(null)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read due digests", e);
    }
  }

  /** Queues alerts for articles added since the last scan; returns how many messages. */
  int alerts() {
    long now = clock.millis();
    Long mark = mark();
    if (mark == null) {
      return 0; // first run: the watermark starts now, nothing older alerts
    }
    // With no channel on, nobody can be alerted: the watermark still moves on.
    List<ArticleStore.Added> fresh =
        channels.isEmpty()
            ? List.of()
            : articles.added(mark, now, now - settings.maxAge().toMillis(), MAX_FRESH);
    if (fresh.size() >= MAX_FRESH) {
      // A bulk import: alerts go out for the newest articles only (the digest still lists them).
      log.warn(
          "Topic alerts: more than {} articles arrived since the last scan; only the newest {}"
              + " are matched",
          MAX_FRESH,
          MAX_FRESH);
    }
    Map<TopicMatcher.Words, List<Article>> matching = new LinkedHashMap<>();
    if (!fresh.isEmpty()) {
      List<TopicMatcher.Text> texts = fresh.stream().map(a -> matcher.text(a.article())).toList();
      for (TopicMatcher.Words key : alertingTopics()) {
        List<Article> hits = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
          if (matcher.matches(key, texts.get(i))) {
            hits.add(fresh.get(i).article());
          }
        }
        if (!hits.isEmpty()) {
          matching.put(key, hits);
        }
      }
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      int queued = 0;
      try {
        try (PreparedStatement st =
            c.prepareStatement(
                "UPDATE scheduler_marks SET value = ? WHERE name = ? AND value = ?")) {
          st.setLong(1, now);
          st.setString(2, ALERT_MARK);
          st.setLong(3, mark);
          if (st.executeUpdate() == 0) {
            c.rollback();
            return 0; // another instance took this window
          }
        }
        for (Map.Entry<TopicMatcher.Words, List<Article>> e : matching.entrySet()) {
          queued += alert(c, e.getKey(), e.getValue(), now);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      if (queued > 0) {
        log.info("Topic alerts: {} messages queued for {} topics", queued, matching.size());
      }
      return queued;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot queue alerts", e);
    }
  }

  private record Follower(Recipient chat, String label, QuietHours quiet) {}

  private int alert(Connection c, TopicMatcher.Words words, List<Article> hits, long now)
      throws SQLException {
    String key = words.key();
    List<Follower> followers = new ArrayList<>();
    String sql =
        "SELECT t.channel, t.chat_id, c.kind, t.label, s.quiet_from, s.quiet_until, "
            + ChatDirectory.languageSql("c")
            + " FROM topics t"
            + " JOIN chats c ON c.channel = t.channel AND c.chat_id = t.chat_id"
            + " LEFT JOIN subscriptions s ON s.channel = t.channel AND s.chat_id = t.chat_id"
            + " WHERE t.topic_key = ? AND t.excluded = ? AND t.mode = ? AND c.active = TRUE"
            + " AND (t.last_alert_at IS NULL OR t.last_alert_at <= ?) AND t.channel IN ("
            + Jdbc.placeholders(channels.size())
            + ")";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, key);
      st.setString(2, words.excludedColumn());
      st.setString(3, Subscription.Mode.ALERT.code());
      st.setLong(4, now - settings.alertEvery().toMillis());
      int i = 5;
      for (String channel : channels) {
        st.setString(i++, channel);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          followers.add(
              new Follower(
                  new Recipient(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      Language.of(rs.getString(7))),
                  rs.getString(4),
                  QuietHours.of(rs.getString(5), rs.getString(6)).orElse(null)));
        }
      }
    }
    int queued = 0;
    List<Reply.Bulletin.Item> items =
        bulletinItems(hits.subList(0, Math.min(ALERT_ITEMS, hits.size())));
    for (Follower f : followers) {
      Recipient chat = f.chat();
      try (PreparedStatement st =
          c.prepareStatement(
              "UPDATE topics SET last_alert_at = ? WHERE channel = ? AND chat_id = ?"
                  + " AND topic_key = ? AND (last_alert_at IS NULL OR last_alert_at <= ?)")) {
        st.setLong(1, now);
        st.setString(2, chat.channel());
        st.setString(3, chat.chatId());
        st.setString(4, key);
        st.setLong(5, now - settings.alertEvery().toMillis());
        if (st.executeUpdate() == 0) {
          continue;
        }
      }
      Reply.Bulletin alert =
          new Reply.Bulletin(
              Messages.ALERT_HEADER.format(f.chat().language(), f.label()),
              null,
              null,
              items,
              Math.max(0, hits.size() - items.size()),
              null);
      long notBefore = f.quiet() == null ? now : f.quiet().release(now, settings.zone());
      String dedupe = "alert:" + key + ":";
      if (notBefore > now) {
        // Quiet hours: merged into this topic's alert already waiting for their end, if any.
        Optional<Outbox.Waiting> waiting = outbox.waiting(c, chat, "alert", dedupe);
        if (waiting.isPresent()
            && outbox.replaceWaiting(
                c, waiting.get().id(), merged(waiting.get().message(), alert))) {
          continue;
        }
      }
      if (outbox.enqueue(c, chat, "alert", dedupe + now, alert, notBefore)) {
        queued++;
      }
    }
    return queued;
  }

  /** A newer alert merged into an older one still waiting: newer articles first, no repeats. */
  static Reply.Bulletin merged(Reply.Bulletin older, Reply.Bulletin newer) {
    List<Reply.Bulletin.Item> items = new ArrayList<>(newer.items());
    java.util.Set<String> seen = new java.util.HashSet<>();
    items.forEach(i -> seen.add(i.link()));
    int more = newer.more() + older.more();
    for (Reply.Bulletin.Item i : older.items()) {
      if (!seen.add(i.link())) {
        continue;
      }
      if (items.size() < ALERT_ITEMS) {
        items.add(i);
      } else {
        more++;
      }
    }
    return new Reply.Bulletin(newer.header(), null, null, items, more, null);
  }

  /** Every distinct topic (its words) that some chat wants alerts for. */
  private List<TopicMatcher.Words> alertingTopics() {
    List<TopicMatcher.Words> keys = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement st =
            c.prepareStatement("SELECT DISTINCT topic_key, excluded FROM topics WHERE mode = ?")) {
      st.setString(1, Subscription.Mode.ALERT.code());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(
              new TopicMatcher.Words(
                  rs.getString(1), TopicMatcher.Words.excludedOf(rs.getString(2))));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read topics", e);
    }
  }

  /** The alert watermark; created at now (returning null) on the first run. */
  private Long mark() {
    try (Connection c = db.getConnection()) {
      try (PreparedStatement st =
          c.prepareStatement("SELECT value FROM scheduler_marks WHERE name = ?")) {
        st.setString(1, ALERT_MARK);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "INSERT INTO scheduler_marks (name, value) VALUES (?, ?)"
                  + " ON CONFLICT (name) DO NOTHING")) {
        st.setString(1, ALERT_MARK);
        st.setLong(2, clock.millis());
        st.executeUpdate();
      }
      return null;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the alert watermark", e);
    }
  }
}
