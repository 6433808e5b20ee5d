package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestDatabases;

/**
 * A broadcast must not slow the replies to citizens, nor its own sending: with a month of sent
 * messages (kept 30 days), a broadcast of 20,000 held for quiet hours and one of 20,000 queued
 * after it, a claim of the reply lane or of the push lane must cost about what it costs on an
 * outbox without them. Measured on two databases, claims taken in turns (medians), on PostgreSQL
 * with the statistics autovacuum gives it.
 */
class OutboxBacklogTest {
  static final int SENT = 100_000;
  static final int QUEUED = 20_000;
  static final int REPLIES = 8;

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));

  Database open(String vendor, String file) throws Exception {
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    return TestDatabases.open(vendor, url, dir.resolve(file));
  }

  /** {@code n} pushes of announcement {@code id}, in one statement. */
  static void broadcast(Outbox outbox, Connection c, long id, int n) throws Exception {
    outbox.enqueueAll(
        c,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
            + n
            + ") SELECT 'telegram' AS channel, CAST(i + "
            + id * 1_000_000
            + " AS VARCHAR(20)) AS chat_id, 'private' AS kind FROM n",
        List.of(),
        "announcement",
        "announcement:" + id,
        id,
        new Reply.Bulletin("Thông báo", "Thử " + id, null, List.of(), 0, null),
        null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aBroadcastAndAMonthOfSentMessagesDoNotSlowTheClaims(String vendor) throws Exception {
    try (Database quiet = open(vendor, "quiet.db");
        Database busy = open(vendor, "busy.db")) {
      Outbox calm = new Outbox(quiet.dataSource(), quiet.vendor(), clock, App.jsonMapper());
      Outbox loaded = new Outbox(busy.dataSource(), busy.vendor(), clock, App.jsonMapper());
      try (Connection c = busy.dataSource().getConnection()) {
        c.setAutoCommit(false);
        broadcast(loaded, c, 1, SENT);
        // A broadcast held for its subscribers' quiet hours, until tomorrow morning.
        broadcast(loaded, c, 3, QUEUED);
        try (Statement st = c.createStatement()) {
          st.executeUpdate("UPDATE outbox SET status = 'sent' WHERE announcement_id = 1");
          // As Outbox.defer holds a push: its time and its place in line are tomorrow morning.
          long tomorrow = clock.millis() + 86_400_000L;
          st.executeUpdate(
              "UPDATE outbox SET not_before = "
                  + tomorrow
                  + ", due_at = "
                  + tomorrow
                  + " WHERE announcement_id = 3");
        }
        broadcast(loaded, c, 2, QUEUED);
        c.commit();
      }
      try (Connection c = quiet.dataSource().getConnection()) {
        c.setAutoCommit(false);
        broadcast(calm, c, 2, 20);
        c.commit();
      }
      for (Outbox o : List.of(calm, loaded)) {
        for (int i = 0; i < REPLIES; i++) {
          o.enqueueReply(
              new Recipient("telegram", "r" + i, "private"),
              "k" + i,
              new Reply.Text("Xin chào"),
              clock.millis() + 600_000);
        }
      }
      // What autovacuum does in production after such a change (SQLite keeps no statistics).
      if (vendor.equals("postgresql")) {
        for (Database db : List.of(quiet, busy)) {
          try (Connection c = db.dataSource().getConnection();
              Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE outbox");
          }
        }
      }
      for (int lane : new int[] {Outbox.REPLY_LANE, Outbox.PUSH_LANE}) {
        long[][] nanos = new long[2][41];
        for (int round = 0; round < nanos[0].length; round++) {
          for (int which = 0; which < 2; which++) {
            Outbox o = which == 0 ? calm : loaded;
            long start = System.nanoTime();
            List<OutboxMessage> claimed = o.claim("telegram", lane, "w", 10, 60_000);
            nanos[which][round] = System.nanoTime() - start;
            assertThat(claimed).hasSize(lane == Outbox.REPLY_LANE ? REPLIES : 10);
            for (OutboxMessage m : claimed) {
              o.release(m.id(), "w", clock.millis());
            }
          }
        }
        Arrays.sort(nanos[0]);
        Arrays.sort(nanos[1]);
        double calmMs = nanos[0][20] / 1e6;
        double busyMs = nanos[1][20] / 1e6;
        System.out.printf(
            "Outbox claim (%s, lane %d), median of 41: %.3f ms with %,d sent, %,d held and %,d"
                + " queued,"
                + " %.3f ms without (%.1fx)%n",
            vendor, lane, busyMs, SENT, QUEUED, QUEUED, calmMs, busyMs / calmMs);
        assertThat(busyMs).as("lane %d", lane).isLessThan(3 * calmMs + 1.0);
      }
    }
  }

  /**
   * A row handed back (a pause between one chat's messages, the next part of a long message, a
   * retry) keeps its place in line: claimed again before the rows queued after it, so that one
   * chat's messages keep their order and a digest's second part does not wait behind every first
   * part of a broadcast.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aRowHandedBackKeepsItsPlaceInLine(String vendor) throws Exception {
    try (Database db = open(vendor, "bot.db")) {
      Outbox outbox = new Outbox(db.dataSource(), db.vendor(), clock, App.jsonMapper());
      try (Connection c = db.dataSource().getConnection()) {
        c.setAutoCommit(false);
        List<String> chats = List.of("x", "y", "x", "z1", "z2", "z3");
        for (int i = 0; i < chats.size(); i++) {
          String chat = chats.get(i);
          outbox.enqueue(
              c,
              new Recipient("telegram", chat, "private"),
              "announcement",
              "announcement:" + i,
              new Reply.Bulletin("Thông báo", "Thử", null, List.of(), 0, null),
              clock.millis());
        }
        c.commit();
      }
      OutboxMessage first = outbox.claim("telegram", Outbox.PUSH_LANE, "w", 1, 60_000).get(0);
      assertThat(first.chatId()).isEqualTo("x");
      // Paced: chat x's next message may go in a second.
      outbox.release(first.id(), "w", clock.millis() + 1_000);
      clock.advance(java.time.Duration.ofSeconds(2));
      OutboxMessage again = outbox.claim("telegram", Outbox.PUSH_LANE, "w", 1, 60_000).get(0);
      assertThat(again.id()).as("its place, ahead of y's").isEqualTo(first.id());
      // Its first part sent, the second waits a second.
      assertThat(outbox.partSent(again.id(), "w", 1, clock.millis() + 1_000)).isTrue();
      clock.advance(java.time.Duration.ofSeconds(2));
      assertThat(outbox.claim("telegram", Outbox.PUSH_LANE, "w", 1, 60_000))
          .extracting(OutboxMessage::id)
          .containsExactly(first.id());
    }
  }
}
