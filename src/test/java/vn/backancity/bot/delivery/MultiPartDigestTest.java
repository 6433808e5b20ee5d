package vn.backancity.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.MutableClock;
import vn.backancity.bot.testing.TestApps;

/**
 * A full digest is more than one Telegram message. At 07:00, 500 two-part digests go out through a
 * fake Bot API that enforces Telegram's limits (30 messages/s, 1/s per chat) and fails every 13th
 * message: every platform message takes its own token, so at 29/s no 429 is ever drawn, and a retry
 * resumes at the part that failed, so no part arrives twice.
 */
class MultiPartDigestTest {
  static final int CHATS = 500;
  static final long FIRST = 600_000;

  @TempDir Path data;

  @Test
  void twoPartDigestsAt29PerSecondDrawNo429AndNoPartTwice() throws Exception {
    // 06:59 in Vietnam: subscribers join before today's 07:00 digest.
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T23:59:00Z"), true);
    try (FakeBotApi api = new FakeBotApi().limit(30).failEvery(13).quiet()) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("telegram.token", "123:digest");
      settings.put("telegram.api-url", api.url());
      settings.put("telegram.bot-username", "BacKanCityBot");
      settings.put("delivery.rate", 29);
      settings.put("delivery.backoff", "200ms");
      settings.put("delivery.max-backoff", "1s");
      settings.put("digest.tick", "200ms");
      settings.put("data.bootstrap-articles", "none");
      try (App app = App.open(TestApps.settings(data, settings), clock)) {
        for (long id = FIRST; id < FIRST + CHATS; id++) {
          Recipient r = new Recipient("telegram", String.valueOf(id), "private");
          app.chats().touch(r.channel(), r.chatId(), r.kind(), null);
          app.subscriptions().subscribe(r, null);
        }
        app.publish(articles());
        clock.set(Instant.parse("2026-11-30T00:00:01Z")); // 07:00:01 in Vietnam
        Service service = Service.start(app, "127.0.0.1");
        try {
          long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
          while (sentDigests(app) < CHATS && System.nanoTime() < deadline) {
            Thread.sleep(200);
          }
        } finally {
          service.close();
        }
        assertThat(sentDigests(app)).as("digests sent whole").isEqualTo(CHATS);
      }
      Map<Long, List<String>> texts = api.deliveredTexts();
      assertThat(texts).hasSize(CHATS);
      for (long id = FIRST; id < FIRST + CHATS; id++) {
        List<String> parts = texts.get(id);
        assertThat(parts).as("chat %d: two parts, each once", id).hasSize(2);
        assertThat(parts.get(0)).isNotEqualTo(parts.get(1)).contains("Bản tin");
      }
      assertThat(api.rateLimitedAt()).as("429s drawn").isEmpty();
      assertThat(api.serverErrors()).as("500s were answered, and retried").isGreaterThan(20);
    }
  }

  /** Ten articles whose digest (title, first sentence, link each) is over 4,096 characters. */
  static List<Article> articles() {
    List<Article> out = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String sentence =
          ("Ngày %d/11, Ủy ban nhân dân thành phố Bắc Kạn tổ chức hội nghị triển khai kế hoạch"
                  + " phát triển kinh tế - xã hội, xây dựng nông thôn mới và chuyển đổi số tại các"
                  + " phường, xã trên địa bàn, với sự tham gia của đại diện các sở, ngành, đoàn thể"
                  + " và đông đảo người dân, doanh nghiệp, hợp tác xã trong toàn thành phố lần thứ %d.")
              .formatted(i, i);
      out.add(
          new Article(
              "digest-" + i,
              "Thành phố Bắc Kạn triển khai đồng bộ nhiều giải pháp phát triển kinh tế - xã hội,"
                  + " nâng cao đời sống vật chất và tinh thần của nhân dân, đẩy mạnh cải cách hành"
                  + " chính, chuyển đổi số, xây dựng đô thị văn minh, giữ vững quốc phòng - an ninh"
                  + " trên địa bàn trong năm 2026 và những năm tiếp theo, phần "
                  + i,
              "https://backancity.gov.vn/tin-tuc/" + i,
              null,
              sentence,
              List.of("Nội dung chi tiết của bài viết số " + i + "."),
              List.of(),
              null,
              List.of()));
    }
    return out;
  }

  static int sentDigests(App app) throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM outbox WHERE kind = 'digest' AND status = 'sent'"
                        + " AND parts_sent = 2")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
