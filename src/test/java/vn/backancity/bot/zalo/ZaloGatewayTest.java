package vn.backancity.bot.zalo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.delivery.Delivery;
import vn.backancity.bot.testing.TestApps;

/** Zalo calls against a fake Zalo API on loopback that stalls after its headers. */
class ZaloGatewayTest {
  @TempDir Path data;
  FakeZaloApi zalo;
  App app;

  @BeforeEach
  void start() throws Exception {
    zalo = new FakeZaloApi();
    app =
        App.open(
            TestApps.settings(
                data,
                Map.of(
                    "zalo.app-id", "1",
                    "zalo.oa-secret", "oa-secret",
                    "zalo.app-secret", "app-secret",
                    "zalo.access-token", "access-0",
                    "zalo.refresh-token", "refresh-0",
                    "zalo.api-url", zalo.url(),
                    "zalo.oauth-url", zalo.url())),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    app.close();
    zalo.close();
  }

  static final Duration DEADLINE = Duration.ofSeconds(1);

  ZaloGateway gateway() {
    return gateway(tokens());
  }

  ZaloGateway gateway(ZaloTokens tokens) {
    OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).build();
    return new ZaloGateway(app.settings().zalo().apiUrl(), tokens, http, app.json(), DEADLINE);
  }

  ZaloTokens tokens() {
    OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).build();
    return new ZaloTokens(
        app.database().dataSource(),
        app.settings().zalo(),
        http,
        app.json(),
        app.clock(),
        DEADLINE);
  }

  @Test
  void aRefreshNeededAtTheEndOfAMessagesDeadlineGetsItsOwnTimeAndTheNewPairIsKept()
      throws Exception {
    zalo.accept(null, "refresh-0"); // access-0 is rejected: a refresh is needed
    zalo.sendDelayMillis = 800; // the rejection comes when 0.2 s of the 1 s deadline are left
    zalo.refreshDelayMillis = 400; // Zalo spends refresh-0 whether or not we wait for the answer
    ZaloTokens tokens = tokens();
    gateway(tokens).send("u1", "xin chào"); // may run out of time: it is retried later

    zalo.sendDelayMillis = 0;
    String access = tokens.current(Deadline.after(Duration.ofSeconds(2)));
    assertThat(zalo.refreshes()).as("one refresh, its answer kept").containsExactly("refresh-0");
    assertThat(access).isNotEqualTo("access-0");
    assertThat(gateway(tokens).send("u1", "lần nữa").ok()).isTrue();
  }

  @Test
  void aSendThatStallsAfterTheHeadersFailsRetryablyWithinItsDeadline() {
    zalo.accept("access-0", "refresh-0");
    zalo.stallSends = true;
    ZaloGateway gateway = gateway();

    // The JDK HttpClient waited for the body forever: past the outbox lease, so sent twice.
    ZaloGateway.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> gateway.send("u1", "xin chào"));

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).as("no answer: retryable").isNull();
    assertThat(r.message()).contains("timeout").contains("1000 ms").doesNotContain("access-0");
  }

  @Test
  void aTokenRefreshThatStallsAfterTheHeadersFailsRetryablyWithinItsDeadline() {
    zalo.accept(null, "refresh-0"); // access-0 is rejected: a refresh is needed
    zalo.stallRefreshes = true;
    ZaloGateway gateway = gateway();

    ZaloGateway.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> gateway.send("u1", "xin chào"));

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isNull();
    assertThat(r.message()).contains("timeout").doesNotContain("refresh-0");
  }

  @Test
  void theOutboxRetriesAStalledSendLaterInsteadOfWaiting() {
    zalo.accept("access-0", "refresh-0");
    zalo.stallSends = true;
    ReplyWindows windows = new ReplyWindows(app.database().dataSource(), app.clock());
    windows.open("u1");
    ZaloSender sender = new ZaloSender(gateway(), windows, false);

    Delivery d =
        assertTimeoutPreemptively(
            Duration.ofSeconds(3),
            () -> sender.render("u1", new Reply.Text("Lịch cắt điện")).get(0).send());

    assertThat(d)
        .isInstanceOfSatisfying(Delivery.Failed.class, f -> assertThat(f.retry()).isTrue());
  }

  @Test
  void aMessagesDeadlineIsWellUnderTheOutboxLease() {
    assertThat(ZaloGateway.deadlineFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(20));
    assertThat(ZaloGateway.deadlineFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
  }
}
