package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.storage.Database;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestDatabases;

/**
 * The outbox's rows over their life, on both databases: a claim takes at most its batch, pushes
 * past their expiry are never sent, held pushes expire instead of arriving weeks late, finished
 * rows are pruned after the retention, and a restart takes back at once what its crash left.
 */
class OutboxLifecycleTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T01:00:00Z"));

  Database open(String vendor) throws Exception {
    String url = vendor.equals("postgresql") ? TestDatabases.newPostgresSchema() : null;
    return TestDatabases.open(vendor, url, dir.resolve("bot.db"));
  }

  Outbox outbox(Database db) {
    return new Outbox(db.dataSource(), db.vendor(), clock, App.jsonMapper(), Duration.ofDays(3));
  }

  static Recipient chat(int i) {
    return new Recipient("telegram", String.valueOf(800_000 + i), "private");
  }

  void queue(Database db, Outbox outbox, int n) throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < n; i++) {
        outbox.enqueue(
            c,
            chat(i),
            "announcement",
            "announcement:1",
            new Reply.Bulletin("Thông báo", "Mất điện " + i, null, List.of(), 0, null),
            clock.millis());
      }
      c.commit();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aClaimTakesAtMostItsBatch(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      Outbox outbox = outbox(db);
      queue(db, outbox, 300);

      List<OutboxMessage> first = outbox.claim("telegram", Outbox.PUSH_LANE, "a:1", 50, 60_000);
      List<OutboxMessage> second = outbox.claim("telegram", Outbox.PUSH_LANE, "b:1", 50, 60_000);

      assertThat(first).hasSize(50);
      assertThat(second).hasSize(50);
      assertThat(first)
          .extracting(OutboxMessage::id)
          .doesNotContainAnyElementsOf(second.stream().map(OutboxMessage::id).toList());
      assertThat(outbox.statusCounts("telegram"))
          .as("only the claimed rows are being sent")
          .isEqualTo(Map.of("sending", 100, "queued", 200));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aClaimThatRanOutBeforeItsSendIsNotSentByTheWorkerThatLostIt(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      Outbox outbox = outbox(db);
      queue(db, outbox, 1);
      OutboxMessage slow = outbox.claim("telegram", Outbox.PUSH_LANE, "a:1", 1, 1_000).get(0);
      assertThat(outbox.holdForSend(slow.id(), "a:1", clock.millis() + 1_000)).isTrue();

      clock.advance(Duration.ofSeconds(2)); // a waited behind a slow platform past its lease
      assertThat(outbox.claim("telegram", Outbox.PUSH_LANE, "b:1", 1, 60_000)).hasSize(1);

      assertThat(outbox.holdForSend(slow.id(), "a:1", clock.millis() + 1_000))
          .as("a must not send what b now holds")
          .isFalse();
      assertThat(outbox.holdForSend(slow.id(), "b:1", clock.millis() + 1_000)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void repliesAreClaimedInTheirOwnLane(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      Outbox outbox = outbox(db);
      queue(db, outbox, 10);
      outbox.enqueueReply(chat(99), "re:1:0", new Reply.Text("Xin chào"), clock.millis() + 60_000);
      assertThat(
              outbox.enqueueReply(
                  chat(99), "re:1:0", new Reply.Text("Xin chào"), clock.millis() + 60_000))
          .as("the same update's reply again: nothing added")
          .isFalse();

      List<OutboxMessage> replies = outbox.claim("telegram", Outbox.REPLY_LANE, "r:1", 50, 60_000);

      assertThat(replies).hasSize(1);
      assertThat(replies.get(0).reply()).isTrue();
      assertThat(outbox.message(replies.get(0))).isEqualTo(new Reply.Text("Xin chào"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void pushesPastTheirExpiryAreNeverSentAndHeldOnesExpire(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      Outbox outbox = outbox(db);
      queue(db, outbox, 2);
      List<OutboxMessage> claimed = outbox.claim("telegram", Outbox.PUSH_LANE, "a:1", 1, 60_000);
      outbox.held(claimed.get(0).id(), "a:1", "outside the reply window");

      clock.advance(Duration.ofDays(3).plusMinutes(1));

      assertThat(outbox.releaseHeld("telegram", chat(0).chatId()))
          .as("a held push past its expiry is not released when the chat writes")
          .isZero();
      outbox.expire();
      assertThat(outbox.statusCounts("telegram")).isEqualTo(Map.of("expired", 2));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void finishedRowsArePrunedAfterTheRetentionInBatches(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      Outbox outbox = outbox(db);
      queue(db, outbox, 30);
      for (OutboxMessage m : outbox.claim("telegram", Outbox.PUSH_LANE, "a:1", 20, 60_000)) {
        outbox.sent(m.id(), "a:1", 1);
      }
      clock.advance(Duration.ofDays(31));

      assertThat(outbox.prune(clock.millis() - Duration.ofDays(30).toMillis(), 15)).isEqualTo(15);
      assertThat(outbox.prune(clock.millis() - Duration.ofDays(30).toMillis(), 15)).isEqualTo(5);
      assertThat(outbox.statusCounts("telegram"))
          .as("rows not finished are kept")
          .isEqualTo(Map.of("queued", 10));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aRestartedInstanceTakesBackWhatItsCrashLeftClaimed(String vendor) throws Exception {
    try (Database db = open(vendor)) {
      Outbox outbox = outbox(db);
      queue(db, outbox, 5);
      outbox.claim("telegram", Outbox.PUSH_LANE, "inst1:telegram-aaaa-1", 5, 60_000);
      outbox.claim("telegram", Outbox.PUSH_LANE, "inst2:telegram-bbbb-1", 5, 60_000);
      assertThat(outbox.claim("telegram", Outbox.PUSH_LANE, "x", 5, 60_000)).isEmpty();

      assertThat(outbox.recover("inst1:telegram-")).isEqualTo(5);
      assertThat(outbox.claim("telegram", Outbox.PUSH_LANE, "inst1:telegram-cccc-1", 5, 60_000))
          .as("claimable at once, not after the 60 s lease")
          .hasSize(5);
    }
  }
}
